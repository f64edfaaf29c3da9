/**
 * The .xlsx reader with its quick XML scanner against the same reader on saxes alone (the reader before the
 * scanner): the same batches of rows, the same errors. On generated worksheets — shared and inline strings
 * (rich text, phonetic runs, `_xHHHH_` escapes, entities), numbers, dates, booleans, errors, formulas, empty and
 * missing cells, gaps in `r`, rows and cells without `r`, prefixed elements, pretty-printed XML with CRLF,
 * merged ranges, and now and then a comment or CDATA part-way (saxes reads on from there) or a broken tag —
 * and on every workbook in the fixtures and the shared data folder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SourceRow } from '../src/import/adapter.js';
import { openXlsx } from '../src/import/read-xlsx.js';
import { speak } from '../src/report/said.js';
import { repoRoot, sharedDataDir } from './shared-data.js';
import { tempDir } from './cli-harness.js';
import { writeZip } from './write-zip.js';
import { seededRandom } from '../src/analytics/random.js';

type Open = typeof openXlsx;

/** openXlsx from a fresh copy of the modules whose XML feed never scans: saxes reads every part. */
async function saxesOnly(): Promise<Open> {
  vi.resetModules();
  vi.doMock('../src/import/xml-feed.js', async (importOriginal) => {
    const real = await importOriginal<typeof import('../src/import/xml-feed.js')>();
    return { ...real, createXmlFeed: (handler: Parameters<typeof real.createXmlFeed>[0]) => real.createXmlFeed(handler, { scan: false }) };
  });
  const mod = await import('../src/import/read-xlsx.js');
  vi.doUnmock('../src/import/xml-feed.js');
  vi.resetModules();
  return mod.openXlsx;
}

interface Read {
  sheet?: string;
  batches?: { line: number; cells: string[]; oversize?: string }[][];
  error?: string;
}

