/**
 * Reports from aggregates (`rfm/churn/ltv --summary`, `cohorts --counts`) against the same reports from the
 * database: for the demo shop and the CDNOW master file (skipped without ../shared/data), the aggregates are
 * written from the database (src/analytics/aggregates.ts → the documented CSV), read back, and every report CSV
 * must be byte-identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, tempDir } from './cli-harness.js';
import { sharedFile } from './shared-data.js';
import { writeAggregates, type Shop } from './aggregate-files.js';

/** The same report from the database and from the aggregates: stdout byte for byte, both exit 0. */
async function same(shop: Shop, command: string, args: string[], from: string[]): Promise<string> {
  const fromDb = await orderlens(shop.db, [command, ...args, '--format', 'csv']);
  expect(fromDb.stderr).not.toContain('error');
  expect(fromDb.code).toBe(0);
  const fromFile = await orderlens(path.join(path.dirname(shop.db), 'no-such.db'), [command, ...from, ...args, '--format', 'csv']);
  expect(fromFile.stderr).not.toContain('error');
  expect(fromFile.code).toBe(0);
  expect(fromFile.stdout).toBe(fromDb.stdout);
  expect(fromDb.stdout.split('\n').length).toBeGreaterThan(2);
  return fromDb.stdout;
}

const RFM = [[], ['--by', 'customer'], ['--segment', 'Champions'], ['--scheme', 'cn8', '--by', 'customer'], ['--frequency', 'days', '--monetary', 'gross', '--by', 'customer'], ['--show-edges'], ['--bins', '3']];
const CHURN = [
  [], ['--by', 'customer'], ['--by', 'cohort'], ['--by', 'segment'], ['--by', 'frequency'], ['--days', '90', '--by', 'customer'], ['--gap-multiplier', '2'],
  ['--model', '--by', 'customer'], ['--acquired-since', '2024-06-15', '--by', 'customer'],
];
const LTV = [
  [], ['--by', 'customer'], ['--by', 'segment'], ['--by', 'cohort'], ['--params'], ['--unit', 'day', '--interval', 'none'], ['--model', 'auto', '--horizon', '2y', '--discount', '1%/mo'],
  ['--method', 'simple', '--lifetime', '3y', '--by', 'segment'], ['--what-if', 'retention+5%', '--margin', '30%'],
];
const COHORTS: [string[], 'month' | 'week' | 'quarter'][] = [
  [[], 'month'],
  [['--metric', 'ltv'], 'month'],
  [['--long'], 'month'],
  [['--metric', 'orders', '--period', 'week'], 'week'],
  [['--metric', 'revenue', '--period', 'quarter'], 'quarter'],
];

const named = (cases: string[][]): [string, string[]][] => cases.map((a) => [a.join(' ') || '(defaults)', a]);

/** Every case on the small demo shop; on CDNOW (23,570 customers) the per-customer ones, where a difference would show. */
function suite(name: string, setup: () => Promise<Shop>, extra: { cohortsBy?: string[]; only?: RegExp } = {}): void {
  const pick = (cases: string[][]) => named(extra.only ? cases.filter((c) => extra.only!.test(c.join(' '))) : cases);
  describe(name, () => {
    let shop: Shop;
    beforeAll(async () => {
      shop = await setup();
    }, 300_000);

    it.each(pick(RFM))('rfm %s', async (_name, args) => {
      await same(shop, 'rfm', args, ['--summary', shop.summary]);
    });
    it.each(pick(CHURN))('churn %s', async (_name, args) => {
      await same(shop, 'churn', args, ['--summary', shop.summary, '--gaps', shop.gaps]);
    });
    it.each(pick(LTV))('ltv %s', async (_name, args) => {
      await same(shop, 'ltv', args, ['--summary', shop.summary]);
    }, 120_000);
    it.each(COHORTS.filter(([args]) => !extra.only || extra.only.test(args.join(' '))).map(([args, period]) => [args.join(' ') || '(defaults)', args, period] as const))(
      'cohorts %s',
      async (_name, args, period) => {
        await same(shop, 'cohorts', [...args], ['--counts', shop.counts[period]]);
      },
    );
    if (extra.cohortsBy) {
      it.each(extra.cohortsBy)('cohorts --by %s', async (by) => {
        await same(shop, 'cohorts', ['--by', by], ['--counts', shop.counts.month]);
      });
    }
  });
}

