/**
 * .xlsx → rows, streamed with flat memory. The zip is read through its central directory (zip-archive.ts),
 * each XML part is decoded by one streaming TextDecoder and parsed by saxes (xml-feed.ts), and the chosen
 * worksheet is handed on as its part is inflated, a batch of rows per chunk (xlsx-sheet-rows.ts). Only the
 * shared-string table, the cell formats and the workbook's list of sheets are held in memory.
 *
 * Not exceljs' streaming WorkbookReader: it decodes each inflated chunk of the zip separately and so splits
 * multi-byte UTF-8 characters at chunk boundaries (`C#精���编程`; exceljs issues #2063 and #2316) — fatal
 * for Chinese exports. Nor exceljs' whole-workbook reader, which holds every cell as an object (about 6 KB
 * of memory per row of a typical order export; a million-row export does not fit).
 *
 * Cells become text by the rules of xlsx-cell-text.ts; date cells are those whose format (built-in or
 * custom) shows a date or time.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { DataError } from '../errors.js';
import type { SourceRow } from './adapter.js';
import { LIMITS, LimitError, sizeText } from './limits.js';
import type { OpenedFile } from './opened-file.js';
import { createXmlFeed, type XmlHandler } from './xml-feed.js';
import { isBuiltInDateFormat, isDateFormat } from './xlsx-cell-text.js';
import { streamSheetBatches, unescapeText, type SheetContext } from './xlsx-sheet-rows.js';
import { ZipArchive, type ZipEntry } from './zip-archive.js';
import { said } from '../report/said.js';

export { numberText, wallClockText } from './xlsx-cell-text.js';

export interface XlsxOptions {
  /** Worksheet to read, by name or 1-based position; default: the first visible worksheet with rows. */
  sheet?: string;
}

/** A part that is missing or not what the workbook says it is. */
class WorkbookError extends Error {}

interface Relationship {
  id: string;
  type: string;
  /** Part name, resolved against the source part; undefined for external targets. */
  part: string | undefined;
}

interface Worksheet {
  name: string;
  visible: boolean;
  entry: ZipEntry;
}

interface Workbook {
  worksheets: Worksheet[];
  date1904: boolean;
  stylesPart: string;
  sharedStringsPart: string;
}

/** Parses a whole (small) XML part; false when the archive lacks it. */
async function readXml(archive: ZipArchive, part: string, handler: XmlHandler): Promise<boolean> {
  const entry = archive.entry(part);
  if (!entry) return false;
  const feed = createXmlFeed(handler);
  for await (const chunk of archive.read(entry, LIMITS.partBytes)) feed.write(chunk);
  feed.end();
  return true;
}

function relsPart(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

function resolvePart(from: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURI(t);
  } catch {
    // not percent-encoded after all
  }
  return posix.normalize(t.startsWith('/') ? t.slice(1) : posix.join(posix.dirname(from), t)).replace(/^(\.\.\/)+/, '');
}

async function readRelationships(archive: ZipArchive, part: string): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await readXml(archive, relsPart(part), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      rels.push({ id: a.Id, type: a.Type ?? '', part: a.TargetMode === 'External' ? undefined : resolvePart(part, a.Target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

const ofType = (rels: Relationship[], kind: string): Relationship | undefined => rels.find((r) => r.type.endsWith(`/${kind}`) && r.part !== undefined);

async function readWorkbook(archive: ZipArchive): Promise<Workbook> {
  const root = await readRelationships(archive, '');
  const workbookPart = ofType(root, 'officeDocument')?.part ?? 'xl/workbook.xml';
  const sheets: { name: string; visible: boolean; rid: string }[] = [];
  let date1904 = false;
  const found = await readXml(archive, workbookPart, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const rid = Object.keys(a).find((k) => /(^|:)id$/.test(k) && k !== 'sheetId');
        sheets.push({ name: a.name ?? '', visible: (a.state ?? 'visible') === 'visible', rid: rid ? a[rid] : '' });
      }
    },
    close() {},
    text() {},
  });
  if (!found) throw new WorkbookError(`no workbook part ${workbookPart} (a zip file, but not a spreadsheet)`);
  const rels = await readRelationships(archive, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const worksheets: Worksheet[] = [];
  for (const s of sheets) {
    const rel = byId.get(s.rid);
    // chartsheets and dialog sheets have no cells; a worksheet whose part is missing is skipped
    const entry = rel?.part !== undefined && rel.type.endsWith('/worksheet') ? archive.entry(rel.part) : undefined;
    if (entry) worksheets.push({ name: s.name, visible: s.visible, entry });
  }
  const dir = posix.dirname(workbookPart);
  return {
    worksheets,
    date1904,
    stylesPart: ofType(rels, 'styles')?.part ?? posix.join(dir, 'styles.xml'),
    sharedStringsPart: ofType(rels, 'sharedStrings')?.part ?? posix.join(dir, 'sharedStrings.xml'),
  };
}

/** Which cell formats (cellXfs, by index) show numbers as dates. */
async function readDateStyles(archive: ZipArchive, part: string): Promise<(i: number) => boolean> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await readXml(archive, part, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  const isDate = xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id) ?? '') : isBuiltInDateFormat(id)));
  return (i) => isDate[i] === true;
}

