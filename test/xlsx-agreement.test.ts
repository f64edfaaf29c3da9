/**
 * The streaming .xlsx reader against exceljs' whole-workbook reader (the reader orderlens used before, kept
 * here as the reference): every worksheet of every workbook must come out as the same rows of text. Covers
 * the fixtures, a workbook exceljs writes with every kind of cell (merges, hyperlinks, shared formulas, rich
 * text, dates in several formats, errors), and the real Tmall workbooks in the shared data folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../src/import/adapter.js';
import { openXlsx } from '../src/import/read-xlsx.js';
import { cellText } from './exceljs-cell-text.js';
import { fixture, tempDir } from './cli-harness.js';
import { sharedDataDir } from './shared-data.js';

/** What orderlens read before: exceljs loads the workbook whole; cells → text by the same rules. */
async function exceljsSheets(file: string): Promise<{ name: string; visible: boolean; rows: SourceRow[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: SourceRow[] = [];
    for (let n = 1; n <= ws.rowCount; n++) {
      const values = ws.getRow(n).values as (ExcelJS.CellValue | undefined)[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length > 0) rows.push({ line: n, cells });
    }
    return { name: ws.name, visible: ws.state === 'visible', rows };
  });
}

async function streamed(file: string, sheet?: string): Promise<{ sheet: string; rows: SourceRow[] }> {
  const opened = await openXlsx(file, { sheet });
  const rows: SourceRow[] = [];
  for await (const r of opened.rows) rows.push(r);
  return { sheet: opened.sheet, rows };
}

async function expectAgreement(file: string): Promise<void> {
  const reference = await exceljsSheets(file);
  for (const [i, ws] of reference.entries()) {
    const mine = await streamed(file, String(i + 1));
    expect(mine.sheet).toBe(ws.name);
    expect(mine.rows, `${path.basename(file)} sheet ${ws.name}`).toEqual(ws.rows);
  }
  const first = reference.find((ws) => ws.visible && ws.rows.length > 0);
  expect((await streamed(file)).sheet).toBe(first?.name);
}

async function everyKindOfCell(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明', { state: 'hidden' }).addRow(['hidden notes']);
  const ws = wb.addWorksheet('订单');
  ws.addRow(['订单信息', null, '金额', '时间', '链接', '备注']);
  ws.addRow(['2875123456789012341', 'A', 62.86 * 3, new Date(Date.UTC(2019, 2, 1, 10, 0, 1)), { text: 'shop', hyperlink: 'https://example.com' }, { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] }]);
  ws.addRow(['2875123456789012342', 'B', { formula: 'C2*2', result: 377.16 }, new Date(Date.UTC(2019, 2, 2)), true, { error: '#N/A' }, 43601]);
  ws.addRow([Number('6917926768823643751'), 'C', { sharedFormula: 'C3', result: 754.32 }, 43600.75, false, 1e-7]);
  ws.addRow([]);
  ws.addRow(['2875123456789012343', null, -3.2, '2019-03-02 08:00:00', 0.1 + 0.2, '尾']);
  ws.getCell('C3').value = { formula: 'C2*2', result: 377.16, shareType: 'shared', ref: 'C3:C4' } as ExcelJS.CellFormulaValue;
  ws.getColumn(4).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getCell('D4').numFmt = '[$-F800]dddd, mmmm dd, yyyy';
  ws.getCell('G3').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('E6').numFmt = '0.00%';
  ws.getCell('C4').numFmt = '#,##0.00"元"';
  ws.mergeCells('A1:B1');
  ws.mergeCells('B2:B4');
  ws.mergeCells('F6:F8');
  wb.addWorksheet('空');
  wb.addWorksheet('第三').addRow(['x', null, null, 'y']);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('streaming .xlsx reader agrees with exceljs', () => {
  const fixtures = ['taobao', 'shopee', 'lazada'].flatMap((dir) =>
    readdirSync(fixture(dir))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => fixture(dir, f)),
  );

  it.each(fixtures)('fixture %s', async (file) => {
    await expectAgreement(file);
  });

  it('a workbook with every kind of cell, merged ranges and several sheets', async () => {
    const file = await everyKindOfCell(path.join(tempDir(), 'kinds.xlsx'));
    await expectAgreement(file);
    expect((await streamed(file)).rows.slice(0, 2)).toEqual([
      { line: 1, cells: ['订单信息', '订单信息', '金额', '时间', '链接', '备注'] },
      { line: 2, cells: ['2875123456789012341', 'A', '188.58', '2019-03-01 10:00:01', 'shop', '富文本'] },
    ]);
  });

  const data = sharedDataDir();
  const book = data ? path.join(data, 'taobao_mingri_book') : null;
  const files = book && existsSync(book) ? readdirSync(book).filter((f) => f.endsWith('.xlsx')) : [];
  describe('real Tmall workbooks (明日科技)', () => {
    // an empty it.each would pass silently: without the workbooks the skip says what is missing
    if (files.length === 0) it.skip('skipped: no .xlsx files in ../shared/data/taobao_mingri_book', () => {});
    else {
      it.each(files)('%s', async (name) => {
        await expectAgreement(path.join(book as string, name));
      });
    }
  });
});
