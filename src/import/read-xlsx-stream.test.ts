// The streaming .xlsx reader on workbooks written part by part, for what exceljs' writer never produces:
// inline strings, phonetic runs, `_xHHHH_` escapes, ISO date cells, cells and rows without references,
// prefixed elements, East Asian built-in date formats, 1904 dates, chartsheets, merged ranges.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip, type ZipInput } from '../../test/write-zip.js';
import type { SourceRow } from './adapter.js';
import { openXlsx } from './read-xlsx.js';
import { isDateFormat } from './xlsx-cell-text.js';
import { speak } from '../report/said.js';

const dir = mkdtempSync(path.join(tmpdir(), 'orderlens-xlsx-parts-'));
let serial = 0;

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** Worksheet XML body (inside <sheetData>) or a whole chartsheet when `chart`. */
  data?: string;
  after?: string;
  chart?: boolean;
}

interface BookSpec {
  sheets: SheetSpec[];
  shared?: string[];
  /** numFmtIds of cellXfs 0, 1, 2 … */
  xfs?: number[];
  numFmts?: Record<number, string>;
  date1904?: boolean;
}

function book(spec: BookSpec): string {
  const parts: ZipInput[] = [
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
  ];
  const sheets = spec.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  parts.push({ name: 'xl/workbook.xml', data: `<workbook ${NS}><workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets}</sheets></workbook>` });
  const rels = spec.sheets.map((s, i) =>
    s.chart
      ? `<Relationship Id="rId${i + 1}" Type="${REL}/chartsheet" Target="chartsheets/sheet${i + 1}.xml"/>`
      : `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`, `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  parts.push({ name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>` });
  spec.sheets.forEach((s, i) =>
    parts.push(
      s.chart
        ? { name: `xl/chartsheets/sheet${i + 1}.xml`, data: `<chartsheet ${NS}/>` }
        : { name: `xl/worksheets/sheet${i + 1}.xml`, data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.data ?? ''}</sheetData>${s.after ?? ''}</worksheet>` },
    ),
  );
  const fmts = Object.entries(spec.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`);
  const xfs = (spec.xfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  parts.push({
    name: 'xl/styles.xml',
    data: `<styleSheet ${NS}><numFmts count="${fmts.length}">${fmts.join('')}</numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>${xfs}</cellXfs></styleSheet>`,
  });
  if (spec.shared) parts.push({ name: 'xl/sharedStrings.xml', data: `<sst ${NS}>${spec.shared.map((s) => `<si>${s}</si>`).join('')}</sst>` });
  return writeZip(path.join(dir, `book${serial++}.xlsx`), parts);
}

async function rowsOf(file: string, sheet?: string): Promise<{ sheet: string; rows: SourceRow[] }> {
  const opened = await openXlsx(file, { sheet });
  const rows: SourceRow[] = [];
  for await (const r of opened.rows) rows.push(r);
  return { sheet: opened.sheet, rows };
}

describe('streaming .xlsx reader', () => {
  it('reads inline, shared and formula strings, booleans, errors and ISO dates; places cells by reference', async () => {
    const file = book({
      shared: ['<t>共享</t>', '<r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r>', '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>', '<t>line_x000D_break _x005F_x0041_</t>'],
      sheets: [
        {
          name: 's',
          data:
            '<row r="2"><c r="B2" t="inlineStr"><is><t>内联</t></is></c><c r="D2" t="s"><v>0</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>' +
            '<row><c t="str"><f>A3&amp;"!"</f><v>ab!</v></c><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2024-05-06T13:14:15</v></c><c t="d"><v>2024-05-06</v></c></row>' +
            '<row r="9"><c r="C9"/><c r="D9" s="0"/></row>' +
            '<row r="10"><c r="AA10"><v>1.5</v></c></row>',
        },
      ],
    });
    const { rows } = await rowsOf(file);
    expect(rows).toEqual([
      { line: 2, cells: ['', '内联', '', '共享'] },
      { line: 3, cells: ['ab', '富文本 ', '東京', 'line\rbreak _x0041_'] },
      { line: 4, cells: ['ab!', 'TRUE', 'FALSE', '', '2024-05-06 13:14:15', '2024-05-06'] },
      { line: 10, cells: [...Array(26).fill(''), '1.5'] },
    ]);
  });

  it('reads dates from built-in, East Asian and custom formats, in 1900 and 1904 workbooks', async () => {
    const numbers = '<row r="1">' + [0, 1, 2, 3, 4, 5, 6, 7, 8].map((s, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>43525.5</v></c>`).join('') + '</row>';
    const spec: BookSpec = {
      xfs: [0, 14, 22, 31, 57, 164, 165, 166, 2],
      numFmts: { 164: 'yyyy\\-mm\\-dd\\ hh:mm:ss', 165: '#,##0.00"元";[Red]\\-#,##0.00"元"', 166: '[$-F800]dddd, mmmm dd, yyyy' },
      sheets: [{ name: 's', data: numbers }],
    };
    const dated = ['43525.5', '2019-03-01 12:00:00', '2019-03-01 12:00:00', '2019-03-01 12:00:00', '2019-03-01 12:00:00', '2019-03-01 12:00:00', '43525.5', '2019-03-01 12:00:00', '43525.5'];
    expect((await rowsOf(book(spec))).rows).toEqual([{ line: 1, cells: dated }]);
    const in1904 = (await rowsOf(book({ ...spec, date1904: true }))).rows[0].cells;
    expect(in1904[1]).toBe('2023-03-02 12:00:00');
  });

  it('tells date formats from number formats', () => {
    for (const code of ['yyyy/m/d', 'm/d/yy h:mm', 'h:mm AM/PM', '[h]:mm:ss', 'yyyy"年"m"月"d"日"', 'YYYY-MM-DD', 'mmm-yy;@']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.00"days"', '[$¥-804]#,##0.00', '\\d0.0', '_-* #,##0_-', '@']) expect(isDateFormat(code), code).toBe(false);
  });

  it('chooses the first visible worksheet with rows, skipping chartsheets; --sheet counts worksheets only', async () => {
    const file = book({
      sheets: [
        { name: 'hidden', state: 'hidden', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>no</t></is></c></row>' },
        { name: 'chart', chart: true },
        { name: 'blank', data: '<row r="1"><c r="A1" s="0"/></row>' },
        { name: '订单', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>yes</t></is></c></row>' },
      ],
    });
    expect(await rowsOf(file)).toEqual({ sheet: '订单', rows: [{ line: 1, cells: ['yes'] }] });
    expect((await rowsOf(file, 'hidden')).rows).toEqual([{ line: 1, cells: ['no'] }]);
    expect((await rowsOf(file, '3')).sheet).toBe('订单');
    await expect(openXlsx(file, { sheet: 'chart' })).rejects.toThrow(/no worksheet 'chart' \(worksheets: hidden, blank, 订单\)/);
  });

  it('repeats a merged range’s value in every cell it covers, on the rows the sheet has (never inventing rows)', async () => {
    const file = book({
      sheets: [
        {
          name: 's',
          data:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>订单</t></is></c><c r="C1" t="inlineStr"><is><t>商品</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>A-1</t></is></c><c r="B2"><v>99</v></c><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>' +
            '<row r="3"><c r="B3"><v>5</v></c><c r="C3" t="inlineStr"><is><t>y</t></is></c></row>' +
            '<row r="5"><c r="C5" t="inlineStr"><is><t>z</t></is></c></row>',
          after: '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A2:A6"/><mergeCell ref="B2:B3"/></mergeCells>',
        },
      ],
    });
    expect((await rowsOf(file)).rows).toEqual([
      { line: 1, cells: ['订单', '订单', '商品'] },
      { line: 2, cells: ['A-1', '99', 'x'] },
      { line: 3, cells: ['A-1', '99', 'y'] },
      { line: 5, cells: ['A-1', '', 'z'] },
    ]);
  });

  it('fills a merged range only over the rows and columns the sheet has (A2:XFD1048576 on a 3-row sheet)', async () => {
    const row = (r: number, n: number) => `<row r="${r}">${Array.from({ length: n }, (_, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${String.fromCharCode(97 + i)}${r}</t></is></c>`).join('')}</row>`;
    const file = book({
      sheets: [{ name: 's', data: row(1, 5) + row(2, 3) + row(3, 5), after: '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>' }],
    });
    expect((await rowsOf(file)).rows).toEqual([
      { line: 1, cells: ['a1', 'b1', 'c1', 'd1', 'e1'] },
      { line: 2, cells: ['a2', 'a2', 'a2', 'a2', 'a2'] },
      { line: 3, cells: ['a2', 'a2', 'a2', 'a2', 'a2'] },
    ]);
  });

  it('rejects a row over the cell or row limits, not the file, and stops a row of more cells than a worksheet has', async () => {
    const big = 'x'.repeat((1 << 20) + 1);
    const file = book({
      shared: ['<t>ok</t>', `<t>${big}</t>`],
      sheets: [
        {
          name: 's',
          data:
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v>1</v></c></row>' +
            `<row r="3"><c r="A3" t="inlineStr"><is><t>${big}</t></is></c></row>` +
            `<row r="4">${'<c t="s"><v>0</v></c>'.repeat(16385)}</row>` +
            '<row r="5"><c r="A5" t="s"><v>0</v></c></row>',
        },
      ],
    });
    const rows = (await rowsOf(file)).rows;
    expect(rows.map((r) => [r.line, r.cells.length, r.oversize === undefined ? undefined : speak('en', r.oversize)])).toEqual([
      [1, 1, undefined],
      [2, 0, 'cell over 1 MB (the limit of one cell)'],
      [3, 0, 'cell over 1 MB (the limit of one cell)'],
      [4, 0, 'row of more than 16,384 cells (the limit of one row)'],
      [5, 1, undefined],
    ]);
  });

  it('reads elements with a namespace prefix', async () => {
    const x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const file = writeZip(path.join(dir, 'prefixed.xlsx'), [
      { name: 'xl/workbook.xml', data: `<x:workbook ${x} xmlns:r="${REL}"><x:sheets><x:sheet name="p" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
      { name: 'xl/worksheets/sheet1.xml', data: `<x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>` },
    ]);
    expect(await rowsOf(file)).toEqual({ sheet: 'p', rows: [{ line: 1, cells: ['前缀', '2'] }] });
  });

  it('rejects a workbook whose parts contradict each other or are not XML', async () => {
    const missing = book({ shared: ['<t>only</t>'], sheets: [{ name: 's', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>' }] });
    await expect(rowsOf(missing)).rejects.toThrow(/not a readable \.xlsx workbook \(cell B1 refers to shared string 7/);
    const broken = book({ sheets: [{ name: 's', data: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</c></row>' }] });
    await expect(rowsOf(broken)).rejects.toThrow(/not a readable \.xlsx workbook/);
    const docx = writeZip(path.join(dir, 'letter.xlsx'), [{ name: 'word/document.xml', data: '<document/>' }]);
    await expect(openXlsx(docx)).rejects.toThrow(/not a readable \.xlsx workbook \(no workbook part/);
  });
});
