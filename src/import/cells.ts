/**
 * Cleaning of raw cells as marketplaces write them, before any parsing.
 */

/**
 * Strips the wrappers spreadsheets and marketplaces put around values: `="123"` (Taobao), `=123`, a leading `'`,
 * a leading tab (Douyin ids), surrounding whitespace and full-width spaces. `-` and `--` alone mean empty.
 */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return '';
  const n = raw.length;
  if (n === 0) return '';
  // Fast path (most cells): printable ASCII at both ends and no `=` or `'` wrapper: nothing to strip.
  const a = raw.charCodeAt(0);
  const z = raw.charCodeAt(n - 1);
  if (a > 32 && a < 127 && z > 32 && z < 127 && a !== 61 && a !== 39) {
    return n <= 4 && (raw === '-' || raw === '--' || raw === 'null' || raw === 'NULL') ? '' : raw;
  }
  let t = raw.trim();
  if (t.startsWith('="') && t.endsWith('"')) t = t.slice(2, -1).trim();
  // `=123456` (a number a spreadsheet was told to keep as typed); `=1+1` is a text as given, not a wrapper
  else if (t.startsWith('=') && /^=\d[\d.,]*$/.test(t)) t = t.slice(1);
  if (t.startsWith("'")) t = t.slice(1);
  t = t.replace(/^[\t\u3000]+|[\t\u3000]+$/g, '').trim();
  if (t === '-' || t === '--' || t === 'null' || t === 'NULL') return '';
  return t;
}

/** A header cell made comparable: BOM, wrappers and surrounding spaces removed, case folded. */
export function normalizeHeader(raw: string): string {
  return cleanCell(raw.replace(/^\uFEFF/, '')).replace(/\s+/g, ' ').toLowerCase();
}

/** True when an id cell was mangled into scientific notation by a spreadsheet (`6.91793E+18`). */
export function isScientificId(id: string): boolean {
  // a digit, then `.` or `E` (most ids fail here, without running the expression: it runs once an order)
  const a = id.charCodeAt(0);
  const b = id.charCodeAt(1) | 32; // `.` (46) is its own lower case
  return a >= 48 && a <= 57 && (b === 46 || b === 101) && /^\d(\.\d+)?E\+\d+$/i.test(id);
}
