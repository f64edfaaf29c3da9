import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cleanCell, isScientificId } from './cells.js';
import { openRows } from './read.js';
import { numberText, wallClockText } from './read-xlsx.js';
import { cellText } from '../../test/exceljs-cell-text.js';

describe('xlsx cells as text', () => {
  it.each([
    [62.86 * 3, '188.58'],
    [0.1 + 0.2, '0.3'],
    [748.5, '748.5'],
    [90, '90'],
    [-3.2, '-3.2'],
    [1e-7, '0.0000001'],
    [123456789012345, '123456789012345'],
    [11729384072, '11729384072'],
  ])('number %s → %s', (v, text) => expect(numberText(v)).toBe(text));

  it('writes integers beyond 2^53 in scientific notation, so ids a spreadsheet rounded are caught', () => {
    const t = numberText(Number('6917926768823643751'));
    expect(t).toBe('6.91792676882364E+18');
    expect(isScientificId(t)).toBe(true);
  });

  it('reads date cells as wall-clock text to the nearest second', () => {
    expect(wallClockText(new Date(Date.UTC(2018, 2, 9, 14, 55, 48, 999)))).toBe('2018-03-09 14:55:49');
    expect(wallClockText(new Date(Date.UTC(2018, 2, 9)))).toBe('2018-03-09');
  });

  it('reads rich text, formulas, hyperlinks, booleans and errors', () => {
    expect(cellText({ richText: [{ text: '*' }, { text: '***' }] })).toBe('****');
    expect(cellText({ formula: 'A1*2', result: 12.5 })).toBe('12.5');
    expect(cellText({ text: 'shop', hyperlink: 'https://example.com' })).toBe('shop');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(null)).toBe('');
  });
});

describe('openRows on workbooks', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-xlsx-'));

  it('reads the first visible worksheet with rows, skipping empty rows, with sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('hidden', { state: 'hidden' }).addRow(['not', 'this']);
    wb.addWorksheet('empty');
    const ws = wb.addWorksheet('订单报表');
    ws.addRow(['订单编号', '金额', '时间', '备注']);
    ws.addRow(['2875123456789012341', 62.86, new Date(Date.UTC(2019, 2, 1, 10, 0, 1)), { richText: [{ text: 'a' }, { text: 'b' }] }]);
    ws.addRow([]);
    ws.addRow([Number('6917926768823643751'), { formula: 'B2*2', result: 125.72 }, '2019-03-02 08:00:00']);
    ws.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
    const file = path.join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(file);
    const opened = await openRows(file, { encoding: 'auto' });
    expect(opened.encoding).toBe('xlsx');
    expect(opened.sheet).toBe('订单报表');
    const rows = [];
    for await (const r of opened.rows) rows.push(r);
    expect(rows).toEqual([
      { line: 1, cells: ['订单编号', '金额', '时间', '备注'] },
      { line: 2, cells: ['2875123456789012341', '62.86', '2019-03-01 10:00:01', 'ab'] },
      { line: 4, cells: ['6.91792676882364E+18', '125.72', '2019-03-02 08:00:00'] },
    ]);
    expect(cleanCell(rows[2].cells[0])).toBe('6.91792676882364E+18');
    expect(opened.sha256()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps multi-byte text whole across the chunk boundaries of the zip (exceljs streaming splits it)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    const titles = Array.from({ length: 3000 }, (_, i) => `零基础学Python全彩版 第${i}册 从入门到精通，C#精彩编程200例`);
    for (const t of titles) ws.addRow([t]);
    const file = path.join(dir, 'chinese.xlsx');
    await wb.xlsx.writeFile(file);
    const rows = [];
    for await (const r of (await openRows(file, { encoding: 'auto' })).rows) rows.push(r.cells[0]);
    expect(rows).toEqual(titles);
  });

  it('reads a workbook whatever its name, and names the way out for legacy .xls', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a', 'b']);
    const misnamed = path.join(dir, 'export.csv');
    await wb.xlsx.writeFile(misnamed);
    expect((await openRows(misnamed, { encoding: 'auto' })).encoding).toBe('xlsx');
    const xls = path.join(dir, 'old.dat');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(openRows(xls, { encoding: 'auto' })).rejects.toThrow(/legacy \.xls.*save as \.xlsx or CSV/);
    const broken = path.join(dir, 'broken.xlsx');
    writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
    await expect(openRows(broken, { encoding: 'auto' })).rejects.toThrow(/not a readable \.xlsx workbook/);
  });
});