suite('demo shop', async () => {
  const dir = tempDir('orderlens-aggregates-');
  const db = path.join(dir, 'demo.db');
  const r = await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')]);
  expect(r.code).toBe(0);
  return writeAggregates(db, dir);
}, { cohortsBy: ['platform', 'shop'] });

const cdnow = sharedFile('cdnow', 'cdnow_master_transactions.csv');
if (cdnow) {
  suite('CDNOW master', async () => {
    const dir = tempDir('orderlens-aggregates-cdnow-');
    const db = path.join(dir, 'cdnow.db');
    const r = await orderlens(db, ['import', cdnow, '--currency', 'USD']);
    expect(r.code).toBe(0);
    return writeAggregates(db, dir);
  }, { only: /^(|--by customer|--long|--params)$/ });
} else {
  describe.skip('CDNOW master (../shared/data/cdnow absent)', () => {
    it('skipped', () => {});
  });
}

// returns and credit notes: negative revenue and repeat revenue in the summary
const retail = sharedFile('online_retail_uci', 'online_retail_customer_sample.csv');
if (retail) {
  suite('UCI Online Retail (returns)', async () => {
    const dir = tempDir('orderlens-aggregates-uci-');
    const db = path.join(dir, 'uci.db');
    const r = await orderlens(db, ['import', retail, '--currency', 'GBP']);
    expect(r.code).toBe(0);
    return writeAggregates(db, dir);
  }, { only: /^(|--by customer)$/ });
} else {
  describe.skip('UCI Online Retail (../shared/data/online_retail_uci absent)', () => {
    it('skipped', () => {});
  });
}

