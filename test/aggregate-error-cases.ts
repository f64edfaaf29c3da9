/**
 * Every error and note of the reports from aggregates (`--summary`, `--gaps`, `--counts`, the streamed ltv), one
 * small bad file or flag each: test/zh-no-english.test.ts runs them under a Chinese locale (no English may leak)
 * and under English (the exact English line, as it read before the messages went into the catalogue).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';

const SUMMARY_HEADER = 'customer_key,platform,shop,currency,as_of,first_purchase,last_purchase,purchase_days,orders,revenue,gross_revenue,repeat_revenue,frequency,recency_days,T_days,avg_repeat_spend,median_gap_days';
/** Two purchase days 60 days apart, and one purchase day; as of 2024-07-01. */
const SUMMARY_ROWS = ['c1,generic,s,CNY,2024-07-01,2024-01-01,2024-03-01,2,3,5000,5000,2000,1,60,181,2000,60', 'c2,generic,s,CNY,2024-07-01,2024-02-01,2024-02-01,1,1,1000,1000,0,0,0,150,,'];
const GAPS = ['platform,shop,currency,as_of,gap_days,gaps', 'generic,s,CNY,2024-07-01,60,1'];
const COUNTS = [
  'platform,shop,currency,as_of,cohort,period,customers,orders,revenue',
  'generic,s,CNY,2024-07-01,2024-01,0,2,2,3000',
  'generic,s,CNY,2024-07-01,2024-01,2,1,1,2000',
];

/** The summary with cell `column` of data row `row` (1 = the first) set to `value`. */
function setCell(lines: string[], row: number, column: string, value: string): string[] {
  const at = lines[0].split(',').indexOf(column);
  if (at < 0) throw new Error(`no column ${column}`);
  return lines.map((l, i) => (i === row ? l.split(',').map((c, k) => (k === at ? value : c)).join(',') : l));
}

/** [name, argv (FILE for the file written), the file's text (or null), exit code, the English stderr] */
export type AggregateCase = [string, string[], string | Buffer | null, number, string];

const summary = (edit: (lines: string[]) => string[] = (l) => l): string => `${edit([SUMMARY_HEADER, ...SUMMARY_ROWS]).join('\n')}\n`;
const cell = (row: number, column: string, value: string): string => summary((l) => setCell(l, row, column, value));
const counts = (...rows: string[]): string => `${[COUNTS[0], ...rows].join('\n')}\n`;
const E = (text: string): string => `orderlens: error: ${text}\n`;

/** A Parquet file (found by its bytes, whatever its name) whose first_purchase is a timestamp, not a DATE. */
const timestampParquet = (): Buffer =>
  Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: 'customer_key', data: ['c1'], type: 'STRING' },
        { name: 'first_purchase', data: [new Date(Date.UTC(2024, 0, 1))], type: 'TIMESTAMP' },
      ],
    }),
  );

