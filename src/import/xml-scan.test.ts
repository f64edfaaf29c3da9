// The quick XML scanner against saxes: on generated documents — well-formed, with what the scanner leaves to
// saxes (comments, CDATA, processing instructions, a DOCTYPE and its entities, names outside ASCII, characters
// XML lacks) and broken in every way it checks — cut into chunks at random bytes, the feed hands on the same
// events and stops with the same error as saxes alone.
import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createXmlFeed, Utf8Chunks, type XmlHandler } from './xml-feed.js';
import { XmlScanner } from './xml-scan.js';
import { seededRandom } from '../analytics/random.js';

interface Outcome {
  events: string[];
  error: string | null;
}

function recorder(events: string[]): XmlHandler {
  return {
    open: (name, a) => events.push(`<${name} ${JSON.stringify(Object.entries(a))}`),
    close: (name) => events.push(`</${name}`),
    text: (t) => events.push(`"${t}`),
  };
}

/** The bytes fed in the given chunks (cut points), with the scanner or saxes alone. */
function feed(bytes: Buffer, cuts: number[], scan: boolean): Outcome {
  const events: string[] = [];
  try {
    const f = createXmlFeed(recorder(events), { scan });
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      f.write(bytes.subarray(from, cut));
      from = cut;
    }
    f.end();
    return { events, error: null };
  } catch (e) {
    return { events, error: (e as Error).message };
  }
}

function cutsFor(length: number, rnd: () => number): number[] {
  const kind = rnd();
  const cuts: number[] = [];
  if (kind < 0.2) return cuts;
  if (kind < 0.35) {
    for (let i = 1; i < length; i++) cuts.push(i); // every byte its own chunk
    return cuts;
  }
  for (let at = 1 + Math.floor(rnd() * 40); at < length; at += 1 + Math.floor(rnd() * 40)) cuts.push(at);
  return cuts;
}

const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const NAMES = ['row', 'c', 'v', 't', 'is', 'x:row', 'x:c', 'r', 'rPh', 'sheetData', 'a-b', 'a.b', '_x', 'A1', 'mergeCell'];
const ODD_NAMES = ['é', 'x:名', 'a\u00b7b'];
const ATTRS = ['r', 't', 's', 'spans', 'x14ac:dyDescent', 'xmlns', 'xmlns:x', 'ref', 'Id', 'name'];
const ODD_ATTRS = ['__proto__', 'constructor', 'toString', 'é'];
const VALUES = ['A1', 'XFD1048576', '1:5', '', 's', 'inlineStr', 'a&amp;b', '&lt;&gt;&quot;&apos;', 'x&#10;y', 'x&#x9;y', 'tab\there', 'line\r\nend', 'cr\rhere', 'nl\nhere', '>', '中文😀', 'a]]>b'];
const BAD_VALUES = ['&bogus;', '&#0;', '&#xFFFE;', '&amp', 'a<b', '\u0001', '\ufffe', '&#X41;', '&;'];
const TEXTS = ['plain', '12.5', ' ', '  \n  ', '\r\n', 'a\rb', 'a\r\n\r\nb', '&amp;', '&lt;&gt;&quot;&apos;', '&#x41;&#66;&#x1F600;', '>', 'x&#13;y', 'é中文😀', ']', ']]', '] ]>', '\t'];
const BAD_TEXTS = ['&nbsp;', '&', '&#xD800;', ']]>', '\u0000', '\u0008', '\ufffe', '&#;', 'a&b;'];
const MARKUP = ['<![CDATA[c<d]]>', '<!-- note -->', '<?pi data?>', '<!--->', '<![CDATA[]]>'];

