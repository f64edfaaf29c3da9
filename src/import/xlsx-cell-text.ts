/**
 * Spreadsheet cell → the text a CSV export would hold: dates as `YYYY-MM-DD HH:mm:ss` wall-clock times
 * (Excel stores no zone), numbers as plain decimals without float noise (`62.86`, not `62.859999999999999`),
 * rich text and formulas as their text or cached result. An integer beyond 2^53 is written in scientific
 * notation (`6.91792676882364E+18`) because its digits are already lost — Excel keeps 15 — so an order id
 * stored as a number is recognised as damaged instead of silently imported wrong.
 */
function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date whose UTC fields hold the wall-clock time → its text, to the second. */
export function wallClockText(d: Date): string {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return '';
  const t = new Date(Math.round(ms / 1000) * 1000);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return date;
  return `${date} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/**
 * An Excel date serial (days since 1899-12-30, or since 1904-01-01 in a 1904-based workbook) → wall-clock
 * text. Serials before 1900-03-01 keep Excel's fictitious 1900-02-29 offset, as every reader does.
 */
export function serialDateText(serial: number, date1904: boolean): string {
  return wallClockText(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000)));
}

/** An ISO 8601 value of a `t="d"` cell → wall-clock text; any zone designator is dropped, as Excel does. */
export function isoDateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/.exec(iso.trim());
  if (!m) return iso;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000));
  const d = new Date(ms);
  d.setUTCFullYear(+m[1]); // years 0–99 are not shifted to 19xx
  return wallClockText(d);
}

/** A number cell → the decimal text a person typed: at most 15 significant digits, never an exponent. */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) {
    if (Number.isSafeInteger(v)) return String(v);
    return v.toExponential(14).replace(/\.?0+e/, 'e').replace('e', 'E');
  }
  const plain = String(v);
  // 15 characters hold at most 15 significant digits: already what a person typed
  if (plain.length <= 15 && !plain.includes('e')) return plain;
  const rounded = Number(v.toPrecision(15));
  const s = String(rounded);
  if (!/e/i.test(s)) return s;
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Whether a number format shows a date or time: after removing quoted text, `[…]` sections (colours,
 * locales, elapsed-time brackets), escaped characters and padding, a date/time token remains.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/[\\_*]./g, '');
  return /[ymdhsb]/i.test(bare) || /上午|下午/.test(bare);
}

/**
 * The built-in number formats (ids below 164, never written to styles.xml) that are dates or times: 14–22
 * and 45–47 in every locale, and 27–36 and 50–58, reserved for the East Asian date formats (`yyyy"年"m"月"d"日"`).
 */
export function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}