export function aggregateCases(dir: string): { cases: AggregateCase[]; write: (name: string, text: string | Buffer) => string } {
  /** The file a case writes: no spaces (a path is a name, not words) and never taken for a flag. */
  const F = (name: string): string => path.join(dir, `agg-${name.replace(/[^A-Za-z0-9_]+/g, '-')}.csv`);
  const write = (name: string, text: string | Buffer): string => {
    const p = F(name);
    writeFileSync(p, text);
    return p;
  };
  const good = write('summary', summary());
  const gaps = write('gaps', `${GAPS.join('\n')}\n`);
  const goodCounts = write('counts', counts(...COUNTS.slice(1)));
  const rfm = ['rfm', '--summary', 'FILE'];
  const coh = ['cohorts', '--counts', 'FILE'];
  const cases: AggregateCase[] = [
    // the summary's cells
    // Parquet files (src/import/parquet-records.ts)
    ['a cut-short Parquet file', rfm, Buffer.from('PAR1 and no more'), 1, E(`${F('a cut-short Parquet file')}: is not a whole Parquet file: it starts with PAR1 but does not end with it (cut short while written or copied?)`)],
    [
      'a Parquet timestamp column', rfm, timestampParquet(), 1,
      E(`${F('a Parquet timestamp column')}: column first_purchase is a Parquet TIMESTAMP: aggregate columns hold texts, whole numbers, decimals or days (DATE; cast a timestamp to DATE in the store's time zone)`),
    ],
    ['a decimal revenue', rfm, cell(1, 'revenue', '12.50'), 1, E(`${F('a decimal revenue')}:2: revenue '12.50' is not a whole number (money is in minor units: 1234 for 12.34)`)],
    ['orders not a number', rfm, cell(1, 'orders', 'x'), 1, E(`${F('orders not a number')}:2: orders 'x' is not a whole number`)],
    ['orders below purchase days', rfm, cell(1, 'orders', '1'), 1, E(`${F('orders below purchase days')}:2: orders 1 is below 2`)],
    ['a bad day', rfm, cell(1, 'first_purchase', '2024/01/01'), 1, E(`${F('a bad day')}:2: first_purchase '2024/01/01' is not a day (YYYY-MM-DD)`)],
    ['a bad currency', rfm, cell(1, 'currency', 'C1'), 1, E(`${F('a bad currency')}:2: currency 'C1' is not a three-letter code`)],
    ['two currencies', rfm, cell(2, 'currency', 'USD'), 1, E('orders are in 2 currencies (CNY, USD): pick one with --currency CODE; amounts are never converted')],
    ['a second as_of', rfm, cell(2, 'as_of', '2024-08-01'), 1, E(`${F('a second as_of')}:3: as_of 2024-08-01 differs from the 2024-07-01 of the rows before it: one file is one as-of day`)],
    ['an empty key', rfm, cell(1, 'customer_key', ''), 1, E(`${F('an empty key')}:2: customer_key is empty`)],
    ['an empty platform', rfm, cell(1, 'platform', ''), 1, E(`${F('an empty platform')}:2: platform is empty`)],
    ['last before first', rfm, cell(1, 'last_purchase', '2023-12-01'), 1, E(`${F('last before first')}:2: last_purchase 2023-12-01 is before first_purchase 2024-01-01`)],
    ['last on as_of', rfm, cell(1, 'last_purchase', '2024-07-01'), 1, E(`${F('last on as_of')}:2: last_purchase 2024-07-01 is not before as_of 2024-07-01 (as_of is exclusive)`)],
    ['too many purchase days', rfm, cell(1, 'purchase_days', '70'), 1, E(`${F('too many purchase days')}:2: purchase_days 70 do not fit between 2024-01-01 and 2024-03-01`)],
    ['purchase days disagree', rfm, cell(1, 'purchase_days', '1'), 1, E(`${F('purchase days disagree')}:2: purchase_days 1 disagrees with first_purchase 2024-01-01 and last_purchase 2024-03-01`)],
    ['repeat revenue of one day', rfm, cell(2, 'repeat_revenue', '5'), 1, E(`${F('repeat revenue of one day')}:3: repeat_revenue 5 must be 0 for a customer with one purchase day`)],
    ['a wrong frequency', rfm, cell(1, 'frequency', '7'), 1, E(`${F('a wrong frequency')}:2: frequency 7 must be purchase_days − 1 = 1`)],
    ['a wrong recency', rfm, cell(1, 'recency_days', '9'), 1, E(`${F('a wrong recency')}:2: recency_days 9 must be last_purchase − first_purchase = 60`)],
    ['a wrong age', rfm, cell(1, 'T_days', '9'), 1, E(`${F('a wrong age')}:2: T_days 9 must be (as_of − 1) − first_purchase = 181`)],
    ['a mean spend for one day', rfm, cell(2, 'avg_repeat_spend', '3'), 1, E(`${F('a mean spend for one day')}:3: avg_repeat_spend '3' must be empty for one purchase day`)],
    ['a wrong mean spend', rfm, cell(1, 'avg_repeat_spend', '7'), 1, E(`${F('a wrong mean spend')}:2: avg_repeat_spend '7' must be repeat_revenue / frequency = 2000`)],
    ['a gap for one day', rfm, cell(2, 'median_gap_days', '4'), 1, E(`${F('a gap for one day')}:3: median_gap_days '4' must be empty for one purchase day`)],
    ['a gap out of range', rfm, cell(1, 'median_gap_days', '61.25'), 1, E(`${F('a gap out of range')}:2: median_gap_days '61.25' must be a number of days between 1 and 60, whole or ending in .5`)],
    ['a gap of two days', rfm, cell(1, 'median_gap_days', '30.5'), 1, E(`${F('a gap of two days')}:2: median_gap_days 30.5 must be 60 for two purchase days`)],
    ['a customer twice', rfm, summary((l) => [...l, l[1]]), 1, E(`${F('a customer twice')}:4: customer c1 of generic/s appears twice (first on line 2): one row per customer`)],
    ['no customer matches', [...rfm, '--shop', 'other'], summary(), 1, E(`${F('no customer matches')}: no customer matches: nothing to analyse (check --platform, --shop and --currency)`)],
    // the summary's shape
    ['an unknown column', rfm, summary((l) => l.map((x, i) => `${x},${i === 0 ? 'note' : ''}`)), 1, E(`${F('an unknown column')}:1: unknown column 'note' in a per-customer summary (columns: customer_key, customer, platform, shop, contact, currency, as_of, first_purchase, last_purchase, purchase_days, orders, revenue, gross_revenue, repeat_revenue, frequency, recency_days, T_days, avg_repeat_spend, median_gap_days; names starting with _ are ignored)`)],
    ['a column twice', rfm, summary((l) => l.map((x) => `${x},${x.split(',')[1]}`)), 1, E(`${F('a column twice')}:1: column 'platform' appears twice`)],
    ['a missing column', rfm, summary((l) => l.map((x) => x.split(',').slice(0, -1).join(','))), 1, E(`${F('a missing column')}:1: a per-customer summary lacks column median_gap_days (see README "Reports from aggregates")`)],
    ['missing columns', rfm, summary((l) => l.map((x) => x.split(',').slice(1, -1).join(','))), 1, E(`${F('missing columns')}:1: a per-customer summary lacks columns customer_key, median_gap_days (see README "Reports from aggregates")`)],
    ['a short row', rfm, summary((l) => [...l, 'a,b']), 1, E(`${F('a short row')}:4: 2 cells, but the header has 17`)],
    ['an unclosed quote', rfm, summary((l) => [...l, '"x,']), 1, E(`${F('an unclosed quote')}:4: a quoted cell is never closed`)],
    ['an empty file', rfm, '\n', 1, E(`${F('an empty file')}: is empty: a per-customer summary needs a header line and rows`)],
    ['a binary file', rfm, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), 1, E(`${F('a binary file')}: looks like a binary file, neither CSV nor Parquet (see README "Reports from aggregates")`)],
    ['a file not UTF-8', rfm, Buffer.concat([Buffer.from(`${SUMMARY_HEADER}\n`), Buffer.from([0xb6, 0xa9, 0xb5, 0xa5, 10])]), 1, E(`${F('a file not UTF-8')}: is not UTF-8 text: aggregate files are written in UTF-8`)],
    ['a missing file', ['rfm', '--summary', F('nope')], null, 1, E(`${F('nope')}: cannot read: no such file`)],
    // what the aggregates cannot answer
    ['--since on a summary', [...rfm, '--since', '2024-03-01'], summary(), 2, E(`--since/--until select orders, which ${F('--since on a summary')} no longer has: compute the aggregates over that window instead`)],
    ['--as-of on a summary', [...rfm, '--as-of', '2024-03-01'], summary(), 2, E(`--as-of 2024-03-01: ${F('--as-of on a summary')} is as of 2024-07-01; aggregates answer for their own day only (compute them for 2024-03-01 instead)`)],
    ['--gaps without --summary', ['churn', '--gaps', gaps], null, 2, E('--gaps goes with --summary FILE (the database has the gaps itself)')],
    // the gap histogram
    ['gaps of another day', ['churn', '--summary', good, '--gaps', 'FILE'], `${GAPS[0]}\ngeneric,s,CNY,2030-01-01,60,1\n`, 1, E(`${F('gaps of another day')}:2: as_of 2030-01-01 is not the summary's 2024-07-01: compute both for the same day`)],
    ['a gap twice', ['churn', '--summary', good, '--gaps', 'FILE'], `${[...GAPS, GAPS[1]].join('\n')}\n`, 1, E(`${F('a gap twice')}:3: gap_days 60 of generic/s CNY appears twice (first on line 2)`)],
    // the cohort counts
    ['not a cohort', coh, counts('generic,s,CNY,2024-07-01,2024-13,0,2,2,3000'), 1, E(`${F('not a cohort')}:2: cohort '2024-13' is not a month (2024-03), ISO week (2024-W09) or quarter (2024-Q1)`)],
    ['mixed periods', coh, counts(COUNTS[1], 'generic,s,CNY,2024-07-01,2024-Q1,0,2,2,3000'), 1, E(`${F('mixed periods')}:3: cohort '2024-Q1' is a quarter, but the rows before it are months: one file is one kind of period`)],
    ['a cell after as_of', coh, counts(COUNTS[1], 'generic,s,CNY,2024-07-01,2024-01,6,1,1,2000'), 1, E(`${F('a cell after as_of')}:3: cohort 2024-01 period 6 is 2024-07, which starts on or after as_of 2024-07-01`)],
    ['a cohort cell twice', coh, counts(COUNTS[1], COUNTS[1]), 1, E(`${F('a cohort cell twice')}:3: cohort 2024-01 period 0 of generic/s CNY appears twice (first on line 2)`)],
    ['no period 0', coh, counts(COUNTS[2]), 1, E(`${F('no period 0')}:2: cohort 2024-01 has no period 0 row: period 0's customers is the cohort's size`)],
    ['more customers later', coh, counts(COUNTS[1], 'generic,s,CNY,2024-07-01,2024-01,2,3,3,2000'), 1, E(`${F('more customers later')}:3: cohort 2024-01 has 3 active customers in a later period but only 2 in period 0 (its size)`)],
    ['no cohort matches', [...coh, '--shop', 'other'], counts(...COUNTS.slice(1)), 1, E(`${F('no cohort matches')}: no cohort matches: nothing to analyse (check --platform, --shop and --currency)`)],
    ['another period', ['cohorts', '--counts', goodCounts, '--period', 'week'], null, 2, E(`${goodCounts} counts monthly cohorts: give --period month, or compute the counts by week`)],
    ['--by segment on counts', ['cohorts', '--counts', goodCounts, '--by', 'segment'], null, 2, E(`--by segment needs each customer, which ${goodCounts} does not have (it counts cohorts): split by platform or shop, or compute the counts per segment`)],
    ['half a cohort from', ['cohorts', '--counts', goodCounts, '--acquired-since', '2024-03-15'], null, 2, E(`--acquired-since 2024-03-15 cuts a monthly cohort in two, which ${goodCounts} cannot: give the first day of a month`)],
    ['half a cohort until', ['cohorts', '--counts', goodCounts, '--acquired-until', '2024-03-15'], null, 2, E(`--acquired-until 2024-03-15 cuts a monthly cohort in two, which ${goodCounts} cannot: give the last day of a month`)],
    // the streamed ltv
    ['--stream as a table', ['ltv', '--summary', good, '--stream', '--format', 'table'], null, 2, E("rows are written as they are computed, in the summary's order (--stream, or more than 1,000,000 customers): as --format csv or ndjson, not table")],
    ['--stream sorted', ['ltv', '--summary', good, '--stream', '--format', 'csv', '--sort', 'clv'], null, 2, E("rows are written as they are computed, in the summary's order (--stream, or more than 1,000,000 customers): --sort and --limit need every row at once; sort the CSV afterwards")],
  ];
  return { cases, write };
}

/**
 * Runs that succeed and say what they did, on `good` (a summary of enough customers to fit, written from the
 * demo shop): [name, argv, the English lines stderr must have].
 */
export function aggregateNotes(dir: string, good: string): [string, string[], string[]][] {
  const out = path.join(dir, 'agg-streamed.csv');
  return [
    ['rfm --summary', ['rfm', '--summary', good], [`orderlens: as of 2025-07-01 (the as_of of ${good})`]],
    [
      'ltv --summary --stream --out',
      ['ltv', '--summary', good, '--stream', '--out', out],
      [
        `orderlens: 343 customers: predictions are written as they are computed, in the order of ${good} (above 1,000,000 customers rows are not sorted by CLV; --stream does this for any size)`,
        `orderlens: wrote 343 rows to ${out}`,
      ],
    ],
  ];
}
