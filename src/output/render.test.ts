import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { formatMinor, minorDigits } from '../domain/money.js';
import { displayValue, neutralizeCell, renderCsv, renderCsvBytes } from './render.js';
import type { Column, Report, Row } from './report.js';

/** CSV as the output layer wrote it with csv-stringify (the reference for the direct writer). */
function referenceCsv(report: Report): string {
  const digits = minorDigits(report.currency ?? 'CNY');
  const raw = (c: Column, v: Row[string]): string => {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
    if (typeof v === 'number') {
      if (c.kind === 'money') return formatMinor(v, digits);
      if (c.kind === 'number' || c.kind === 'percent') return String(Math.round(v * 1e6) / 1e6);
      return String(v);
    }
    return neutralizeCell(v);
  };
  return stringify([report.columns.map((c) => c.key), ...report.rows.map((row) => report.columns.map((c) => raw(c, row[c.key])))]);
}

describe('renderCsv', () => {
  it('writes what csv-stringify wrote, for random cells of every kind', () => {
    let s = 12345;
    const rnd = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    const pieces = ['a', 'b', ',', '"', '\n', '\r', ' ', '=', '+', '-', '@', '\t', '1', '.', 'é', '张', "'"];
    const text = () => Array.from({ length: Math.floor(rnd() * 8) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
    const columns: Column[] = [
      { key: 'name', kind: 'text' },
      { key: 'n', kind: 'int' },
      { key: 'x', kind: 'number' },
      { key: 'revenue', kind: 'money' },
      { key: 'share', kind: 'percent' },
      { key: 'day', kind: 'day' },
      { key: 'odd,"key"', kind: 'text' },
    ];
    for (const currency of ['CNY', 'JPY', 'KWD', undefined]) {
      const rows: Row[] = Array.from({ length: 400 }, () => ({
        name: rnd() < 0.1 ? null : text(),
        n: rnd() < 0.1 ? undefined : Math.floor(rnd() * 1e6) - 5000,
        x: rnd() < 0.1 ? Number.NaN : (rnd() - 0.5) * 1e4,
        revenue: rnd() < 0.1 ? null : rnd() < 0.5 ? Math.floor(rnd() * 1e9) - 1e6 : text(),
        share: rnd(),
        day: '2024-03-01',
        'odd,"key"': text(),
      }));
      const report: Report = { columns, rows, currency };
      expect(renderCsv(report)).toBe(referenceCsv(report));
    }
  });
});

describe('renderCsvBytes', () => {
  it('splits a large CSV into chunks only between characters, so each chunk decodes on its own (stdout writes them so)', () => {
    const columns: Column[] = [
      { key: 'customer', kind: 'text' },
      { key: 'note', field: 'remark', kind: 'text' },
      { key: 'clv', kind: 'money' },
    ];
    // multi-byte text of every width, some of it quoted, about 3 MB in all
    const rows: Row[] = Array.from({ length: 60_000 }, (_, i) => ({
      customer: `张${i}`,
      remark: i % 3 === 0 ? `é, "😀" 第${i}行` : `€${'ü'.repeat(i % 50)}`,
      clv: i * 101,
    }));
    const report: Report = { columns, rows, currency: 'CNY' };
    const chunks = renderCsvBytes(report);
    expect(chunks.length).toBeGreaterThan(2);
    const reference = referenceCsv({ ...report, rows: rows.map((r) => ({ ...r, note: r.remark })) });
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(reference);
    expect(Buffer.concat(chunks).equals(Buffer.from(reference, 'utf8'))).toBe(true);
  });
});

describe('CSV numbers', () => {
  it('decimals as String writes them rounded to six places, money as formatMinor, whole numbers as String', () => {
    const plain = (x: number) => String(Math.round(x * 1e6) / 1e6);
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = [0, -0, 1, -1, 0.1 + 0.2, 1e-7, -1e-7, 4e-7, 5e-7, 0.000001, 123456789.123456, 999999999.9999995, 1e9, 1e15, 1e21, -2.5e-6, Infinity, -Infinity, -0.4, 2 ** 46, 2 ** 53, 1.5];
    // 50k random values a currency: formatMinor on fractional amounts (which no report has) is slow, and 200k took 40 s under load
    for (let i = 0; i < 25_000; i++) {
      const magnitude = 10 ** (rnd() * 24 - 8);
      values.push((rnd() - 0.5) * magnitude, Math.round((rnd() - 0.5) * 10 ** (rnd() * 16)) / 10 ** Math.floor(rnd() * 9));
    }
    const columns: Column[] = [
      { key: 'decimal', kind: 'number' },
      { key: 'share', kind: 'percent' },
      { key: 'cny', kind: 'money' },
      { key: 'count', kind: 'int' },
    ];
    for (const currency of ['CNY', 'JPY', 'KWD']) {
      const rows = values.map((x) => ({ decimal: x, share: -x, cny: x, count: x }));
      const lines = renderCsv({ columns, rows, currency }).split('\n');
      expect(lines[0]).toBe('decimal,share,cny,count');
      // one comparison per value, one expect per currency (600k expect calls took a minute under load)
      const wrong = values.findIndex((x, i) => lines[i + 1] !== `${plain(x)},${plain(-x)},${formatMinor(x, minorDigits(currency))},${String(x)}`);
      if (wrong >= 0) {
        const x = values[wrong];
        expect(lines[wrong + 1], `${currency} ${String(x)}`).toBe(`${plain(x)},${plain(-x)},${formatMinor(x, minorDigits(currency))},${String(x)}`);
      }
      expect(lines).toHaveLength(values.length + 2);
    }
  });
});

describe('displayValue', () => {
  it('a column of rows holding different quantities takes each row its own decimals (rfm --show-edges)', () => {
    const col: Column = { key: 'max', kind: 'number', digits: 2, rowDigits: 'digits' };
    expect(displayValue(col, 6422, 'CNY', { max: 6422, digits: 2 })).toBe('6,422.00');
    expect(displayValue(col, 1557.47, 'CNY', { max: 1557.47, digits: 2 })).toBe('1,557.47');
    expect(displayValue(col, 122, 'CNY', { max: 122, digits: 0 })).toBe('122');
    // without the row field: the column's digits
    expect(displayValue(col, 6422, 'CNY')).toBe('6,422.00');
  });
});
