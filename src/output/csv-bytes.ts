/**
 * CSV text written straight into UTF-8 byte chunks: numbers as digits, texts copied in, no string per cell,
 * per line or for the whole table. A million-row report was 2–3 s of string building, joining, encoding
 * and garbage collection as text; as bytes it is a fraction of that, and the chunks go to the file as they
 * are. The text is the one render.ts specifies (csv-stringify's quoting, money with its minor digits,
 * decimals as `String` writes them rounded to six places).
 */

const CHUNK_BYTES = 1 << 20;
const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

export class CsvBytes {
  private readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private readonly scratch = new Uint8Array(24);

  /** Makes room for n more bytes: a write never spans two chunks, so no character is split. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.at = 0;
  }

  comma(): void {
    this.room(1);
    this.buf[this.at++] = COMMA;
  }

  newline(): void {
    this.room(1);
    this.buf[this.at++] = LF;
  }

  /** A field's text: quoted (quotes doubled) when it holds a comma, a quote, CR or LF. */
  field(text: string): void {
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === QUOTE || c === LF || c === CR) {
        this.raw(`"${text.replaceAll('"', '""')}"`);
        return;
      }
      if (c >= 0x80) ascii = false;
    }
    if (ascii) {
      this.room(text.length);
      const buf = this.buf;
      let at = this.at;
      for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
      this.at = at;
    } else this.raw(text);
  }

  /** Text that needs no quoting, in UTF-8. */
  private raw(text: string): void {
    this.room(text.length * 3);
    this.at += this.buf.write(text, this.at, 'utf8');
  }

  /** A whole number 0 ≤ n < 2^53, in decimal digits (at least `width`, zero-padded). */
  private digits(n: number, width = 1): void {
    const s = this.scratch;
    let k = 0;
    do {
      const q = Math.floor(n / 10);
      s[k++] = ZERO + (n - q * 10);
      n = q;
    } while (n > 0);
    while (k < width) s[k++] = ZERO;
    this.room(k);
    const buf = this.buf;
    while (k > 0) buf[this.at++] = s[--k];
  }

  /** A number as `String` writes it; whole numbers below 2^53 digit by digit. */
  number(x: number): void {
    if (Number.isSafeInteger(x) && !Object.is(x, -0)) {
      if (x < 0) {
        this.room(1);
        this.buf[this.at++] = MINUS;
      }
      this.digits(Math.abs(x));
    } else this.field(String(x));
  }

  /**
   * `String(Math.round(x * 1e6) / 1e6)`: from the integer count of millionths. Below 10^15 millionths its
   * decimal is the shortest text of that double (at most 15 significant digits), which is what String
   * writes; beyond, and for 0, String itself.
   */
  decimal(x: number): void {
    const k = Math.round(x * 1e6);
    if (!(Math.abs(k) < 1e15) || k === 0) {
      this.field(String(k / 1e6));
      return;
    }
    const a = k < 0 ? -k : k;
    const whole = Math.floor(a / 1e6);
    let frac = a - whole * 1e6;
    if (k < 0) {
      this.room(1);
      this.buf[this.at++] = MINUS;
    }
    this.digits(whole);
    if (frac === 0) return;
    let width = 6;
    while (frac % 10 === 0) {
      frac /= 10;
      width--;
    }
    this.room(1);
    this.buf[this.at++] = DOT;
    this.digits(frac, width);
  }

  /** Minor units as a decimal with `places` digits after the point, as money.ts formatMinor writes them. */
  money(minor: number, places: number, fallback: (minor: number, places: number) => string): void {
    const abs = Math.abs(Math.round(minor));
    if (places === 0 || places > 3 || !(abs < 2 ** 46)) {
      this.field(fallback(minor, places));
      return;
    }
    if (minor < 0) {
      this.room(1);
      this.buf[this.at++] = MINUS;
    }
    const p = places === 2 ? 100 : 10 ** places;
    const whole = Math.floor(abs / p);
    this.digits(whole);
    this.room(1);
    this.buf[this.at++] = DOT;
    this.digits(abs - whole * p, places);
  }

  /** The chunks filled so far, taken out (a streamed report writes them as they fill); the writer goes on. */
  take(): Buffer[] {
    return this.chunks.splice(0);
  }

  /** The chunks written (the last one cut to its length); the writer is not used after. */
  end(): Buffer[] {
    if (this.at > 0) this.chunks.push(this.buf.subarray(0, this.at));
    return this.chunks;
  }
}
