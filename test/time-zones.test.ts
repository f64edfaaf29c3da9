/**
 * Local days through `orderlens import --tz`: the same export read as a New York shop and as a Shanghai shop
 * puts near-midnight orders on different, correct local days; DST days keep their orders.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderlens, tempDir } from './cli-harness.js';

const dir = tempDir();
const file = path.join(dir, 'midnight.csv');
writeFileSync(
  file,
  [
    'order_id,customer,date,amount',
    '1,c1,2024-01-01T04:59:00Z,10', // 23:59 in New York on Dec 31, 12:59 in Shanghai on Jan 1
    '2,c1,2024-01-01T05:00:00Z,10', // 00:00 in New York on Jan 1
    '3,c1,2024-01-01T16:00:00Z,10', // 00:00 in Shanghai on Jan 2
    '4,c2,2024-03-10 02:30:00,10', // inside New York's spring-forward gap
    '5,c2,2024-11-03 01:30:00,10', // twice in New York (fall back)
    '6,c2,2024-11-03 23:59:59,10',
    '7,c3,2024-06-30T23:30:00-04:00,10', // an offset as written: 11:30 on Jul 1 in Shanghai
  ].join('\n'),
);

async function importWith(args: string[]): Promise<Record<string, { day: string; at: string }>> {
  const db = path.join(dir, `${args.join('_').replace(/\W/g, '_') || 'none'}.db`);
  const r = await orderlens(db, ['import', file, ...args]);
  expect(r.code, r.stderr).toBe(0);
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT order_id, order_day, ordered_at FROM orders').all() as { order_id: string; order_day: string; ordered_at: string }[];
    return Object.fromEntries(rows.map((o) => [o.order_id, { day: o.order_day, at: o.ordered_at }]));
  } finally {
    d.close();
  }
}

describe('import --tz', () => {
  it('New York and Shanghai put the same instants on their own local days', async () => {
    const ny = await importWith(['--tz', 'America/New_York']);
    const sh = await importWith(['--tz', 'Asia/Shanghai']);
    expect([1, 2, 3, 7].map((i) => ny[i].day)).toEqual(['2023-12-31', '2024-01-01', '2024-01-01', '2024-06-30']);
    expect([1, 2, 3, 7].map((i) => sh[i].day)).toEqual(['2024-01-01', '2024-01-01', '2024-01-02', '2024-07-01']);
    expect(ny[1].at).toBe(sh[1].at); // the instant itself does not depend on the zone
  });

  it('keeps orders of DST days on the day written, with instants on that day too', async () => {
    const ny = await importWith(['--tz', 'America/New_York']);
    expect([4, 5, 6].map((i) => ny[i].day)).toEqual(['2024-03-10', '2024-11-03', '2024-11-03']);
    expect(ny[4].at).toBe('2024-03-10T07:30:00.000Z'); // 02:30 does not exist: read as 03:30 EDT
    expect(ny[5].at).toBe('2024-11-03T05:30:00.000Z'); // the first 01:30 (EDT)
    expect(ny[6].at).toBe('2024-11-04T04:59:59.000Z'); // EST after the change
  });

  it('without --tz, an offset-bearing timestamp keeps the date as written', async () => {
    const none = await importWith([]);
    expect(none[7].day).toBe('2024-06-30');
    expect(none[3].day).toBe('2024-01-01'); // Z: read in the generic default zone, UTC
  });
});
