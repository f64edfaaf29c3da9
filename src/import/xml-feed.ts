/**
 * Bytes of an XML document → element and text events, fed chunk by chunk. One streaming TextDecoder per
 * document turns the bytes into text, so a multi-byte character split between two chunks is joined, never
 * replaced; saxes (a conformant, non-validating XML parser) does the rest. Element names are given without
 * their namespace prefix (`x:row` → `row`), as some writers prefix every SpreadsheetML element.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';

export interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

export interface XmlFeed {
  write(bytes: Uint8Array): void;
  end(): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** A parser that calls `handler` as bytes are written; throws on malformed XML. */
export function createXmlFeed(handler: XmlHandler): XmlFeed {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (node) => handler.open(localName(node.name), node.attributes as Record<string, string>));
  parser.on('closetag', (node) => handler.close(localName(node.name)));
  parser.on('text', (text) => handler.text(text));
  parser.on('cdata', (text) => handler.text(text));
  let decoder: TextDecoder | undefined;
  return {
    write(bytes) {
      if (decoder === undefined) {
        // XML parts are UTF-8; a UTF-16 part announces itself with its byte order mark
        const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
        decoder = new TextDecoder(encoding);
      }
      const text = decoder.decode(bytes, { stream: true });
      if (text !== '') parser.write(text);
    },
    end() {
      const rest = decoder?.decode() ?? '';
      if (rest !== '') parser.write(rest);
      parser.close();
    },
  };
}
