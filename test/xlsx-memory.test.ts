/**
 * A 200,000-row workbook with Chinese text (written by exceljs' streaming writer) is read in a child
 * process — the reader in dist/, built from the current sources by test/build-dist.ts before the tests run — with every
 * cell checked and the growth of its peak resident memory measured. The streaming reader grows by about
 * 80 MB here; exceljs' whole-workbook reader, which orderlens used before, grew by about 660 MB on this
 * same workbook (and in proportion to the rows: a million-row export did not fit).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const ROWS = 200_000;
const START = Date.UTC(2019, 0, 1);

/** Row i of the workbook as values (for the writer) and as the text the reader must give. Runs in the child too. */
function rowAt(i: number): { values: (string | number | Date)[]; text: string[] } {
  const cents = (i * 7919) % 100000;
  const at = START + i * 17000;
  const iso = new Date(at).toISOString();
  const time = iso.slice(11, 19);
  return {
    values: [String(2875123456789012341n + BigInt(i)), `买家${i % 5000}号`, cents / 100, new Date(at), `零基础学Python全彩版 第${i}册 从入门到精通，C#精彩编程200例`],
    text: [String(2875123456789012341n + BigInt(i)), `买家${i % 5000}号`, String(cents / 100), time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`, `零基础学Python全彩版 第${i}册 从入门到精通，C#精彩编程200例`],
  };
}

const child = (reader: string, file: string): string => `
const START = ${START};
const rowAt = ${rowAt.toString()};
const { openRows } = await import(${JSON.stringify(reader)});
const before = process.memoryUsage().rss;
const opened = await openRows(${JSON.stringify(file)}, { encoding: 'auto' });
let rows = 0, bad = 0, firstBad = null;
for await (const r of opened.rows) {
  const want = r.line === 1 ? ['订单编号', '买家会员名', '实付金额', '付款时间', '宝贝标题'] : rowAt(r.line - 2).text;
  if (JSON.stringify(r.cells) !== JSON.stringify(want)) { bad++; firstBad ??= { line: r.line, cells: r.cells, want }; }
  rows++;
}
console.log(JSON.stringify({ rows, bad, firstBad, growthMb: (process.resourceUsage().maxRSS * 1024 - before) / 1048576 }));
`;

const reader = path.join(repoRoot, 'dist', 'import', 'read.js');

describe('reading a large workbook', () => {
  it(`streams ${ROWS.toLocaleString('en')} rows with every cell intact and flat memory`, async () => {
    const file = path.join(tempDir(), 'large.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const ws = wb.addWorksheet('订单报表');
    ws.columns = [{}, {}, {}, { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } }, {}];
    ws.addRow(['订单编号', '买家会员名', '实付金额', '付款时间', '宝贝标题']).commit();
    for (let i = 0; i < ROWS; i++) ws.addRow(rowAt(i).values).commit();
    ws.commit();
    await wb.commit();

    const run = spawnSync(process.execPath, ['--input-type=module', '-e', child(pathToFileURL(reader).href, file)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: number; bad: number; firstBad: unknown; growthMb: number };
    expect(result.firstBad).toBeNull();
    expect(result).toMatchObject({ rows: ROWS + 1, bad: 0 });
    expect(result.growthMb).toBeLessThan(250);
  });
});
