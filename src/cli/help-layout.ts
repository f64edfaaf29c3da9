/**
 * How commander lays out help in the width it is shown in. The command runs in a worker thread, where
 * commander's own guess (process.stdout.columns) always finds no terminal and wrapped at 80 even on a
 * 40-column one: the width is the terminal's as the main thread saw it (Io.columns), or COLUMNS on a pipe.
 * Below 80 columns, commander's layout breaks down: it leaves a description unwrapped when its column would be
 * under 40 wide (every option of `import` at 60 columns), and never wraps the usage line. Here a description
 * wraps down to MIN_WRAP columns, goes under its term when its column would be narrower than MIN_BESIDE or than
 * its longest word, and the usage line wraps at spaces under its first word.
 */
import { Help } from 'commander';
import type { Io } from './io.js';

/** The narrowest column a description still wraps in (commander's default is 40). */
const MIN_WRAP = 16;

/** A description narrower than this beside its term goes on the lines under it instead. */
const MIN_BESIDE = 28;

/** How far a description under its term is indented. */
const UNDER = 6;

/** Help's width when neither the terminal nor COLUMNS tells (commander's). */
const DEFAULT_WIDTH = 80;

/** The width of help on stdout (`err`: on stderr): the terminal's, else COLUMNS on a pipe, else 80. */
export function helpWidth(io: Io, err = false): number {
  const tty = err ? io.stderrIsTTY : io.stdoutIsTTY;
  const columns = err ? io.stderrColumns : io.columns;
  if (tty) return columns || DEFAULT_WIDTH;
  const text = io.env.COLUMNS;
  const n = text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
  return n > 0 ? n : DEFAULT_WIDTH;
}

/** The widest piece of `text` no wrapping breaks: a run of ASCII (Chinese breaks between any two characters). */
function longestWord(text: string, helper: Help): number {
  let most = 0;
  for (const word of text.match(/[!-~]+/g) ?? []) most = Math.max(most, helper.displayWidth(word));
  return most;
}

/** Commander's item (`  --shop <name>  description`), or with a narrow column the description under its term. */
function formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
  const width = this.helpWidth ?? DEFAULT_WIDTH;
  const beside = width - termWidth - 4;
  if (!description || helper.preformatted(description) || (beside >= MIN_BESIDE && beside >= longestWord(description, helper))) return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
  const indent = ' '.repeat(UNDER);
  return `  ${term}\n${indent}${helper.boxWrap(description, Math.max(width - UNDER, MIN_WRAP)).replace(/\n/g, `\n${indent}`)}`;
}

/** The usage (`orderlens import [options] <files...>`) wrapped at spaces after its title, each line under the first. */
function styleUsage(this: Help, usage: string): string {
  const width = this.helpWidth ?? DEFAULT_WIDTH;
  const lead = this.displayWidth(this.styleTitle('Usage:')) + 1;
  const lines: string[] = [];
  let line = '';
  for (const word of usage.split(' ')) {
    if (line !== '' && lead + this.displayWidth(line) + 1 + this.displayWidth(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(lead)}`);
}

/** The help settings of every command (main.ts applyIo; help-lang.ts adds the language's on top). */
export const HELP_LAYOUT = { showGlobalOptions: true, minWidthToWrap: MIN_WRAP, formatItem, styleUsage } satisfies Partial<Help>;