async function read(open: Open, file: string, sheet?: string): Promise<Read> {
  const batches: Read['batches'] = [];
  try {
    const opened = await open(file, { sheet });
    for await (const batch of opened.batches!) batches.push(batch.map((r: SourceRow) => ({ line: r.line, cells: [...r.cells], ...(r.oversize === undefined ? {} : { oversize: speak('en', r.oversize) }) })));
    return { sheet: opened.sheet, batches };
  } catch (e) {
    return { batches, error: (e as Error).message };
  }
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const dir = tempDir('orderlens-xlsx-scan-');

const SHARED = ['<t>订单</t>', '<t xml:space="preserve"> a &amp; b </t>', '<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r>', '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>', '<t>line_x000D_break</t>', '<t>C0001</t>', '<t>&#x41;&#66;&lt;</t>', '<t/>'];
const INLINE = ['<is><t>inline</t></is>', '<is><r><t>a</t></r><r><t>b</t></r></is>', '<is><t>&quot;q&quot; &apos;a&apos;</t></is>', '<is><t>多行\r\n文本</t></is>', '<is><t>x</t><rPh><t>y</t></rPh></is>'];
const NUMBERS = ['62.86', '1e-7', '43601', '43600.75', '6.91792676882364E+18', '-0', '12345678901234567890', ''];

function sheetXml(rnd: () => number, rows: number, odd: boolean): string {
  const chance = (p: number) => rnd() < p;
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const pretty = chance(0.3);
  const nl = pretty ? pick(['\n', '\r\n', '\n  ']) : '';
  const prefix = chance(0.15) ? 'x:' : '';
  const tag = (name: string) => `${prefix}${name}`;
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${tag('worksheet')} ${NS}${prefix ? ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' : ''}>${nl}<${tag('dimension')} ref="A1:F${rows}"/>${nl}<${tag('sheetData')}>`];
  let r = 0;
  for (let k = 0; k < rows; k++) {
    r += chance(0.1) ? 2 + Math.floor(rnd() * 3) : 1;
    const rowRef = chance(0.1) ? '' : ` r="${r}"`;
    if (chance(0.05)) {
      out.push(`${nl}<${tag('row')}${rowRef}/>`);
      continue;
    }
    const cells: string[] = [];
    let col = 0;
    const width = 1 + Math.floor(rnd() * 6);
    for (let j = 0; j < width; j++) {
      col += chance(0.15) ? 2 : 1;
      const ref = chance(0.1) ? '' : ` r="${String.fromCharCode(64 + col)}${r}"`;
      const style = chance(0.3) ? ` s="${Math.floor(rnd() * 3)}"` : '';
      const kind = rnd();
      let cell: string;
      if (kind < 0.3) cell = `<${tag('c')}${ref}${style} t="s"><${tag('v')}>${Math.floor(rnd() * SHARED.length)}</${tag('v')}></${tag('c')}>`;
      else if (kind < 0.45) cell = `<${tag('c')}${ref}${style} t="inlineStr">${pick(INLINE).replace(/<(\/?)(is|t|r|rPh)\b/g, `<$1${prefix}$2`)}</${tag('c')}>`;
      else if (kind < 0.7) cell = `<${tag('c')}${ref}${style}><${tag('v')}>${pick(NUMBERS)}</${tag('v')}></${tag('c')}>`;
      else if (kind < 0.75) cell = `<${tag('c')}${ref} t="b"><${tag('v')}>${pick(['0', '1'])}</${tag('v')}></${tag('c')}>`;
      else if (kind < 0.8) cell = `<${tag('c')}${ref} t="e"><${tag('v')}>#N/A</${tag('v')}></${tag('c')}>`;
      else if (kind < 0.85) cell = `<${tag('c')}${ref} t="str"><${tag('f')}>A1&amp;"x"</${tag('f')}><${tag('v')}>a&lt;b</${tag('v')}></${tag('c')}>`;
      else if (kind < 0.9) cell = `<${tag('c')}${ref} t="d"><${tag('v')}>2024-03-0${1 + Math.floor(rnd() * 9)}T10:00:00Z</${tag('v')}></${tag('c')}>`;
      else cell = `<${tag('c')}${ref}${style}/>`;
      if (odd && chance(0.01)) cell = pick(['<!-- a note -->', `<${tag('c')}${ref} t="str"><${tag('v')}><![CDATA[cdata <b>]]></${tag('v')}></${tag('c')}>`, `<${tag('c')}${ref} t="inlineStr"><${tag('is')}><${tag('t')}>&nbsp;</${tag('t')}></${tag('is')}></${tag('c')}>`, `<${tag('c')}${ref}><${tag('v')}>1</${tag('c')}>`, `<${tag('c')} r="A1" r="B1"/>`]);
      cells.push(cell);
    }
    out.push(`${nl}<${tag('row')}${rowRef}${chance(0.5) ? ` spans="1:${width}"` : ''}>${cells.join(pretty ? nl + '  ' : '')}</${tag('row')}>`);
  }
  out.push(`${nl}</${tag('sheetData')}>`);
  if (chance(0.3)) out.push(`<${tag('mergeCells')} count="1"><${tag('mergeCell')} ref="B2:C${Math.min(rows, 4)}"/></${tag('mergeCells')}>`);
  out.push(`</${tag('worksheet')}>${chance(0.3) ? '\r\n' : ''}`);
  return out.join('');
}

let serial = 0;
function workbook(sheet: string, date1904: boolean): string {
  return writeZip(path.join(dir, `scan${serial++}.xlsx`), [
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<workbook ${NS}><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="订单" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    { name: 'xl/styles.xml', data: `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>` },
    { name: 'xl/sharedStrings.xml', data: `<sst ${NS} count="${SHARED.length}">${SHARED.map((s) => `<si>${s}</si>`).join('\r\n')}</sst>` },
  ]);
}

describe('the .xlsx reader reads the same with its quick scanner as with saxes alone', () => {
  it('generated worksheets: every kind of cell, odd XML, broken tags', async () => {
    const saxes = await saxesOnly();
    const rnd = seededRandom(424242);
    let handedOn = 0;
    let failed = 0;
    for (let k = 0; k < 80; k++) {
      const odd = rnd() < 0.5;
      // large enough for several inflated chunks (and so several batches) now and then
      const rows = rnd() < 0.1 ? 3000 + Math.floor(rnd() * 3000) : 1 + Math.floor(rnd() * 60);
      const file = workbook(sheetXml(rnd, rows, odd), rnd() < 0.2);
      const want = await read(saxes, file);
      const got = await read(openXlsx, file);
      expect(got, `workbook ${k} (${file})`).toEqual(want);
      if (want.error) failed++;
      else handedOn += want.batches!.length;
    }
    expect(handedOn).toBeGreaterThan(80);
    expect(failed).toBeGreaterThan(0);
  }, 120_000);

  it('every workbook in the fixtures and the shared data folder, every sheet', async () => {
    const saxes = await saxesOnly();
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const p = path.join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.xlsx')) files.push(p);
      }
    };
    walk(path.join(repoRoot, 'fixtures'));
    const shared = sharedDataDir();
    if (shared && existsSync(shared)) walk(shared);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      for (const sheet of [undefined, '1', '2', '3']) {
        const want = await read(saxes, file, sheet);
        expect(await read(openXlsx, file, sheet), `${file} sheet ${sheet ?? '(first)'}`).toEqual(want);
      }
    }
  }, 300_000);
});
