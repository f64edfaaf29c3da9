/**
 * Memory is bounded by the data, not by what a file claims (issue 13): zip bombs, a sheet with one enormous
 * row, a CSV with a huge quoted cell. Each is imported by the CLI in a child process (dist/, which
 * test/build-dist.ts builds from the current sources before the tests run) whose peak resident memory must stay under 300 MB; the bombs inflate to a few hundred MB at
 * most, so the test stays quick.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';
import { writeZip } from './write-zip.js';

const dir = tempDir('orderlens-bombs-');
const main = path.join(repoRoot, 'dist', 'cli', 'main.js');
const io = path.join(repoRoot, 'dist', 'cli', 'io.js');

/** Runs `orderlens --db DB import FILE [more]` in a child; returns its exit code, stdout, stderr and peak RSS in MB. */
function importInChild(file: string, more: string[] = []): { code: number; stdout: string; stderr: string; rssMb: number } {
  const script = `
const { run } = await import(${JSON.stringify(pathToFileURL(main).href)});
const { nodeIo } = await import(${JSON.stringify(pathToFileURL(io).href)});
const code = await run(['--db', ${JSON.stringify(path.join(dir, `${path.basename(file)}.db`))}, 'import', ${JSON.stringify(file)}, ...${JSON.stringify(more)}], nodeIo());
process.stderr.write('RSS ' + process.resourceUsage().maxRSS / 1024 + '\\n');
process.exitCode = code;
`;
  // a script file, not --input-type (which a worker thread would inherit)
  const runner = path.join(dir, `${path.basename(file)}.mjs`);
  writeFileSync(runner, script);
  const r = spawnSync(process.execPath, [runner], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const m = /RSS ([\d.]+)\n$/.exec(r.stderr);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.replace(/RSS [\d.]+\n$/, ''), rssMb: m ? Number(m[1]) : Infinity };
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook with the given sheetData and shared strings. */
function workbook(name: string, sheetData: Buffer | string, shared?: Buffer | string): string {
  const rels = `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` + (shared ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '');
  const parts = [
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<workbook ${NS}><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat([Buffer.from(`<worksheet ${NS}><sheetData>`), Buffer.from(sheetData), Buffer.from('</sheetData></worksheet>')]) },
  ];
  if (shared) parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.concat([Buffer.from(`<sst ${NS}>`), Buffer.from(shared), Buffer.from('</sst>')]) });
  return writeZip(path.join(dir, name), parts);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const headerRow = `<row r="1">${inline('A1', 'order_id')}${inline('B1', 'customer_id')}${inline('C1', 'order_date')}${inline('D1', 'amount')}</row>`;
const dataRow = (r: number) => `<row r="${r}">${inline(`A${r}`, String(r))}${inline(`B${r}`, `C${r}`)}${inline(`C${r}`, '2024-01-05')}${inline(`D${r}`, '10')}</row>`;

describe('bombs stay under 300 MB', () => {
  it('a shared-string table of 3 million duplicate strings stops at the limit with one line', () => {
    const file = workbook('strings.xlsx', headerRow + dataRow(2), Buffer.from('<si><t>a</t></si>'.repeat(3_000_000)));
    const r = importInChild(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`orderlens: error: ${file}: over a limit: xl/sharedStrings.xml has more than 1,500,000 shared strings (the limit of a workbook); see the README's limits (split the export, or export CSV)\n`);
    expect(r.rssMb).toBeLessThan(300);
  });

  it('a sheet with one row of 2 million cells rejects that row and imports the others', () => {
    const huge = `<row r="3">${'<c><v>1</v></c>'.repeat(2_000_000)}</row>`;
    const file = workbook('row.xlsx', headerRow + dataRow(2) + huge + dataRow(4));
    const r = importInChild(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${file}:3: row of more than 16,384 cells (the limit of one row)`);
    expect(r.rssMb).toBeLessThan(300);
  });

  it('a CSV with a 200 MB quoted cell rejects that row in linear time and flat memory', async () => {
    const file = path.join(dir, 'cell.csv');
    const out = createWriteStream(file);
    out.write('order_id,customer_id,order_date,amount,note\n1,C1,2024-01-05,10,ok\n2,C2,2024-01-06,20,"');
    const block = 'z'.repeat(1 << 20);
    for (let i = 0; i < 200; i++) if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    out.end('"\n3,C3,2024-01-07,30,ok\n');
    await new Promise<void>((resolve) => out.on('finish', () => resolve()));
    const r = importInChild(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 3, inserted 2, updated 0, unchanged 0, rejected 1');
    expect(r.stderr).toContain(`${file}:3: cell over 1 MB (the limit of one cell)`);
    expect(r.rssMb).toBeLessThan(300);
  });

  it('300,000 rejected rows go to --rejects as they come: every one written, memory flat', () => {
    // held in memory, 300,000 rejects took about 400 MB (1.36 GB for a million); streamed, the import stays flat
    const file = path.join(dir, 'rejects.csv');
    const lines = ['order_id,customer_id,order_date,amount', '1,C1,2024-01-05,10'];
    for (let i = 0; i < 300_000; i++) lines.push(`r${i},C${i % 5000},not a date,${i % 97}.50`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const rejects = path.join(dir, 'rejects-out.csv');
    const r = importInChild(file, ['--rejects', rejects]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read 300001, inserted 1, updated 0, unchanged 0, rejected 300000');
    // the note points to the file that holds them all, not to the flag already given
    expect(r.stderr).toContain(`orderlens: 299,995 more rejected rows in ${file}: all are in ${rejects}\n`);
    expect(r.stderr).toContain(`orderlens: wrote 300,000 rejected rows to ${rejects}\n`);
    const written = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(written).toHaveLength(1 + 300_000);
    const last = written.at(-1)!;
    expect(last.startsWith(`${file},300002,unreadable date 'not a date',"r299999,`), last).toBe(true);
    expect(last.endsWith(`,not a date,${299_999 % 97}.50"`), last).toBe(true);
    expect(r.rssMb).toBeLessThan(300);
  }, 300_000);
});