/** A generated document: well-formed unless `broken`, using what the scanner leaves to saxes when `odd`. */
function documentOf(rnd: () => number, odd: boolean, broken: boolean): string {
  const chance = (p: number) => rnd() < p;
  const name = () => (odd && chance(0.05) ? pick(rnd, ODD_NAMES) : pick(rnd, NAMES));
  const space = () => (chance(0.8) ? ' ' : pick(rnd, ['  ', '\n', '\t', '\r\n']));
  const attributes = () => {
    let out = '';
    const used = new Set<string>();
    const count = Math.floor(rnd() * 4);
    for (let i = 0; i < count; i++) {
      let a = odd && chance(0.05) ? pick(rnd, ODD_ATTRS) : pick(rnd, ATTRS);
      if (used.has(a) && !(broken && chance(0.3))) continue;
      used.add(a);
      const v = broken && chance(0.05) ? pick(rnd, BAD_VALUES) : pick(rnd, VALUES);
      const q = v.includes('"') || chance(0.2) ? "'" : '"';
      const eq = chance(0.9) ? '=' : pick(rnd, [' = ', '\n=\t']);
      if (broken && chance(0.05)) a = `${a}${eq}${v}`; // unquoted
      else a = `${a}${eq}${q}${v}${q}`;
      out += (broken && chance(0.03) && i > 0 ? '' : space()) + a;
    }
    return out;
  };
  const text = () => (broken && chance(0.05) ? pick(rnd, BAD_TEXTS) : pick(rnd, TEXTS));
  let depth = 0;
  const element = (): string => {
    const n = name();
    depth++;
    let out = `<${n}${attributes()}${chance(0.1) ? space() : ''}`;
    if (chance(0.2) || depth > 6) out += '/>';
    else {
      out += '>';
      const parts = Math.floor(rnd() * 5);
      for (let i = 0; i < parts; i++) {
        const k = rnd();
        if (k < 0.45) out += element();
        else if (k < 0.9) out += text();
        else if (odd) out += pick(rnd, MARKUP);
      }
      let close = n;
      if (broken && chance(0.03)) close = pick(rnd, NAMES);
      if (!(broken && chance(0.02))) out += `</${close}${chance(0.1) ? space() : ''}>`;
    }
    depth--;
    return out;
  };
  let doc = '';
  if (odd && chance(0.05)) doc += '\ufeff';
  if (broken && chance(0.05)) doc += ' ';
  if (chance(0.6)) {
    const plain = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', "<?xml version='1.0'?>", '<?xml version="1.0" encoding="UTF-8"?>'];
    doc += pick(rnd, odd ? [...plain, '<?xml version="1.1"?>', '<?xml  version="1.0" ?>', '<?xml version="1.0" standalone="maybe"?>'] : plain);
  }
  if (chance(0.3)) doc += pick(rnd, ['\r\n', '\n', ' ']);
  if (odd && chance(0.2)) doc += pick(rnd, ['<!-- before -->', '<?pi x?>', '<!DOCTYPE worksheet [<!ENTITY e "entity text">]>']);
  if (broken && chance(0.05)) doc += 'stray';
  doc += element();
  if (odd && doc.includes('<!ENTITY') && chance(0.5)) doc = doc.replace(/>plain</, '>&e;<');
  if (chance(0.3)) doc += pick(rnd, ['\n', ' \r\n', '']);
  if (odd && chance(0.1)) doc += '<!-- after -->';
  if (broken && chance(0.1)) doc += pick(rnd, ['<extra/>', 'text', '<', '</row>', '&amp;']);
  if (broken && chance(0.05)) doc = doc.slice(0, Math.floor(rnd() * doc.length));
  return doc;
}

