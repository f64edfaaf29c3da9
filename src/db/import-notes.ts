/**
 * Import notes said once per source: a cron job that imports the same shop's export every night should not
 * repeat the same warning (an unknown status, orders without a buyer) every night. A note is known by its
 * source (platform/shop) and what it says with the counts and the file name taken out, so `unknown status 'X'
 * on 1 order` in orders-2026-12-01.csv and, tomorrow, `… on 5 orders` in orders-2026-12-02.csv are the same
 * note. Kept in the `meta` table (no schema change), with the latest text, the first and the latest day it was
 * said and how many imports said it, so `orderlens info` tells a note every nightly import still gives from one
 * that stopped. Notes an older orderlens kept per file name are recognised by what they say (and folded into one).
 */
import type { Db } from './open.js';
import { formatDay } from '../domain/day.js';
import { localDay } from '../domain/time-zone.js';
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

/** A `meta` value of a note: the latest text (`said`; an older orderlens stored English `text`), day, first day and imports that said it (older: absent). */
interface StoredNote {
  said?: unknown;
  text?: string;
  day: string;
  first?: string;
  times?: number;
}

/** The stored note of a `meta` value, when it is a catalogue message (an older orderlens stored English text). */
function storedSaid(value: string): Said | null {
  const { said } = JSON.parse(value) as StoredNote;
  return isSaid(said) ? said : null;
}

/** Two stored notes of one thing as one: the first day of either, the imports of both. */
function fold(into: { first: string; times: number }, v: StoredNote): void {
  const first = v.first ?? v.day;
  if (first < into.first) into.first = first;
  into.times += v.times ?? 1;
}

/**
 * The day of an import at instant `now` (ms) as its notes keep it: the calendar day in the source's zone, the
 * zone its orders' days are in (a Shanghai shop's import at 01:00 local is that day, not the UTC day before);
 * UTC for a source not stored (yet). `source` is `platform/shop` (a platform name has no slash).
 */
function importDay(db: Db, source: string, now: number): string {
  const slash = source.indexOf('/');
  const zone = db.prepare('SELECT zone FROM sources WHERE platform = ? AND shop = ?').pluck().get(source.slice(0, slash), source.slice(slash + 1)) as string | null | undefined;
  return formatDay(localDay(now, zone ?? 'UTC'));
}

/**
 * Records the note; true when this source had not had it before (say it), false when it had (stay quiet).
 * The day of the import at instant `now` (ms), in the source's zone (importDay), is kept as the latest (and, the
 * first time, the first) day the note was said, with how many imports said it (`info` says them in the reader's
 * language).
 */
export function firstTimeNoted(db: Db, source: string, note: Said, now: number): boolean {
  const day = importDay(db, source, now);
  const id = shape(note);
  const key = `${PREFIX}${source}\u0000${id}`;
  const seen = { first: day, times: 1 };
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  let known = stored !== undefined;
  if (stored !== undefined) fold(seen, JSON.parse(stored) as StoredNote);
  else {
    // kept by an older orderlens under a key with the file name in it: the same note, stored once from now on
    for (const row of sourceRows(db, source)) {
      const old = storedSaid(row.value);
      if (old && shape(old) === id) {
        known = true;
        fold(seen, JSON.parse(row.value) as StoredNote);
        db.prepare('DELETE FROM meta WHERE key = ?').run(row.key);
      }
    }
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify({ said: note, day, first: seen.first, times: seen.times }));
  return !known;
}

export interface SaidNote {
  source: string;
  /** The note: a catalogue message, or (noted by an older orderlens) English text. */
  text: string | Said;
  /** The latest day it was said. */
  day: string;
  /** The first day it was said (as far as this database knows: an older orderlens kept only the latest). */
  first: string;
  /** How many imports said it (one for each note an older orderlens kept). */
  times: number;
}

/**
 * Every import note said so far, by source, with its latest text: one per source and what it says (notes an
 * older orderlens kept per file name, one row each, are listed once, the latest, with the first day and the
 * imports of all).
 */
export function listImportNotes(db: Db): SaidNote[] {
  const rows = db.prepare('SELECT key, value FROM meta WHERE key >= ? AND key < ? ORDER BY key').all(PREFIX, 'note\u0001') as { key: string; value: string }[];
  const notes = new Map<string, SaidNote>();
  for (const r of rows) {
    const source = r.key.slice(PREFIX.length, r.key.indexOf('\u0000', PREFIX.length));
    const v = JSON.parse(r.value) as StoredNote;
    const id = `${source}\u0000${isSaid(v.said) ? shape(v.said) : r.key}`;
    const before = notes.get(id);
    const text = isSaid(v.said) ? v.said : (v.text ?? '');
    if (!before) notes.set(id, { source, text, day: v.day, first: v.first ?? v.day, times: v.times ?? 1 });
    else {
      fold(before, v);
      if (v.day >= before.day) Object.assign(before, { text, day: v.day });
    }
  }
  return [...notes.values()];
}
