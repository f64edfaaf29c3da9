/**
 * A quick reader for the XML spreadsheet writers produce: elements, attributes in quotes, text with the five
 * predefined entities and character references, an XML 1.0 declaration. It hands on the same events saxes
 * does (xml-feed.ts): one text event per text node, an open and a close event per self-closing tag, element
 * names whole (the feed takes off the prefix), attributes with entities decoded and white space normalized.
 *
 * It is as strict as saxes about what it reads and reads less: at anything else — a comment, CDATA, a
 * processing instruction, a DOCTYPE (and so any entity it defines), a character XML does not allow, a name
 * outside ASCII, a tag that does not close the element open, text outside the root, an unquoted or repeated
 * attribute — it stops at the start of that token and `scan` says where, so the feed hands the rest of the
 * document to saxes, which reads it (or rejects it) as it always did. The checks saxes makes on what this
 * scanner does read are made here too, so every event it hands on is one saxes would have handed on.
 */

/** Where the events go (the XML feed's handler). */
export interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Before anything (a declaration may come), in the prolog, inside the root element, after it. */
const START = 0;
const PROLOG = 1;
const IN_ROOT = 2;
const AFTER_ROOT = 3;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** ASCII name characters: 1 may start a name, 2 may follow. */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME[c] = 1;
  else if (/[0-9.-]/.test(ch)) NAME[c] = 2;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Characters XML 1.0 does not allow (the decoder gives no lone surrogates). */
// eslint-disable-next-line no-control-regex
const NOT_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const ENTITY = /&([^;&]*);?/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const DECLARATION = /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>$/;
const ONLY_SPACE = /^[ \t\n\r]*$/;

