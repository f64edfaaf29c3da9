/**
 * Money cells → integer minor units, by string arithmetic (no float rounding).
 *
 * Accepted: `1234.5`, `1,234.50`, `¥1,234.50`, `$5.00`, `62.86元`, `USD 12`, `-3.20`, `(3.20)` (negative),
 * `1 234,50` and `116,99 €` when the decimal separator is a comma (files delimited by `;` or
 * `--decimal-comma`). More decimals than the currency has are rounded half away from zero.
 */

export interface AmountOptions {
  /** Digits after the decimal point of the currency (2 for CNY/USD, 0 for JPY). */
  digits: number;
  /** The decimal separator is a comma (and `.` or spaces group thousands). */
  decimalComma?: boolean;
}

const NOISE = /[\s\u00a0\u202f'’]|[¥￥$€£₩₹元圆]|RMB|CNY|USD|EUR|GBP|JPY|HKD|AUD|CAD|US\$|CA\$|A\$|R\$/gi;

/** Parses an amount, or null when the cell is empty or not an amount. */
export function parseAmount(text: string, opts: AmountOptions): number | null {
  const fast = plainAmount(text, opts);
  if (fast !== undefined) return fast;
  let t = text.trim();
  if (t === '' || t === '-' || t === '--') return null;
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1);
  }
  t = t.replace(NOISE, '');
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  if (t.endsWith('-')) {
    negative = !negative;
    t = t.slice(0, -1);
  }
  let intPart: string;
  let frac: string;
  if (opts.decimalComma) {
    if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(t)) return null;
    const [i, f = ''] = t.split(',');
    intPart = i.replace(/\./g, '');
    frac = f;
  } else {
    if (!/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$/.test(t)) return null;
    const [i, f = ''] = t.split('.');
    intPart = i.replace(/,/g, '') || '0';
    frac = f;
  }
  const { digits } = opts;
  const kept = frac.slice(0, digits).padEnd(digits, '0');
  let minor = Number(intPart + kept);
  if (frac.length > digits && Number(frac[digits]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * The common case without a regular expression: `[-]digits[<point>digits]` with nothing else (no signs,
 * symbols, grouping or spaces). Returns undefined for anything else (the general reader decides), else
 * exactly what the general reader returns.
 */
function plainAmount(text: string, opts: AmountOptions): number | null | undefined {
  return plainAmountAt(text, 0, text.length, opts);
}

/** plainAmount of text[from, n) (a cell inside a longer text, not cut out of it: the reading thread's plain chunks). */
export function plainAmountAt(text: string, from: number, n: number, opts: AmountOptions): number | null | undefined {
  const point = opts.decimalComma ? 44 : 46;
  let i = from;
  let negative = false;
  if (n > from && text.charCodeAt(from) === 45) {
    negative = true;
    i = from + 1;
  }
  let minor = 0;
  const intStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    minor = minor * 10 + (c - 48);
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || intDigits + opts.digits > 15) return undefined;
  let kept = 0;
  let roundUp = false;
  if (i < n) {
    if (text.charCodeAt(i) !== point || i + 1 === n) return undefined;
    i++;
    for (let k = 0; i < n; i++, k++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      if (k < opts.digits) {
        minor = minor * 10 + (c - 48);
        kept++;
      } else if (k === opts.digits) roundUp = c >= 53;
    }
  }
  for (; kept < opts.digits; kept++) minor *= 10;
  if (roundUp) minor += 1;
  return negative && minor !== 0 ? -minor : minor;
}
