/**
 * The reports that are not per customer, on an 80-column terminal (en and zh): info, platforms, selftest,
 * snapshots, trend and the migration matrix stay tables that fit (long text wrapped, never cut; the least
 * important columns left out and named; a matrix too wide as the list of its cells), and their CSV is as before.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import { textWidth } from '../src/output/table.js';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir('orderlens-narrow-');
const db = path.join(dir, 'shop.db');

async function term(argv: string[], columns = 80, lang = 'en_US.UTF-8') {
  const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty: true, columns, rows: 60 });
  const code = await run(['--db', db, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** Lines wider than the terminal, table lines out of line with their border, a record view, a cut cell. */
function problems(text: string, width: number): string[] {
  const out: string[] = [];
  const lines = text.trimEnd().split('\n');
  let border = 0;
  for (const line of lines) {
    if (textWidth(line) > width) out.push(`wider than ${width}: ${line}`);
    if (line.startsWith('┌')) border = textWidth(line);
    else if (/^[│├└]/.test(line) && textWidth(line) !== border) out.push(`out of line: ${line}`);
    if (/^─\[ \d+ \]/.test(line)) out.push(`a record view: ${line}`);
    if (/^│.*…/.test(line)) out.push(`a cut cell: ${line}`);
  }
  return out;
}

describe('summaries on 80 columns', () => {
  beforeAll(async () => {
    expect((await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')])).code).toBe(0);
    const snap = await orderlens(db, ['snapshot', '--every', 'month', '--since', '2025-09-01', '--model', 'none']);
    expect(snap.code, snap.stderr).toBe(0);
  }, 240_000);

  const commands = [['info'], ['platforms'], ['selftest'], ['snapshots'], ['trend'], ['migration']];
  it.each(commands)('%s: a table that fits 80 columns, in English and Chinese, every cell whole', async (...argv) => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await term(argv, 80, lang);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^┌/);
      expect(problems(r.out, 80), `${argv.join(' ')} ${lang}`).toEqual([]);
    }
  }, 120_000);

  it('trend without a model leaves its empty model columns out before the churn rate', async () => {
    const r = await term(['trend']);
    expect(r.out).toMatch(/│ churned% +│ churn% +│\n/);
    expect(r.out).not.toMatch(/│ (avg_)?clv +│/);
    expect(r.out).toMatch(/│ 2025-11-01 │ .* │ +9\.0% │\n/);
  });

  it('info wraps its long values (the assumed currency, the import lines) instead of cutting them', async () => {
    const r = await term(['info']);
    const text = r.out.replace(/[│ ]+/g, ' ');
    expect(text).toContain('(nothing in the files named');
    expect(text).toMatch(/shop-orders-2025\.csv/);
    expect(text).toMatch(/stale 14,/);
  });

  it('platforms keeps the files and the buyer column and names what it leaves out; CSV has every column', async () => {
    const r = await term(['platforms']);
    expect(r.out).toMatch(/│ platform +│ files +│ buyer_identity +│/);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^… not shown: detected_as, .*\(--format csv has them\)$/);
    const wide = await term(['platforms'], 160);
    expect(wide.out).toMatch(/│ shop_from +│/);
    const csv = (await orderlens(db, ['platforms'])).stdout;
    expect(csv.split('\n')[0]).toBe('platform,detected_as,files,buyer_identity,shop_from,default_tz,default_currency');
  });

  it('selftest shows counts as counts and leaves the sources out (named)', async () => {
    const r = await term(['selftest']);
    expect(r.out).toMatch(/│ CDNOW +│ customers +│ +2,357 │ +2,357 │ +0 │ PASS +│/);
    expect(r.out).toMatch(/│ +0\.2430 │ +0\.2426 │ 0\.0005 │/);
    expect(r.out).toContain('… not shown: source');
    const csv = parseCsvRows((await orderlens(db, ['selftest'])).stdout);
    expect(csv[0]).toMatchObject({ quantity: 'customers', expected: '2357', computed: '2357', tolerance: '0' });
  });

  it('migration: the matrix too wide for 80 columns is the list of its cells, which add up to the matrix', async () => {
    const r = await term(['migration']);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… one row per cell: the matrix is too wide for the terminal; --format csv has it');
    const zh = await term(['migration'], 80, 'zh_CN.UTF-8');
    expect(zh.out.trimEnd().split('\n').at(-1)).toBe('… 每个格子一行：矩阵比终端宽；完整矩阵请用 --format csv');
    const listed = r.out.split('\n').filter((l) => /^│ /.test(l) && !l.includes('from_segment')).map((l) => l.split('│').map((c) => c.trim()));
    const matrix = parseCsvRows((await orderlens(db, ['migration'])).stdout);
    const total = matrix.find((x) => x.from_segment === 'total')!;
    expect(listed.reduce((s, c) => s + Number(c[3]), 0)).toBe(Number(total.total));
    const champions = matrix.find((x) => x.from_segment === 'Champions')!;
    const fromChampions = listed.filter((c) => c[1] === 'Champions');
    expect(fromChampions.reduce((s, c) => s + Number(c[3]), 0)).toBe(Number(champions.total));
    expect(fromChampions.find((c) => c[2] === 'Champions')?.[3]).toBe(champions.champions);
    // a wide terminal keeps the matrix
    expect((await term(['migration'], 250)).out).toMatch(/│ from_segment +│ champions +│/);
  });
});