/**
 * A copy of `s` that shares no memory with other strings. The parser hands text on as slices of the
 * decoded chunk, and a slice keeps its whole chunk alive: held in a table of a million strings, that
 * costs as much again as the strings themselves.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/**
 * The shared-string table: each item's text, rich-text runs joined, phonetic guides left out. It is held in
 * memory, so its entries and characters are limited (LIMITS.sharedStrings, LIMITS.sharedStringChars).
 */
async function readSharedStrings(archive: ZipArchive, part: string): Promise<{ strings: string[]; long: Set<number> }> {
  const strings: string[] = [];
  const long = new Set<number>();
  let chars = 0;
  let parts: string[] | null = null;
  let partChars = 0;
  let capture = false;
  let phonetic = 0;
  await readXml(archive, part, {
    open(name) {
      if (name === 'si') {
        parts = [];
        partChars = 0;
      }
      else if (name === 't') capture = parts !== null && phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') capture = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && parts !== null) {
        if (strings.length >= LIMITS.sharedStrings) throw new LimitError(`${part} has more than ${LIMITS.sharedStrings.toLocaleString('en-US')} shared strings (the limit of a workbook)`);
        if (partChars > LIMITS.cellChars) {
          long.add(strings.length);
          strings.push('');
        } else strings.push(detached(unescapeText(parts.join(''))));
        parts = null;
      }
    },
    text(t) {
      if (!capture || parts === null) return;
      chars += t.length;
      partChars += t.length;
      if (chars > LIMITS.sharedStringChars) throw new LimitError(`${part} holds more than ${sizeText(LIMITS.sharedStringChars)} of shared strings (the limit of a workbook)`);
      // an entry over the cell limit is not kept: a cell showing it rejects its row
      if (partChars <= LIMITS.cellChars) parts.push(t);
      else parts.length = 0;
    },
  });
  return { strings, long };
}

function unreadable(path: string, e: unknown): Error {
  if (e instanceof LimitError) return new DataError(said('read.xlsxLimit', { file: path, why: e.message }));
  if (e instanceof DataError) return e;
  return new DataError(said('read.badXlsx', { file: path, why: (e as Error).message }));
}

/** Hands on `first` and then the rest of `batches`, turning a damaged part into a DataError. */
async function* guarded(path: string, first: SourceRow[] | undefined, batches: AsyncIterator<SourceRow[]>): AsyncGenerator<SourceRow[]> {
  try {
    if (first) yield first;
    for (;;) {
      const next = await batches.next();
      if (next.done) return;
      yield next.value;
    }
  } catch (e) {
    throw unreadable(path, e);
  } finally {
    await batches.return?.();
  }
}

async function* flatten(batches: AsyncIterable<SourceRow[]>): AsyncGenerator<SourceRow> {
  for await (const batch of batches) yield* batch;
}

function opened(path: string, sha256: string, sheet: string, batches: AsyncIterable<SourceRow[]>): OpenedFile & { sheet: string } {
  return { encoding: 'xlsx', delimiter: '', sha256: () => sha256, sheet, batches, rows: flatten(batches) };
}

/** Opens an .xlsx workbook and streams the chosen worksheet's rows. */
export async function openXlsx(path: string, opts: XlsxOptions = {}): Promise<OpenedFile & { sheet: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  try {
    const archive = await ZipArchive.open(path);
    const book = await readWorkbook(archive);
    const shared = await readSharedStrings(archive, book.sharedStringsPart);
    const ctx: SheetContext = {
      date1904: book.date1904,
      dateStyle: await readDateStyles(archive, book.stylesPart),
      sharedStrings: shared.strings,
      longStrings: shared.long,
    };
    const sheets = book.worksheets;
    if (opts.sheet !== undefined) {
      const chosen = sheets.find((ws, i) => ws.name === opts.sheet || String(i + 1) === opts.sheet);
      if (!chosen) throw new DataError(said('read.noSheet', { file: path, sheet: opts.sheet, list: sheets.map((ws) => ws.name).join(', ') || '-' }));
      return opened(path, sha256, chosen.name, guarded(path, undefined, streamSheetBatches(archive, chosen.entry, ctx)));
    }
    for (const ws of sheets) {
      if (!ws.visible) continue;
      const batches = streamSheetBatches(archive, ws.entry, ctx);
      const first = await batches.next();
      if (!first.done) return opened(path, sha256, ws.name, guarded(path, first.value, batches));
    }
    throw new DataError(said('read.noRows', { file: path }));
  } catch (e) {
    throw unreadable(path, e);
  }
}
