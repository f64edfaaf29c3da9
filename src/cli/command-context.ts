/**
 * What every command gets (its io and the global flags) and what any command does with them before it
 * reads or writes a store: notes on stderr, --quiet, --wait. Kept apart from options.ts (the report commands'
 * options and output, with the table renderer and chalk behind them) so that an import's thread loads none
 * of that: options.ts re-exports these for the commands that use both.
 */
import { UsageError } from '../errors.js';
import { messageLine } from '../excerpt.js';
import type { Lang } from '../report/messages.js';
import { said, speak, type Said } from '../report/said.js';
import type { Io } from './io.js';
import { wrapText } from './wrap-text.js';

/** What every command gets: the io and the global flags. */
export interface CliContext {
  io: Io;
  globals(): { db?: string; debug?: boolean; color?: boolean; quiet?: boolean; wait?: string };
  /** Output still being written (an xlsx workbook): the program waits for it before it exits. */
  pending?: Promise<unknown>[];
  /** The language notes and errors speak: the command's --lang, else the environment's (set before it runs). */
  lang?: Lang;
}

/** --quiet or ORDERLENS_QUIET=1 (any value but empty, 0, false or no): only data and errors are printed. */
export function isQuiet(ctx: CliContext): boolean {
  const env = ctx.io.env.ORDERLENS_QUIET?.trim().toLowerCase();
  return ctx.globals().quiet === true || (env !== undefined && !['', '0', 'false', 'no'].includes(env));
}

/**
 * A line on stderr for the user (never on stdout, which carries data only); nothing under --quiet. On a
 * terminal it is wrapped at the terminal's width, continuation lines indented.
 */
export function note(ctx: CliContext, text: string | Said): void {
  if (isQuiet(ctx)) return;
  const line = `orderlens: ${messageLine(speak(ctx.lang ?? 'en', text))}`;
  const width = ctx.io.stderrIsTTY ? ctx.io.stderrColumns || 80 : 0;
  ctx.io.stderr.write(`${width > 0 ? wrapText(line, width).join('\n') : line}\n`);
}

/** --wait SECONDS (default 180) in ms: how long to wait for a database another orderlens is writing. */
export function waitMs(ctx: CliContext): number {
  const flag = ctx.globals().wait;
  return flag === undefined ? 180_000 : parseNumberFlag('--wait', flag, 0, 86_400) * 1000;
}

/** A decimal number flag (`3`, `1.5`, `.3`, `1e3`; not `0x10`, `0b11` or `Infinity`, which Number() reads too). */
export function parseNumberFlag(flag: string, value: string, min = -Infinity, max = Infinity): number {
  const n = Number(value.trim());
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) || !Number.isFinite(n)) throw new UsageError(said('flag.notNumber', { flag, value }));
  if (n < min || n > max) throw new UsageError(said('flag.range', { flag, min: String(min), max: String(max), n: String(n) }));
  return n;
}
