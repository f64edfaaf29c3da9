import { describe, expect, it } from 'vitest';
import { renderTable, textWidth, wrapText, type TableLines } from './table.js';
import type { Column, Report, Row } from './report.js';

const display = (_c: Column, v: Row[string]) => (v === null || v === undefined ? '' : String(v));
/** The table's own lines (the CLI's come from the catalogue: report/table-lines.ts): what the table hands them is tested here. */
const LINES: TableLines = {
  more: (n) => `… ${n} more rows`,
  dropped: (names, more) => (names.length === 0 ? `… ${more} more columns left out` : `… left out: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''} (see the CSV)`),
};
/** The words of a text, to check that wrapping lost none (it drops only the spaces it breaks at). */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('wrapText', () => {
  it('breaks at spaces, never past the width, and loses nothing but the spaces it breaks at', () => {
    const text = 'assumed for generic/demo (nothing in the files named it): import with --currency to set';
    for (const width of [8, 12, 20, 29, 40]) {
      const lines = wrapText(text, width);
      for (const line of lines) expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const line of lines) expect(line).toBe(line.trim());
      expect(squeeze(lines.join(''))).toBe(squeeze(text));
    }
    // `--currency` stays with its value
    expect(wrapText(text, 29)).toEqual(['assumed for generic/demo', '(nothing in the files named', 'it): import with', '--currency to set']);
    expect(wrapText('short', 20)).toEqual(['short']);
  });

  it('breaks a path after its slashes, and a word wider than the line where it must', () => {
    expect(wrapText('/work/wt-hux/fixtures/demo/shop-orders-2024.csv (generic/demo)', 28)).toEqual(['/work/wt-hux/fixtures/demo/', 'shop-orders-2024.csv', '(generic/demo)']);
    expect(wrapText('h:938bc392fb369ed070f201de313659bb', 10)).toEqual(['h:938bc392', 'fb369ed070', 'f201de3136', '59bb']);
  });

  it('breaks a compound word wider than the line after its hyphen, not inside a word (selftest at 40 columns)', () => {
    expect(wrapText('log-likelihood', 13)).toEqual(['log-', 'likelihood']);
    expect(wrapText('BG/NBD log-likelihood', 13)).toEqual(['BG/NBD', 'log-', 'likelihood']);
    // a word that fits stays whole; numbers, dates and flags are not compound words
    expect(wrapText('the log-likelihood', 14)).toEqual(['the', 'log-likelihood']);
    expect(wrapText('-9,582.4292', 6)).toEqual(['-9,582', '.4292']);
    expect(wrapText('2024-01-02', 6)).toEqual(['2024-0', '1-02']);
  });

  it('keeps a flag with its value (`--format csv`), unless the two do not fit a line together', () => {
    expect(wrapText('… not shown: churned, at_risk (--format csv has them)', 40)).toEqual(['… not shown: churned, at_risk', '(--format csv has them)']);
    expect(wrapText('… 2,375 more rows: --limit 0 for all, --format csv for a file', 40)).toEqual(['… 2,375 more rows: --limit 0 for all,', '--format csv for a file']);
    expect(wrapText('see --format csv', 9)).toEqual(['see', '--format', 'csv']);
  });

  it('breaks a snake_case code after its underscores (what-if measures)', () => {
    expect(wrapText('margin_per_retained_customer', 22)).toEqual(['margin_per_retained_', 'customer']);
    expect(wrapText('break_even_cost_per_customer', 12)).toEqual(['break_even_', 'cost_per_', 'customer']);
  });

  it('breaks Chinese between characters (two columns each), never before closing or after opening punctuation', () => {
    const text = 'generic/demo 的币种是假定的（文件里没写）：导入时用 --currency 指定';
    for (const width of [6, 9, 10, 14, 21]) {
      const lines = wrapText(text, width);
      for (const line of lines) {
        expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
        expect(line, `${width}`).not.toMatch(/^[，。、；：）」』》！？]/);
        expect(line, `${width}`).not.toMatch(/[（「『《]$/);
      }
      expect(squeeze(lines.join(''))).toBe(squeeze(text));
    }
    expect(wrapText('配合宝贝报表（每个订单一行）', 6)).toEqual(['配合宝', '贝报表', '（每个', '订单一', '行）']);
    expect(wrapText('订单报表 ExportOrderList*.csv，配合宝贝报表', 16)).toEqual(['订单报表', 'ExportOrderList*', '.csv，配合宝贝报', '表']);
  });
});