/** A code point XML 1.0 allows. */
function isChar(n: number): boolean {
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** Entities replaced; null when one is not predefined, not a character, or lacks its `;`. */
function decodeEntities(s: string): string | null {
  if (s.indexOf('&') < 0) return s;
  let bad = false;
  const out = s.replace(ENTITY, (whole: string, name: string) => {
    if (!whole.endsWith(';')) bad = true;
    else if (name.charCodeAt(0) !== 0x23) {
      const v = PREDEFINED[name];
      if (v !== undefined && Object.hasOwn(PREDEFINED, name)) return v;
      bad = true;
    } else {
      const n = /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : /^#x[0-9A-Fa-f]+$/.test(name) ? parseInt(name.slice(2), 16) : NaN;
      if (isChar(n)) return String.fromCodePoint(n);
      bad = true;
    }
    return '';
  });
  return bad ? null : out;
}

/** A text node as saxes hands it on (line ends as LF, entities replaced); null when saxes would refuse it. */
function textOf(raw: string): string | null {
  if (NOT_CHAR.test(raw) || raw.includes(']]>')) return null;
  return decodeEntities(raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'));
}

/** An attribute value as saxes hands it on (tab and line ends as spaces); null when saxes would refuse it. */
function attributeOf(raw: string): string | null {
  if (NOT_CHAR.test(raw) || raw.indexOf('<') >= 0) return null;
  return decodeEntities(raw.replace(/\r\n?|[\t\n]/g, ' '));
}

/** The attributes of a tag without any (handlers only read them). */
const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The end of an open tag; a token that needs more text; a token this scanner does not read. */
const MORE = -1;
const UNREAD = -2;

export class XmlScanner {
  private phase = START;
  /** Raw names of the elements open, outermost first: the first `depth` entries. */
  private readonly open: string[] = [];
  /** Their names without prefix. */
  private readonly locals: string[] = [];
  private depth = 0;
  /** Names met, by first character and length. */
  private readonly names: (string | undefined)[] = new Array<string | undefined>(128 << 5).fill(undefined);
  /**
   * The declaration, or the white space before the first markup (then no declaration may come): saxes must see
   * it again. Not the white space after a declaration: saxes would hand it on when it next meets markup.
   */
  private prolog = '';

  constructor(
    private readonly handler: XmlHandler,
    private readonly local: (name: string) => string,
  ) {}

  /** Set when the scanner met a token it does not read. */
  stopped = false;

  /** Whether the root element has closed. */
  get done(): boolean {
    return this.phase === AFTER_ROOT;
  }

  /**
   * Reads the complete tokens of `s` (the text after where the last scan stopped) and returns where it stopped:
   * `s.length`, the start of a token that goes on past `s`, or (with `stopped` set) the start of a token it
   * does not read.
   */
  scan(s: string): number {
    const n = s.length;
    let i = 0;
    while (i < n) {
      let lt = i;
      if (s.charCodeAt(i) !== LT) {
        // a text node: to the next markup, noting whether it holds anything but plain characters
        let plain = true;
        for (; lt < n; lt++) {
          const c = s.charCodeAt(lt);
          if (c === LT) break;
          if (c < 0x20 || c === 0x26 /* & */ || c === 0x5d /* ] */ || c >= 0xfffe) plain = false;
        }
        if (lt >= n) return i; // the text goes on
        if (!this.text(s, i, lt, plain)) return this.stop(i);
        i = lt;
      }
      if (lt + 1 >= n) return lt;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        const end = this.closeTag(s, lt);
        if (end === MORE) return lt;
        if (end === UNREAD) return this.stop(lt);
        i = end;
      } else if (c === 0x3f /* ? */ && this.phase === START && lt === 0) {
        const end = s.indexOf('?>', 2);
        if (end < 0) return s.length > 256 ? this.stop(0) : 0;
        const declaration = s.slice(0, end + 2);
        if (!DECLARATION.test(declaration)) return this.stop(0);
        this.prolog = declaration;
        this.phase = PROLOG;
        i = end + 2;
      } else {
        const end = this.tag(s, lt);
        if (end === MORE) return lt;
        if (end === UNREAD) return this.stop(lt);
        i = end;
      }
    }
    return n;
  }

  /** Reads the close tag at s[lt] (`</name S?>`, naming the element open) and hands it on; its end, MORE or UNREAD. */
  private closeTag(s: string, lt: number): number {
    const depth = this.depth;
    if (depth === 0) return UNREAD;
    const top = this.open[depth - 1];
    const n = s.length;
    const length = top.length;
    let j = lt + 2;
    for (let k = 0; k < length; k++, j++) {
      if (j >= n) return MORE;
      if (s.charCodeAt(j) !== top.charCodeAt(k)) return UNREAD;
    }
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c === GT) break;
      if (!isSpace(c)) return UNREAD;
    }
    if (j >= n) return MORE;
    this.depth = depth - 1;
    this.handler.close(this.locals[depth - 1]);
    if (depth === 1) this.phase = AFTER_ROOT;
    return j + 1;
  }

  /**
   * What saxes must read, muted, before the text after a stop, to be where this scanner was: the prolog, and
   * the elements open (or one that has closed, after the root).
   */
  replay(): string {
    if (this.phase === IN_ROOT) return this.prolog + this.open.slice(0, this.depth).map((name) => `<${name}>`).join('');
    if (this.phase === AFTER_ROOT) return `${this.prolog}<x/>`;
    return this.prolog;
  }

  private stop(at: number): number {
    this.stopped = true;
    return at;
  }

  /** Hands on the text node s[from, to) (`plain`: no entity, CR, `]` or character XML lacks); false when this scanner does not read it. */
  private text(s: string, from: number, to: number, plain: boolean): boolean {
    let t = s.slice(from, to);
    if (this.phase !== IN_ROOT) {
      if (!ONLY_SPACE.test(t)) return false;
      if (this.phase === START) {
        // saxes hands on no white space before the first markup; after it, no declaration may come
        this.prolog = t;
        this.phase = PROLOG;
        return true;
      }
    }
    if (!plain) {
      const decoded = textOf(t);
      if (decoded === null) return false;
      t = decoded;
    }
    this.handler.text(t);
    return true;
  }

  /** Reads the open tag at s[lt] and hands it on; its end, MORE or UNREAD. */
  private tag(s: string, lt: number): number {
    const n = s.length;
    let j = lt + 1;
    let c = s.charCodeAt(j);
    if (!(c < 128 && NAME[c] === 1)) return j >= n ? MORE : UNREAD;
    for (j++; j < n && (c = s.charCodeAt(j)) < 128 && NAME[c] !== 0; j++);
    if (j >= n) return MORE;
    const name = this.name(s, lt + 1, j);
    if (c === GT) return this.opened(name, NONE, false, j + 1);
    const attributes: Record<string, string> = {};
    let spaced = false;
    let selfClosing = false;
    for (;;) {
      if (j >= n) return MORE;
      c = s.charCodeAt(j);
      if (c === GT) {
        j++;
        break;
      }
      if (c === SLASH) {
        if (j + 1 >= n) return MORE;
        if (s.charCodeAt(j + 1) !== GT) return UNREAD;
        j += 2;
        selfClosing = true;
        break;
      }
      if (isSpace(c)) {
        j++;
        spaced = true;
        continue;
      }
      if (!spaced || !(c < 128 && NAME[c] === 1)) return UNREAD;
      const from = j;
      for (j++; j < n && (c = s.charCodeAt(j)) < 128 && NAME[c] !== 0; j++);
      const attribute = this.name(s, from, j);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return MORE;
      if (s.charCodeAt(j) !== EQUALS) return UNREAD;
      for (j++; j < n && isSpace(s.charCodeAt(j)); j++);
      if (j >= n) return MORE;
      const q = s.charCodeAt(j);
      if (q !== QUOTE && q !== APOSTROPHE) return UNREAD;
      let close = j + 1;
      let plain = true;
      for (; close < n; close++) {
        const v = s.charCodeAt(close);
        if (v === q) break;
        if (v < 0x20 || v === 0x26 /* & */ || v === LT || v >= 0xfffe) plain = false;
      }
      if (close >= n) return MORE;
      let value: string | null = s.slice(j + 1, close);
      if (!plain) {
        value = attributeOf(value);
        if (value === null) return UNREAD;
      }
      if (attribute === '__proto__' || attributes[attribute] !== undefined) return UNREAD;
      attributes[attribute] = value;
      j = close + 1;
      spaced = false;
    }
    return this.opened(name, attributes, selfClosing, j);
  }

  /** s[from, to), the same string as the last name of that first character and length (names repeat). */
  private name(s: string, from: number, to: number): string {
    const length = to - from;
    if (length >= 32) return s.slice(from, to);
    const slot = (s.charCodeAt(from) << 5) | length;
    const seen = this.names[slot];
    if (seen !== undefined) {
      let k = 1;
      while (k < length && seen.charCodeAt(k) === s.charCodeAt(from + k)) k++;
      if (k === length) return seen;
    }
    const name = s.slice(from, to);
    this.names[slot] = name;
    return name;
  }

  /** Hands on an open tag that ends at `end`; UNREAD after the root. */
  private opened(name: string, attributes: Record<string, string>, selfClosing: boolean, end: number): number {
    if (this.phase === AFTER_ROOT) return UNREAD;
    this.phase = IN_ROOT;
    const local = this.local(name);
    this.handler.open(local, attributes);
    if (selfClosing) {
      this.handler.close(local);
      if (this.depth === 0) this.phase = AFTER_ROOT;
    } else {
      this.open[this.depth] = name;
      this.locals[this.depth++] = local;
    }
    return end;
  }
}