describe('the quick XML scanner hands on what saxes does', () => {
  it('on generated documents, well-formed, odd and broken, cut at random bytes', () => {
    const rnd = seededRandom(20261206);
    const counts = { same: 0, errors: 0, scannedToEnd: 0 };
    for (let k = 0; k < 6000; k++) {
      const odd = rnd() < 0.4;
      const broken = rnd() < 0.4;
      const doc = documentOf(rnd, odd, broken);
      const bytes = Buffer.from(doc, 'utf8');
      const cuts = cutsFor(bytes.length, rnd);
      const saxes = feed(bytes, [], false);
      const quick = feed(bytes, cuts, true);
      if (saxes.error === null) expect(quick, JSON.stringify({ doc, cuts })).toEqual(saxes);
      else {
        // saxes itself stops a little earlier or later on a broken document as it is cut (text outside the root
        // fails at the end of a chunk, before the text is handed on): the same error, events that agree
        expect(quick.error, JSON.stringify({ doc, cuts })).toBe(saxes.error);
        const shorter = Math.min(quick.events.length, saxes.events.length);
        expect(quick.events.slice(0, shorter), JSON.stringify({ doc, cuts })).toEqual(saxes.events.slice(0, shorter));
      }
      counts.same++;
      if (saxes.error !== null) counts.errors++;
      if (!odd && saxes.error === null) {
        // what the scanner reads it reads to the end, without saxes
        const scanner = new XmlScanner(recorder([]), (n) => n.slice(n.indexOf(':') + 1));
        const text = doc.replace(/^\ufeff/, '');
        expect(scanner.scan(text), doc).toBe(text.replace(/[ \t\r\n]+$/, '').length);
        expect(scanner.stopped || !scanner.done, doc).toBe(false);
        counts.scannedToEnd++;
      }
    }
    // the generator reaches every path: errors, and documents the scanner reads alone
    expect(counts.errors).toBeGreaterThan(500);
    expect(counts.scannedToEnd).toBeGreaterThan(1500);
  });

  it('a text node of megabytes goes to saxes part-way, with the same events', () => {
    const big = `<r><c><v>${'x'.repeat(3 << 20)}</v></c><c><v>2</v></c></r>`;
    const bytes = Buffer.from(big);
    const cuts: number[] = [];
    for (let at = 65536; at < bytes.length; at += 65536) cuts.push(at);
    expect(feed(bytes, cuts, true)).toEqual(feed(bytes, [], false));
  });

  it('reads a worksheet of cells alone, and leaves a comment inside it to saxes from that point on', () => {
    const events: string[] = [];
    const scanner = new XmlScanner(recorder(events), (n) => n);
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>';
    expect(scanner.scan(`${head}<!-- c --></row></sheetData></worksheet>`)).toBe(head.length);
    expect(scanner.stopped).toBe(true);
    expect(scanner.replay()).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet><sheetData><row>');
    expect(events).toEqual(['"\n', '<worksheet [["xmlns","x"]]', '<sheetData []', '<row [["r","1"]]', '<c [["r","A1"],["t","s"]]', '<v []', '"0', '</v', '</c']);
  });
});

describe('Utf8Chunks decodes as one streaming TextDecoder', () => {
  it('random bytes (multi-byte characters, bad bytes, byte order marks) cut at random points', () => {
    const rnd = seededRandom(77);
    const pieces = [Buffer.from('a'), Buffer.from('é'), Buffer.from('中'), Buffer.from('😀'), Buffer.of(0xef, 0xbb, 0xbf), Buffer.of(0x80), Buffer.of(0xc0), Buffer.of(0xe0, 0x80), Buffer.of(0xed, 0xa0, 0x80), Buffer.of(0xf4, 0x90), Buffer.of(0xff), Buffer.of(0xf0, 0x9f, 0x98)];
    for (let k = 0; k < 5000; k++) {
      const parts: Buffer[] = [];
      const count = Math.floor(rnd() * 12);
      for (let i = 0; i < count; i++) parts.push(pick(rnd, pieces));
      const bytes = Buffer.concat(parts);
      const want = new TextDecoder('utf-8').decode(bytes);
      const chunks = new Utf8Chunks();
      let got = '';
      let from = 0;
      for (const cut of [...cutsFor(bytes.length, rnd), bytes.length]) {
        got += chunks.decode(bytes.subarray(from, cut));
        from = cut;
      }
      got += chunks.end();
      expect(got, bytes.toString('hex')).toBe(want);
    }
  });
});
