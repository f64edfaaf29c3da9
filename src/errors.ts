/**
 * Typed errors and the exit codes they map to. Only src/cli/main.ts turns an error into an exit code.
 *
 * Exit codes: 0 ok · 1 data or file error · 2 usage error.
 */
export const ExitCode = { Ok: 0, DataError: 1, UsageError: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad flags or flag values: the user must change the command line. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file that cannot be read or understood, or data that cannot be analysed. Exit 1. */
export class DataError extends Error {
  override name = 'DataError';
}

/** A problem at one place in an input file; the message reads `FILE:LINE: reason`. Exit 1. */
export class InputError extends DataError {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
  }
}