/** The cells of a table's body lines (between the header rule and the bottom rule), trimmed. */
function bodyCells(text: string): string[][] {
  const lines = text.trimEnd().split('\n');
  const start = lines.findIndex((l) => l.startsWith('├'));
  const end = lines.findIndex((l) => l.startsWith('└'));
  return lines.slice(start + 1, end).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

describe('ltv and campaign reports on 80 columns', () => {
  const ltvDb = path.join(dir, 'ltv.db');
  const at = async (argv: string[], lang = 'en_US.UTF-8', columns = 80) => {
    const io = memoryIo({ env: { LANG: lang, NO_COLOR: '1' }, tty: true, columns, rows: 60 });
    const code = await run(['--db', ltvDb, ...argv], io);
    return { code, out: io.out(), err: io.err() };
  };
  beforeAll(async () => {
    expect((await orderlens(ltvDb, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')])).code).toBe(0);
    const list = path.join(dir, 'loyal.csv');
    expect((await orderlens(ltvDb, ['campaign', 'split', '--segment', 'Loyal', '--holdout', '30%', '--seed', '7', '--as-of', '2025-06-01', '--out', list])).code).toBe(0);
    expect((await orderlens(ltvDb, ['campaign', 'import', list, '--name', 'loyal', '--sent', '2025-06-01'])).code).toBe(0);
  }, 120_000);

  it('ltv --params: a table (not one record per block) leaving out the fit-wide columns (said on stderr)', async () => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await at(['ltv', '--params'], lang);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^┌/);
      expect(problems(r.out, 80), lang).toEqual([]);
    }
    const r = await at(['ltv', '--params']);
    expect(r.out).toMatch(/│ model │ parameter │ estimate │ +se │ converged │ chosen │ unit +│/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… not shown: log_likelihood, aic, customers (--format csv has them)');
    const csv = parseCsvRows((await orderlens(ltvDb, ['ltv', '--params'])).stdout);
    expect(bodyCells(r.out).map((c) => c.slice(0, 2))).toEqual(csv.map((row) => [row.model, row.parameter]));
  }, 120_000);

  it('ltv --holdout: the backtest table fits with short headers, nothing cut (en and zh; the model and the textbook method)', async () => {
    for (const method of [[], ['--method', 'simple']]) {
      for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
        const r = await at(['ltv', '--holdout', '2025-06-30', ...method], lang);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toMatch(/^┌/);
        expect(problems(r.out, 80), `${method.join(' ')} ${lang}`).toEqual([]);
      }
    }
    const r = await at(['ltv', '--holdout', '2025-06-30']);
    expect(r.out).toMatch(/│ freq_cal │ customers │ actual │ predicted │ act\/cust │ pred\/cust │ mae\/cust │/);
    const csv = (await orderlens(ltvDb, ['ltv', '--holdout', '2025-06-30'])).stdout;
    expect(csv.split('\n')[0]).toBe('calibration_frequency,customers,actual_purchases,predicted_purchases,actual_per_customer,predicted_per_customer,mae_per_customer');
  }, 120_000);

  it('cohorts --long: every cohort label whole, the least needed columns left out and named (en and zh, by segment too)', async () => {
    for (const by of [[], ['--by', 'segment']]) {
      for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
        const r = await at(['cohorts', '--long', ...by], lang);
        expect(r.code, r.err).toBe(0);
        expect(problems(r.out, 80), `${by.join(' ')} ${lang}`).toEqual([]);
      }
    }
    const r = await at(['cohorts', '--long']);
    // customers (active in the period) as `active` and cohort_size as `size` fit beside the measures; the period's orders are left out
    expect(r.out).toMatch(/│ cohort +│ period │ active │ size │ retention │ +revenue │ +cum\/cust │/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… not shown: orders (--format csv has it)');
    const csv = (await orderlens(ltvDb, ['cohorts', '--long'])).stdout;
    expect(csv.split('\n')[0]).toBe('cohort,period,customers,cohort_size,retention,revenue,orders,cumulative_revenue_per_customer');
  }, 120_000);

  it('ltv --what-if: every measure whole (wrapped at its underscores), before, after and change kept', async () => {
    const argv = ['ltv', '--what-if', 'retention+5%', '--margin', '30%', '--cost-per-customer', '5'];
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await at(argv, lang);
      expect(r.code, r.err).toBe(0);
      expect(problems(r.out, 80), lang).toEqual([]);
    }
    // the horizon and the discount rate in Chinese words, not the flags' `12mo` and `10%/yr`
    const zh = (await at([...argv, '--horizon', '2y', '--discount', '1%/mo'], 'zh_CN.UTF-8')).err.replace(/\n {2}/g, '');
    expect(zh).toContain('价值按 2 年（730.5 天）计，贴现率 1%/月，毛利率 30%');
    const r = await at(argv);
    expect(r.err.replace(/\n {2}/g, ' ')).toContain('values over 12mo (365.25 days), discount 10%/yr, margin 30%');
    // a row starts where its unit is given; the lines below it continue its measure
    const measures: string[] = [];
    for (const cells of bodyCells(r.out)) {
      if (cells[1] !== '') measures.push(cells[0]);
      else measures[measures.length - 1] += cells[0];
    }
    const csv = parseCsvRows((await orderlens(ltvDb, argv)).stdout);
    expect(measures).toEqual(csv.map((row) => row.measure));
    expect(measures).toContain('margin_per_retained_customer');
    expect(r.out).toMatch(/│ measure +│ unit +│ +before │ +after │ +change │/);
  }, 120_000);

  it('campaign report: the groups as columns and the measures as lines, every value as in the CSV', async () => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await at(['campaign', 'report', 'loyal', '--window', '60d'], lang);
      expect(r.code, r.err).toBe(0);
      expect(problems(r.out, 80), lang).toEqual([]);
    }
    const r = await at(['campaign', 'report', 'loyal', '--window', '60d']);
    expect(r.out).toMatch(/│ measure +│ +treatment │ +control │ +lift │/);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('… one line per measure to fit the terminal; --format csv has one row per group');
    const zh = await at(['campaign', 'report', 'loyal', '--window', '60d'], 'zh_CN.UTF-8');
    expect(zh.out).toMatch(/│ 指标 +│ +实验组 │ +对照组 │ +提升 │/);
    const csvText = (await orderlens(ltvDb, ['campaign', 'report', 'loyal', '--window', '60d'])).stdout;
    const csv = parseCsvRows(csvText);
    const lines = bodyCells(r.out);
    expect(lines.map((c) => c[0])).toEqual(csvText.split('\n')[0].split(',').slice(1));
    const cell = (measure: string, j: number) => lines.find((c) => c[0] === measure)![j];
    expect(cell('customers', 1)).toBe(csv[0].customers);
    expect(cell('customers', 2)).toBe(csv[1].customers);
    expect(cell('conversion_p', 3)).toBe(Number(csv[2].conversion_p).toFixed(4));
    // wide enough: one row per group as before
    expect((await at(['campaign', 'report', 'loyal', '--window', '60d'], 'en_US.UTF-8', 250)).out).toMatch(/│ group +│ customers │ buyers │/);
  }, 120_000);

  it('campaign list: the name and counts whole, when it was imported (then from which file) left out and named', async () => {
    for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
      const r = await at(['campaign', 'list'], lang);
      expect(r.code, r.err).toBe(0);
      expect(problems(r.out, 80), lang).toEqual([]);
    }
    const r = await at(['campaign', 'list']);
    expect(r.out).toMatch(/│ campaign │ sent +│ rows │ unmatched_rows │ treatment │ control │/);
    expect(bodyCells(r.out)[0].slice(0, 2)).toEqual(['loyal', '2025-06-01']);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^… not shown: (source, )?created_at \(--format csv has (it|them)\)$/);
    const csv = (await orderlens(ltvDb, ['campaign', 'list'])).stdout;
    expect(csv.split('\n')[0]).toBe('campaign,sent,rows,unmatched_rows,treatment,control,source,created_at');
  }, 120_000);
});