describe('aggregates: in any row order, and what they cannot answer', () => {
  let shop: Shop;
  let dir: string;
  const noDb = () => path.join(dir, 'no-such.db');
  /** The demo summary with `edit` applied to its lines (header = line 0), written to a new file. */
  const variant = (name: string, source: string, edit: (lines: string[]) => string[]): string => {
    const file = path.join(dir, name);
    writeFileSync(file, edit(readFileSync(source, 'utf8').trimEnd().split('\n')).join('\n') + '\n');
    return file;
  };
  const setCell = (lines: string[], line: number, column: string, value: string): string[] => {
    const at = lines[0].split(',').indexOf(column);
    const cells = lines[line].split(',');
    cells[at] = value;
    return lines.map((l, i) => (i === line ? cells.join(',') : l));
  };
  beforeAll(async () => {
    dir = tempDir('orderlens-aggregates-bad-');
    const db = path.join(dir, 'demo.db');
    expect((await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')])).code).toBe(0);
    shop = writeAggregates(db, dir);
  }, 300_000);

  it('a summary in reversed (or any) row order, or with every cell quoted, gives the same reports, fits included', async () => {
    const reversed = variant('reversed.csv', shop.summary, (l) => [l[0], ...l.slice(1).reverse()]);
    // every cell quoted and CRLF line ends, as some warehouses write them (read by the tokenizer, not the fast path)
    const quoted = path.join(dir, 'quoted.csv');
    writeFileSync(quoted, readFileSync(shop.summary, 'utf8').trimEnd().split('\n').map((l) => l.split(',').map((c) => `"${c}"`).join(',')).join('\r\n') + '\r\n');
    for (const [command, args] of [['ltv', ['--by', 'customer']], ['ltv', ['--params', '--model', 'auto']], ['rfm', ['--by', 'customer']], ['churn', ['--by', 'customer', '--gaps', shop.gaps]]] as const) {
      const a = await orderlens(noDb(), [command, '--summary', shop.summary, ...args, '--format', 'csv']);
      expect(a.code).toBe(0);
      for (const other of [reversed, quoted]) {
        const b = await orderlens(noDb(), [command, '--summary', other, ...args, '--format', 'csv']);
        expect(b.stdout).toBe(a.stdout);
      }
    }
  });

  it.each([
    ['a decimal amount', (l: string[]) => setCell(l, 3, 'revenue', '12.50'), ":4: revenue '12.50' is not a whole number (money is in minor units: 1234 for 12.34)"],
    ['a missing column', (l: string[]) => l.map((x) => x.split(',').slice(0, -1).join(',')), ':1: a per-customer summary lacks column median_gap_days'],
    ['an unknown column', (l: string[]) => l.map((x, i) => `${x},${i === 0 ? 'note' : ''}`), ":1: unknown column 'note'"],
    ['a wrong frequency', (l: string[]) => setCell(l, 2, 'frequency', '7'), ':3: frequency 7 must be purchase_days − 1'],
    ['a second as_of', (l: string[]) => setCell(l, 5, 'as_of', '2030-01-01'), ':6: as_of 2030-01-01 differs from the'],
    ['a customer twice', (l: string[]) => [...l, l[1]], `appears twice (first on line 2)`],
    ['a bad day', (l: string[]) => setCell(l, 1, 'first_purchase', '2024/01/01'), ":2: first_purchase '2024/01/01' is not a day (YYYY-MM-DD)"],
    ['an unclosed quote', (l: string[]) => [...l, '"x,'], ': a quoted cell is never closed'],
    ['a short row', (l: string[]) => [...l, 'a,b'], ': 2 cells, but the header has'],
  ])('%s is one line naming the file and line, exit 1', async (_name, edit, message) => {
    const bad = variant('bad.csv', shop.summary, edit);
    const r = await orderlens(noDb(), ['rfm', '--summary', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`orderlens: error: ${bad}`);
    expect(r.stderr).toContain(message);
  });

  it('a missing file and a file that is not UTF-8 are data errors', async () => {
    const missing = await orderlens(noDb(), ['ltv', '--summary', path.join(dir, 'nope.csv')]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('nope.csv: cannot read: no such file')]);
    const gbk = await orderlens(noDb(), ['rfm', '--summary', fixture('demo', 'shop-orders-2024.csv')]);
    expect([gbk.code, gbk.stderr]).toEqual([1, expect.stringContaining('is not UTF-8 text')]);
  });

  it('what the aggregates cannot answer is said (usage errors exit 2, missing data exits 1)', async () => {
    const cases: [string[], number, string][] = [
      [['rfm', '--summary', shop.summary, '--as-of', '2024-03-01'], 2, 'aggregates answer for their own day only'],
      [['rfm', '--summary', shop.summary, '--since', '2024-03-01'], 2, '--since/--until select orders'],
      [['ltv', '--summary', shop.summary, '--holdout', '2024-09-30'], 2, '--holdout compares predictions'],
      [['ltv', '--summary', shop.summary, '--method', 'simple'], 2, 'set the expected lifetime with --lifetime'],
      [['churn', '--summary', shop.summary], 1, 'give it with --gaps FILE, or a threshold with --days N'],
      [['churn', '--gaps', shop.gaps], 2, '--gaps goes with --summary'],
      [['cohorts', '--counts', shop.counts.month, '--period', 'week'], 2, 'counts monthly cohorts: give --period month'],
      [['cohorts', '--counts', shop.counts.month, '--by', 'segment'], 2, '--by segment needs each customer'],
      [['cohorts', '--counts', shop.counts.month, '--acquired-since', '2024-03-15'], 2, 'cuts a monthly cohort in two'],
    ];
    for (const [argv, code, message] of cases) {
      const r = await orderlens(noDb(), argv);
      expect([argv.join(' '), r.code, r.stderr]).toEqual([argv.join(' '), code, expect.stringContaining(message)]);
    }
  });

  it('ltv --stream: the same customer rows (in the file\'s order), the same totals, the same cohort table and parameters', async () => {
    const sorted = (text: string) => text.trimEnd().split('\n').slice(1).sort();
    for (const args of [[], ['--unit', 'day', '--model', 'pnbd', '--interval', '0.9']]) {
      // per customer: asked for when held (the default is the segment totals), the default when streamed
      const held = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--by', 'customer', ...args, '--format', 'csv']);
      const streamed = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--stream', ...args, '--format', 'csv']);
      expect([held.code, streamed.code]).toEqual([0, 0]);
      expect(streamed.stdout.split('\n')[0]).toBe(held.stdout.split('\n')[0]);
      expect(sorted(streamed.stdout)).toEqual(sorted(held.stdout));
      expect(streamed.stdout).not.toBe(held.stdout); // file order, not CLV order
      const total = (err: string) => err.split('\n').find((l) => l.includes('total expected purchase days'));
      expect(total(streamed.stderr)).toBe(total(held.stderr));
      expect(streamed.stderr).toContain('predictions are written as they are computed, in the order of');
    }
    for (const args of [['--by', 'cohort'], ['--params', '--model', 'auto'], ['--by', 'cohort', '--format', 'json']]) {
      const held = await orderlens(noDb(), ['ltv', '--summary', shop.summary, ...args]);
      const streamed = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--stream', ...args]);
      expect(streamed.code).toBe(0);
      expect(streamed.stdout).toBe(held.stdout);
    }
    const ndjson = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--stream', '--format', 'ndjson']);
    const rows = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.length).toBe(readFileSync(shop.summary, 'utf8').trimEnd().split('\n').length - 1);
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['customer_key', 'customer', 'platform', 'shop']);
    const out = path.join(dir, 'streamed.csv');
    const toFile = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--stream', '--out', out]);
    expect(toFile.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('customer_key,customer');
  });

  it('ltv --stream refuses what needs every row at once, before any work (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['--format', 'table'], 'as --format csv or ndjson, not table'],
      [['--format', 'csv', '--sort', 'clv'], '--sort and --limit need every row at once'],
      [['--by', 'segment'], '--by segment needs every customer at once'],
      [['--what-if', 'retention+5%'], '--what-if needs every customer at once'],
      [['--out', shop.summary], 'is an input of this command'],
    ];
    for (const [args, message] of cases) {
      const r = await orderlens(noDb(), ['ltv', '--summary', shop.summary, '--stream', ...args]);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 2, expect.stringContaining(message)]);
      expect(r.stderr).not.toContain('fitted on');
    }
    const noSummary = await orderlens(noDb(), ['ltv', '--stream']);
    expect([noSummary.code, noSummary.stderr]).toEqual([2, expect.stringContaining('--stream goes with --summary')]);
    const overInput = await orderlens(noDb(), ['rfm', '--summary', shop.summary, '--out', shop.summary]);
    expect([overInput.code, overInput.stderr]).toEqual([2, expect.stringContaining('is an input of this command')]);
  });

  it('a whole-month acquisition window on the counts is the database\'s', async () => {
    await same(shop, 'cohorts', ['--acquired-since', '2024-03-01', '--acquired-until', '2024-08-31'], ['--counts', shop.counts.month]);
  });

  it('a gap histogram of another day is refused', async () => {
    const other = variant('gaps-other.csv', shop.gaps, (l) => l.map((x, i) => (i === 0 ? x : x.replace(/\d{4}-\d{2}-\d{2}/, '2030-01-01'))));
    const r = await orderlens(noDb(), ['churn', '--summary', shop.summary, '--gaps', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${other}:2: as_of 2030-01-01 is not the summary's`);
  });
});
