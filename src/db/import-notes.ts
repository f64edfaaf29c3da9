/**
 * Import notes said once per source: a cron job that imports the same shop's export every night should not
 * repeat the same warning (an unknown status, orders without a buyer) every night. A note is known by its
 * source (platform/shop) and its text with the counts taken out, so `unknown status 'X' on 1 order` and,
 * tomorrow, `… on 5 orders` are the same note. Kept in the `meta` table (no schema change), with the latest
 * text and day, so `orderlens info` lists them.
 */
import type { Db } from './open.js';
import { isSaid, type Said } from '../report/said.js';

const PREFIX = 'note\u0000';

/**
 * The note's identity: its message and its parameters with the counts taken out (a count is a number; in an
 * older database's notes, stored as English text, a count and the word it counts became `#`).
 */
function shape(note: Said): string {
  return JSON.stringify([note.key, Object.entries(note.params).map(([k, v]) => [k, typeof v === 'number' ? '#' : isSaid(v) ? shape(v) : v])]);
}

/**
 * Records the note; true when this source had not had it before (say it), false when it had (stay quiet).
 * `day` is the import's day (YYYY-MM-DD), kept with the latest note (`info` says it in the reader's language).
 */
export function firstTimeNoted(db: Db, source: string, note: Said, day: string): boolean {
  const key = `${PREFIX}${source}\u0000${shape(note)}`;
  const known = db.prepare('SELECT 1 FROM meta WHERE key = ?').get(key) !== undefined;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify({ said: note, day }));
  return !known;
}

export interface SaidNote {
  source: string;
  /** The note: a catalogue message, or (noted by an older orderlens) English text. */
  text: string | Said;
  day: string;
}

/** Every import note said so far, by source, with its latest text. */
export function listImportNotes(db: Db): SaidNote[] {
  const rows = db.prepare('SELECT key, value FROM meta WHERE key >= ? AND key < ? ORDER BY key').all(PREFIX, 'note\u0001') as { key: string; value: string }[];
  return rows.map((r) => {
    const source = r.key.slice(PREFIX.length, r.key.indexOf('\u0000', PREFIX.length));
    const { text, said, day } = JSON.parse(r.value) as { text?: string; said?: unknown; day: string };
    return { source, text: isSaid(said) ? said : (text ?? ''), day };
  });
}
