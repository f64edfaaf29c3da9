/**
 * Import notes said once per source: a cron job that imports the same shop's export every night should not
 * repeat the same warning (an unknown status, orders without a buyer) every night. A note is known by its
 * source (platform/shop) and what it says with the counts and the file name taken out, so `unknown status 'X'
 * on 1 order` in orders-2026-12-01.csv and, tomorrow, `… on 5 orders` in orders-2026-12-02.csv are the same
 * note. Kept in the `meta` table (no schema change), with the latest text and day, so `orderlens info` lists
 * them. Notes an older orderlens kept per file name are recognised by what they say (and folded into one).
 */
import type { Db } from './open.js';
import { isSaid, type Said } from '../report/said.js';

const PREFIX = 'note\u0000';

/**
 * The note's identity: its message and its parameters with the counts and the file taken out (a count is a
 * number; in an older database's notes, stored as English text, a count and the word it counts became `#`).
 */
function shape(note: Said): string {
  const params = Object.entries(note.params).filter(([k]) => k !== 'file');
  return JSON.stringify([note.key, params.map(([k, v]) => [k, typeof v === 'number' ? '#' : isSaid(v) ? shape(v) : v])]);
}

/** The rows of one source's notes (`meta` keys `note\0SOURCE\0…`). */
function sourceRows(db: Db, source: string): { key: string; value: string }[] {
  const from = `${PREFIX}${source}\u0000`;
  return db.prepare('SELECT key, value FROM meta WHERE key > ? AND key < ? ORDER BY key').all(from, `${PREFIX}${source}\u0001`) as { key: string; value: string }[];
}

/** The stored note of a `meta` value, when it is a catalogue message (an older orderlens stored English text). */
function storedSaid(value: string): Said | null {
  const { said } = JSON.parse(value) as { said?: unknown };
  return isSaid(said) ? said : null;
}

/**
 * Records the note; true when this source had not had it before (say it), false when it had (stay quiet).
 * `day` is the import's day (YYYY-MM-DD), kept with the latest note (`info` says it in the reader's language).
 */
export function firstTimeNoted(db: Db, source: string, note: Said, day: string): boolean {
  const id = shape(note);
  const key = `${PREFIX}${source}\u0000${id}`;
  let known = db.prepare('SELECT 1 FROM meta WHERE key = ?').get(key) !== undefined;
  if (!known) {
    // kept by an older orderlens under a key with the file name in it: the same note, stored once from now on
    for (const row of sourceRows(db, source)) {
      const old = storedSaid(row.value);
      if (old && shape(old) === id) {
        known = true;
        db.prepare('DELETE FROM meta WHERE key = ?').run(row.key);
      }
    }
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify({ said: note, day }));
  return !known;
}

export interface SaidNote {
  source: string;
  /** The note: a catalogue message, or (noted by an older orderlens) English text. */
  text: string | Said;
  day: string;
}

/**
 * Every import note said so far, by source, with its latest text: one per source and what it says (notes an
 * older orderlens kept per file name, one row each, are listed once, the latest).
 */
export function listImportNotes(db: Db): SaidNote[] {
  const rows = db.prepare('SELECT key, value FROM meta WHERE key >= ? AND key < ? ORDER BY key').all(PREFIX, 'note\u0001') as { key: string; value: string }[];
  const notes = new Map<string, SaidNote>();
  for (const r of rows) {
    const source = r.key.slice(PREFIX.length, r.key.indexOf('\u0000', PREFIX.length));
    const { text, said, day } = JSON.parse(r.value) as { text?: string; said?: unknown; day: string };
    const id = `${source}\u0000${isSaid(said) ? shape(said) : r.key}`;
    const before = notes.get(id);
    if (!before || day >= before.day) notes.set(id, { source, text: isSaid(said) ? said : (text ?? ''), day });
  }
  return [...notes.values()];
}
