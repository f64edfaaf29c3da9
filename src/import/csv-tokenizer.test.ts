import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, UnclosedQuoteError, type CsvRecord } from './csv-tokenizer.js';
import { oversizeReason } from './limits.js';
import { speak, type Said } from '../report/said.js';

/** Tokenizes `text` fed in pieces of the given sizes (cycled). */
function tokenize(text: string, pieces: number[] = [text.length || 1], delimiter = ','): CsvRecord[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  for (let i = 0, p = 0; i < text.length; p++) {
    const k = Math.max(1, pieces[p % pieces.length]);
    t.push(text.slice(i, i + k), out);
    i += k;
  }
  t.end(out);
  return out;
}

/** csv-parse with the options the importer used before the tokenizer, lines as it reported them. */
function reference(text: string): CsvRecord[] | 'unclosed' {
  try {
    const records = parse(text, { delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    let next = 1;
    return records.map(({ record, info }) => {
      const line = next;
      next = info.lines + 1;
      return { line, cells: record };
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') return 'unclosed';
    throw e;
  }
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

describe('CsvTokenizer', () => {
  it('reads RFC 4180 quoting: delimiters, line breaks and doubled quotes inside quotes', () => {
    expect(tokenize('a,"b,c","d\ne","f""g"\n1,2\n')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'd\ne', 'f"g'] },
      { line: 3, cells: ['1', '2'] },
    ]);
  });

  it('keeps relaxed quotes as csv-parse does', () => {
    expect(tokenize('ab"c,"x"y,"p""q"r\n')).toEqual([{ line: 1, cells: ['ab"c', '"x"y', '"p"q"r'] }]);
  });

  it('ends records at LF, CRLF and CR, also mixed, and counts each as one line', () => {
    expect(tokenize('a\r\nb\rc\nd')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['b'] },
      { line: 3, cells: ['c'] },
      { line: 4, cells: ['d'] },
    ]);
    // a CRLF inside a quoted cell is one line too (csv-parse counted two)
    expect(tokenize('"x\r\ny",1\r\nz,2\r\n').map((r) => r.line)).toEqual([1, 3]);
  });

  it('gives the same records whatever the chunking, splits inside quotes and CRLF included', () => {
    const text = 'id,note\r\n1,"multi\r\nline ""quoted"" note"\r\n2,plain\r\n3,"a,b"\r\n\r\n4,end';
    const whole = tokenize(text);
    expect(whole.map((r) => r.cells[0])).toEqual(['id', '1', '2', '3', '', '4']);
    for (let size = 1; size <= 7; size++) expect(tokenize(text, [size])).toEqual(whole);
    expect(tokenize(text, [3, 1, 4, 1, 5, 9, 2, 6])).toEqual(whole);
  });

  it('reports a quote that is never closed with the line its record starts on', () => {
    for (const pieces of [[100], [2], [1]]) {
      let error: unknown = null;
      try {
        tokenize('a,b\n1,"open\nmore\n', pieces);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnclosedQuoteError);
      expect((error as UnclosedQuoteError).line).toBe(2);
    }
  });

  it('reads tabs and semicolons as delimiters', () => {
    expect(tokenize('a\tb\n"c\td"\te\n', undefined, '\t')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c\td', 'e'] },
    ]);
  });

  it('agrees with csv-parse on 20,000 random inputs (records, cells and lines), in random chunks', () => {
    const rnd = seeded(20240601);
    let compared = 0;
    for (let iter = 0; iter < 20000; iter++) {
      const nl = ['\n', '\r\n', '\r'][iter % 3];
      const alphabet = ['a', 'b', ',', '"', nl, ' ', '""', 'é'];
      const len = Math.floor(rnd() * 16);
      let text = '';
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const pieces = Array.from({ length: 4 }, () => 1 + Math.floor(rnd() * 6));
      const want = reference(text);
      if (want === 'unclosed') {
        expect(() => tokenize(text, pieces), JSON.stringify(text)).toThrow(UnclosedQuoteError);
        continue;
      }
      const got = tokenize(text, pieces);
      // csv-parse counts a CRLF inside quotes as two lines: compare cells only for CRLF inputs
      if (nl === '\r\n') expect(got.map((r) => r.cells), JSON.stringify(text)).toEqual(want.map((r) => r.cells));
      else expect(got, JSON.stringify(text)).toEqual(want);
      compared++;
    }
    expect(compared).toBeGreaterThan(10000);
  });
});

describe('CsvTokenizer limits', () => {
  /** Feeds `lines` of text built by `make(i)` in 64 KiB chunks; returns the records and the largest text it held. */
  function feedLong(chunks: Iterable<string>): { out: CsvRecord[]; held: number } {
    const t = new CsvTokenizer(',');
    const out: CsvRecord[] = [];
    let held = 0;
    for (const chunk of chunks) {
      t.push(chunk, out);
      held = Math.max(held, (t as unknown as { buf: string }).buf.length);
    }
    t.end(out);
    return { out, held };
  }

  function* quotedCell(chars: number, after: string): Generator<string> {
    yield 'id,note\n1,"';
    for (let n = 0; n < chars; n += 65536) yield 'y'.repeat(Math.min(65536, chars - n));
    yield after;
  }

  it('reads a long quoted cell in linear time: the text held never grows with the cell', () => {
    const { out, held } = feedLong(quotedCell(900_000, '"\n2,ok\n'));
    expect(out.map((r) => [r.line, r.cells.length, r.cells[1]?.length])).toEqual([
      [1, 2, 4],
      [2, 2, 900_000],
      [3, 2, 2],
    ]);
    expect(held).toBeLessThanOrEqual(2 * 65536);
  });

  it('rejects the record of a cell over 1 MB (and only that record), keeping nothing of it', () => {
    const { out, held } = feedLong(quotedCell(5 << 20, '"\n2,ok\n'));
    expect(out).toEqual([
      { line: 1, cells: ['id', 'note'] },
      { line: 2, cells: [], oversize: oversizeReason('cell') },
      { line: 3, cells: ['2', 'ok'] },
    ]);
    expect(held).toBeLessThanOrEqual(2 * 65536);
  });

  it('rejects a record of more than 16,384 cells or over 4 MB, short cells or not', () => {
    const said = (r: { oversize?: string | Said; cells: string[] }) => (r.oversize !== undefined ? speak('en', r.oversize) : r.cells.join('|'));
    expect(tokenize(`a\n${','.repeat(16384)}\nb\n`, [1000]).map(said)).toEqual([
      'a',
      'row of more than 16,384 cells (the limit of one row)',
      'b',
    ]);
    const wide = Array.from({ length: 5 }, () => 'z'.repeat(1 << 20)).join(',');
    expect(tokenize(`a\n${wide}\nb\n`, [65536]).map(said)).toEqual(['a', 'row over 4 MB (the limit of one row)', 'b']);
    expect(speak('zh', oversizeReason('row'))).toBe('这一行超过 4 MB（一行的上限）');
  });

  it('fails a stray quote that is never closed, naming the line it starts on', () => {
    expect(() => feedLong(quotedCell(3 << 20, '\n2,ok\n'))).toThrow(new UnclosedQuoteError(2));
  });
});
