/**
 * Bytes of an XML document → element and text events, fed chunk by chunk. One streaming TextDecoder per
 * document turns the bytes into text, so a multi-byte character split between two chunks is joined, never
 * replaced. A quick scanner (xml-scan.ts) reads what spreadsheet writers write; at the first token it does
 * not read, saxes (a conformant, non-validating XML parser) takes over for the rest of the document, after
 * reading, without events, what puts it where the scanner was — so the events and the errors are saxes' own.
 * Element names are given without their namespace prefix (`x:row` → `row`), as some writers prefix every
 * SpreadsheetML element.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { XmlScanner, type XmlHandler } from './xml-scan.js';

export type { XmlHandler } from './xml-scan.js';

export interface XmlFeed {
  write(bytes: Uint8Array): void;
  end(): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Text the scanner holds for a token still open; past this, saxes reads on (a cell of megabytes, say). */
const MAX_HELD = 1 << 20;

/**
 * UTF-8 bytes → text, chunk by chunk: the same text as one streaming TextDecoder (a leading byte order mark
 * dropped, bad bytes as U+FFFD), about six times quicker. Each chunk is decoded whole up to its last character
 * that may go on in the next chunk, whose bytes are held: cutting before a byte that is not a continuation byte
 * changes nothing, as a sequence it interrupts ends there either way.
 */
export class Utf8Chunks {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private held: Uint8Array | null = null;
  private first = true;

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.held !== null) {
      bytes = Buffer.concat([this.held, chunk]);
      this.held = null;
    }
    if (this.first) {
      if (bytes.length < 3 && bytes.every((b, i) => b === BOM[i])) {
        this.held = bytes.length > 0 ? bytes : null;
        return '';
      }
      this.first = false;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    }
    let end = bytes.length;
    for (let p = end - 1; p >= 0 && p >= bytes.length - 3; p--) {
      const b = bytes[p];
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) end = p; // a character that may go on
      break;
    }
    if (end < bytes.length) this.held = bytes.slice(end);
    return end === 0 ? '' : this.decoder.decode(bytes.subarray(0, end));
  }

  end(): string {
    const rest = this.held;
    this.held = null;
    return rest === null ? '' : this.decoder.decode(rest);
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/** Saxes, calling `handler` once `live`. */
function saxesFor(handler: XmlHandler, live: () => boolean): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (node) => live() && handler.open(localName(node.name), node.attributes as Record<string, string>));
  parser.on('closetag', (node) => live() && handler.close(localName(node.name)));
  parser.on('text', (text) => live() && handler.text(text));
  parser.on('cdata', (text) => live() && handler.text(text));
  return parser;
}

/** A parser that calls `handler` as bytes are written; throws on malformed XML. */
export function createXmlFeed(handler: XmlHandler, opts: { scan?: boolean } = {}): XmlFeed {
  const scanner = opts.scan === false ? undefined : new XmlScanner(handler, localName);
  let parser: SaxesParser | undefined;
  let live = true;
  /** Text the scanner has not read yet: the start of a token that goes on in the next chunk. */
  let held = '';
  const takeOver = (rest: string): void => {
    live = false;
    parser = saxesFor(handler, () => live);
    const replay = scanner?.replay() ?? '';
    if (replay !== '') parser.write(replay);
    live = true;
    held = '';
    if (rest !== '') parser.write(rest);
  };
  if (scanner === undefined) takeOver('');
  const read = (text: string): void => {
    if (parser !== undefined) {
      if (text !== '') parser.write(text);
      return;
    }
    const s = held === '' ? text : held + text;
    const at = scanner!.scan(s);
    if (scanner!.stopped) takeOver(s.slice(at));
    else {
      held = at === s.length ? '' : s.slice(at);
      if (held.length > MAX_HELD) takeOver(held);
    }
  };
  let decoder: { decode(bytes: Uint8Array): string; end(): string } | undefined;
  return {
    write(bytes) {
      if (decoder === undefined) {
        // XML parts are UTF-8; a UTF-16 part announces itself with its byte order mark
        const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
        if (encoding === 'utf-8') decoder = new Utf8Chunks();
        else {
          const utf16 = new TextDecoder(encoding);
          decoder = { decode: (b) => utf16.decode(b, { stream: true }), end: () => utf16.decode() };
        }
      }
      read(decoder.decode(bytes));
    },
    end() {
      read(decoder?.end() ?? '');
      // what the scanner left (an unclosed element, trailing white space, nothing at all) saxes judges
      if (parser === undefined && (held !== '' || !scanner!.done)) takeOver(held);
      if (parser === undefined) return;
      parser.close();
    },
  };
}
