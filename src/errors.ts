/**
 * Typed errors and the exit codes they map to. Only src/cli/main.ts turns an error into an exit code.
 *
 * Exit codes: 0 ok · 1 data or file error · 2 usage error.
 *
 * An error is made from a catalogue message (`new DataError(said('db.missing', { path }))`): its `.message` is
 * the English (library callers, logs, --debug), and the CLI says `said` in the user's language.
 */
import type { MessageKey } from './report/messages.js';
import { isSaid, said, speak, type Said, type SaidArgs } from './report/said.js';

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

/**
 * A value a function does not take (a library caller's mistake: the CLI checks its flags first), as a catalogue
 * message. A RangeError, so callers that catch RangeError still do; `.message` is the English.
 */
export class CodedRangeError extends RangeError {
  readonly said: Said;
  constructor(message: Said) {
    super(speak('en', message));
    this.said = message;
  }
}

/**
 * How the pure layers (src/analytics) refuse: a catalogue key (a code) and its numbers, said later in the user's
 * language. `throw rangeError('analysis.rfm.bins', { min: 2, max: 9, got: '12' })`.
 */
export function rangeError<K extends MessageKey>(key: K, ...params: SaidArgs<K>): CodedRangeError {
  return new CodedRangeError(said(key, ...params));
}

/** A DataError from a catalogue key and its numbers (see rangeError). */
export function dataError<K extends MessageKey>(key: K, ...params: SaidArgs<K>): DataError {
  return new DataError(said(key, ...params));
}

/** The catalogue message an error carries (DataError, UsageError, CodedRangeError), if any. */
export function errorSaid(e: unknown): Said | undefined {
  const s = typeof e === 'object' && e !== null ? (e as { said?: unknown }).said : undefined;
  return isSaid(s) ? s : undefined;
}

/** What an error says in `lang`: its message from the catalogue, an input error's place and reason; else its English. */
export function errorText(e: Error, lang: 'en' | 'zh'): string {
  if (e instanceof InputError) return `${e.line === null ? e.file : `${e.file}:${e.line}`}: ${speak(lang, e.reason)}`;
  const s = errorSaid(e);
  return s ? speak(lang, s) : e.message;
}