describe('info in words a shop owner reads, and a table on a pipe', () => {
  const book = path.join(dir, 'book.db');
  beforeAll(async () => {
    const r = await orderlens(book, ['import', fixture('taobao', 'qianniu_order_export_20240506.xlsx')]);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('a source read from xlsx workbooks says so, not "encoding xlsx" (en and zh)', async () => {
    const en = parseCsvRows((await orderlens(book, ['info', '--format', 'csv'])).stdout).find((x) => x.section === 'source')!;
    expect(en.value).toMatch(/; xlsx workbook \(no text encoding\)$/);
    const zh = (await orderlens(book, ['info', '--format', 'table', '--lang', 'zh'])).stdout;
    expect(zh).toContain('xlsx 工作簿（无文本编码）');
    expect(zh + en.value).not.toMatch(/encoding xlsx|编码 xlsx/);
  });

  it('--format table on a pipe is as wide as COLUMNS when it is set, else as wide as the data', async () => {
    const piped = async (env: Record<string, string>) => {
      const io = memoryIo({ env: { NO_COLOR: '1', ...env } });
      expect(await run(['--db', book, 'info', '--format', 'table'], io)).toBe(0);
      return io.out();
    };
    const narrow = await piped({ COLUMNS: '80' });
    expect(problems(narrow, 80)).toEqual([]);
    const wide = await piped({});
    expect(Math.max(...wide.trimEnd().split('\n').map(textWidth))).toBeGreaterThan(80);
    // not a width: as wide as the data
    expect(await piped({ COLUMNS: 'wide' })).toBe(wide);
  });
});
