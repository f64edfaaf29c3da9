/**
 * Typed errors and the exit codes they map to. Only src/cli/main.ts turns an error into an exit code.
 *
 * Exit codes: 0 ok · 1 data or file error · 2 usage error.
 *
 * An error is made from a catalogue message (`new DataError(said('db.missing', { path }))`): its `.message` is
 * the English (library callers, logs, --debug), and the CLI says `said` in the user's language.
 */
import { speak, type Said } from './report/said.js';

export const ExitCode = { Ok: 0, DataError: 1, UsageError: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad flags or flag values: the user must change the command line. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The message as catalogue key and parameters (absent for a plain English message). */
  readonly said?: Said;
  constructor(message: string | Said, options?: ErrorOptions) {
    super(speak('en', message), options);
    if (typeof message !== 'string') this.said = message;
  }
}

/** A file that cannot be read or understood, or data that cannot be analysed. Exit 1. */
export class DataError extends Error {
  override name = 'DataError';
  readonly said?: Said;
  constructor(message: string | Said, options?: ErrorOptions) {
    super(speak('en', message), options);
    if (typeof message !== 'string') this.said = message;
  }
}

/** A problem at one place in an input file; the message reads `FILE:LINE: reason`. Exit 1. */
export class InputError extends DataError {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string | Said,
  ) {
    super(line === null ? `${file}: ${speak('en', reason)}` : `${file}:${line}: ${speak('en', reason)}`);
  }
}

/** What an error says in `lang`: its message from the catalogue, an input error's place and reason; else its English. */
export function errorText(e: Error, lang: 'en' | 'zh'): string {
  if (e instanceof InputError) return `${e.line === null ? e.file : `${e.file}:${e.line}`}: ${speak(lang, e.reason)}`;
  if ((e instanceof DataError || e instanceof UsageError) && e.said) return speak(lang, e.said);
  return e.message;
}
