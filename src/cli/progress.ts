/**
 * The import's progress line on a terminal's stderr: `orders.csv ⠹ ~45% · 180,000 rows · 52,000 rows/s · ETA 0:07`.
 *
 * One line, redrawn in place (`\r`, the text cut to the terminal's width, erase to the end of the line) at most
 * every REDRAW_MS, and erased before the file's summary is printed. It never draws more than one line, so a
 * pseudo-terminal that reports 0 columns (`script -qc …`, `docker run -t`) gets the same short line as an
 * 80-column one — not one cursor movement per column it cannot count. The percentage is an estimate (rows
 * read against the rows the file's size suggests from its first megabyte), so it says `~`.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { cutText } from '../output/table.js';
import { say, type Lang } from '../report/messages.js';

const REDRAW_MS = 100;
const SAMPLE_BYTES = 1 << 20;
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** Rows a text export of this size probably has (its lines, from the first megabyte); null for zips and tiny or unreadable files. */
export function estimateRows(file: string): number | null {
  try {
    const size = statSync(file).size;
    if (/\.(xlsx|zip)$/i.test(file) || size === 0) return null;
    const buf = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const fd = openSync(file, 'r');
    let n = 0;
    try {
      n = readSync(fd, buf, 0, buf.length, 0);
    } finally {
      closeSync(fd);
    }
    let lines = 0;
    for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
    if (lines < 2) return null;
    return Math.max(1, Math.round((size / n) * lines) - 1); // less the header
  } catch {
    return null;
  }
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export class ProgressLine {
  private frame = 0;
  private drawn = false;
  private lastDraw = -Infinity;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => unknown,
    /** Terminal columns; 0 or unknown counts as 80. */
    private readonly columns: number | undefined,
    private readonly label: string,
    private readonly expectedRows: number | null,
    private readonly now: () => number = Date.now,
    private readonly lang: Lang = 'en',
  ) {
    this.started = now();
    this.draw(say(lang, 'progress.reading', { label }));
  }

  /** The text for `rows` read so far. */
  describe(rows: number): string {
    const seconds = (this.now() - this.started) / 1000;
    const rate = seconds > 0 ? rows / seconds : 0;
    const parts = [say(this.lang, 'progress.rows', { rows })];
    if (rate > 0) parts.push(say(this.lang, 'progress.rate', { rate: Math.round(rate) }));
    if (this.expectedRows !== null && this.expectedRows > 0) {
      const share = Math.min(0.99, rows / this.expectedRows);
      parts.unshift(`~${Math.floor(share * 100)}%`);
      if (rate > 0 && rows < this.expectedRows) parts.push(say(this.lang, 'progress.eta', { left: clock((this.expectedRows - rows) / rate) }));
    }
    return `${this.label} ${FRAMES[this.frame % FRAMES.length]} ${parts.join(' · ')}`;
  }

  update(rows: number): void {
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS) return;
    this.frame++;
    this.draw(this.describe(rows));
  }

  private draw(text: string): void {
    this.lastDraw = this.now();
    const width = (this.columns || 80) - 1; // never the last column: some terminals wrap there
    this.write(`\r${cutText(text, width)}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the line (before the summary, or an error, is printed). */
  clear(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }
}
