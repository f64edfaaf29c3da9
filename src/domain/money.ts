/**
 * Money is integer minor units (fen, cents) with an ISO 4217 currency code. Never sum floats.
 */

/** Digits after the decimal point for a currency (ISO 4217). Unknown codes use 2. */
/**
 * The currency of purchases whose amounts are unknown (a transaction log of customer and date only):
 * ISO 4217's code for "no currency". Reports leave their money columns out for it.
 */
export const NO_AMOUNTS = 'XXX';

export function minorDigits(currency: string): number {
  // an import asks for every amount, nearly always of one currency: the last answer is kept (upper-casing and
  // looking up each time was ~1% of a Shopify import's reading thread)
  if (currency === lastCode) return lastDigits;
  const upper = currency.toUpperCase();
  const digits = ZERO_DECIMAL.has(upper) ? 0 : THREE_DECIMAL.has(upper) ? 3 : 2;
  lastCode = currency;
  lastDigits = digits;
  return digits;
}

let lastCode = 'USD';
let lastDigits = 2;

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'IDR', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG', 'TWD_NONE']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']);

/** Minor units → decimal string with a dot: 123456, 2 → `1234.56`; -5, 2 → `-0.05`. */
export function formatMinor(minor: number, digits: number): string {
  const neg = minor < 0;
  const abs = Math.abs(Math.round(minor));
  if (digits === 0) return (neg ? '-' : '') + String(abs);
  if (abs < 2 ** 46 && digits <= 3) {
    // integer arithmetic (exact below 2^46): the common case without building padded strings
    const p = digits === 2 ? 100 : 10 ** digits;
    const whole = Math.floor(abs / p);
    const frac = String(abs - whole * p);
    return (neg ? '-' : '') + whole + '.' + (frac.length < digits ? '00'.slice(0, digits - frac.length) + frac : frac);
  }
  const s = String(abs).padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

const SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥', JPY: '¥', USD: '$', EUR: '€', GBP: '£', BRL: 'R$', CAD: 'CA$', AUD: 'A$', HKD: 'HK$', TWD: 'NT$', SGD: 'S$', KRW: '₩', INR: '₹' };

/** Minor units → `¥1,840.00` for people (the table view). */
export function displayMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const [int, frac] = formatMinor(minor, digits).replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = SYMBOLS[currency.toUpperCase()] ?? `${currency.toUpperCase()} `;
  return `${minor < 0 ? '-' : ''}${symbol}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}