describe('a table with wrapped columns', () => {
  const report: Report = {
    columns: [
      { key: 'section', kind: 'text' },
      { key: 'item', kind: 'text', wrap: true },
      { key: 'value', kind: 'text', wrap: true },
    ],
    rows: [
      { section: 'database', item: 'orders', value: '3,536' },
      { section: 'revenue', item: 'CNY currency', value: 'assumed for generic/demo (nothing in the files named it): import with --currency to set' },
      { section: 'import', item: '/work/wt-hux/fixtures/demo/shop-orders-2024.csv (generic/demo)', value: '2026-12-06T02:36:11.626Z: read 1683, inserted 1683, updated 0, unchanged 0, rejected 0' },
    ],
  };

  it('fits the terminal with every word kept: long cells take more lines of their row, the first column tells the rows apart', () => {
    const lines = renderTable(report, { color: false, width: 60, display, lines: LINES }).trimEnd().split('\n');
    for (const line of lines) expect(textWidth(line), line).toBe(60);
    expect(lines.join('\n')).not.toContain('…');
    const body = lines.slice(3, -1).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
    // a new row starts where the first column has text
    const rows: string[][] = [];
    for (const cells of body) {
      if (cells[0] !== '') rows.push(cells);
      else cells.forEach((c, j) => j > 0 && (rows.at(-1)![j] += ` ${c}`));
    }
    expect(rows.map((r) => r[0])).toEqual(['database', 'revenue', 'import']);
    rows.forEach((r, i) => {
      expect(squeeze(r[1])).toBe(squeeze(String(report.rows[i].item)));
      expect(squeeze(r[2])).toBe(squeeze(String(report.rows[i].value)));
    });
    expect(body.length).toBeGreaterThan(3);
  });

  it('is the plain table where it fits, and without a width (a file, a pipe)', () => {
    const wide = renderTable(report, { color: false, width: 200, display, lines: LINES }).trimEnd().split('\n');
    expect(wide).toHaveLength(3 + 3 + 1);
    expect(renderTable(report, { color: false, display, lines: LINES }).trimEnd().split('\n')).toEqual(wide);
  });

  it('too narrow for every column wrapped: the first two, their headers whole, and how many more', () => {
    const lines = renderTable(report, { color: false, width: 24, display, lines: LINES }).trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ section {2}│ item +│$/);
    // the line naming it wraps, never cut
    expect(lines.slice(-2)).toEqual(['… left out: value (see', 'the CSV)']);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(24);
  });

  it('too narrow even for two columns wrapped: one field per line, long values wrapped under their name', () => {
    const lines = renderTable(report, { color: false, width: 20, display, lines: LINES }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^─\[ 1 \]/);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(20);
    expect(lines.join('\n')).not.toContain('…');
  });

  it('at 40 columns breaks no word a column can hold whole: it narrows where no word breaks first', () => {
    const info: Report = {
      columns: [
        { key: 'section', kind: 'text', wrap: true },
        { key: 'item', kind: 'text', wrap: true },
        { key: 'value', kind: 'text', wrap: true },
      ],
      rows: [
        { section: 'database', item: 'customers with a counted order', value: '5,646' },
        { section: 'database', item: 'first order day', value: '1997-01-01' },
        { section: 'revenue', item: 'CNY discounts', value: '¥0.00' },
        { section: 'revenue', item: 'CNY gross', value: '¥409,911.95' },
        { section: 'platform/shop', item: 'taobao/tmall', value: '3,271 orders, 2,530 customers' },
        { section: 'import', item: '/work/shared/data/etsy/EtsySoldOrderItems2021.csv (etsy/etsy)', value: '2026-12-06T20:28:29.405Z: read 136, inserted 109' },
      ],
    };
    const lines = renderTable(info, { color: false, width: 40, display, lines: LINES }).trimEnd().split('\n');
    for (const line of lines) expect(textWidth(line), line).toBe(40);
    const words = new Set(lines.flatMap((l) => l.split('│').flatMap((c) => c.trim().split(' '))));
    for (const word of ['customers', 'counted', 'discounts', '1997-01-01', '¥409,911.95', 'orders,']) expect(words, word).toContain(word);
    // a word wider than any column it could have (a file name, a time) is still broken where it must be
    expect(lines.join('\n')).not.toContain('…');
  });

  it('too wide without the columns a report may drop: leaves out the lowest keep first, from the last among equals', () => {
    const wide: Report = {
      columns: [
        { key: 'customer', kind: 'text' },
        { key: 'recency_days', kind: 'int' },
        { key: 'monetary', kind: 'int' },
        { key: 'segment', kind: 'text', keep: 1 },
        { key: 'rfm', kind: 'text' },
      ],
      rows: [{ customer: 'm***4', recency_days: 175, monetary: 2533297, segment: 'Potential loyalist', rfm: '545' }],
      drop: ['rfm'],
    };
    const lines = renderTable(wide, { color: false, width: 34, display, lines: LINES }).trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ customer │ segment +│$/);
    expect(lines.at(-1)).toBe('… 3 more columns left out');
    // without a keep the last goes first, as before
    const plain = renderTable({ ...wide, columns: wide.columns.map(({ keep: _, ...c }) => c) }, { color: false, width: 34, display, lines: LINES }).trimEnd().split('\n');
    expect(plain[1]).toMatch(/^│ customer │ recency_days │$/);
  });

  it('a matrix too wide shows its list form and says so', () => {
    const matrix: Report = {
      columns: [{ key: 'from', kind: 'text' }, ...['alpha_segment', 'beta_segment', 'gamma_segment'].map((key): Column => ({ key, kind: 'int' }))],
      rows: [{ from: 'a', alpha_segment: 1, beta_segment: 2, gamma_segment: 0 }],
      list: { report: { columns: [{ key: 'from', kind: 'text' }, { key: 'to', kind: 'text' }, { key: 'n', kind: 'int' }], rows: [{ from: 'a', to: 'alpha', n: 1 }, { from: 'a', to: 'beta', n: 2 }] }, line: '… one row per cell' },
    };
    const narrow = renderTable(matrix, { color: false, width: 30, display, lines: LINES }).trimEnd().split('\n');
    expect(narrow.at(-1)).toBe('… one row per cell');
    expect(narrow[1]).toMatch(/│ from │ to +│ +n │/);
    expect(narrow).toHaveLength(3 + 2 + 1 + 1);
    expect(renderTable(matrix, { color: false, width: 80, display, lines: LINES })).toContain('alpha_segment');
  });
});
