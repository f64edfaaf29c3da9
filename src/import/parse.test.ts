import { describe, expect, it } from 'vitest';
import { formatDay } from '../domain/day.js';
import { parseAmount } from './parse-amount.js';
import { parseDate } from './parse-date.js';
import { cleanCell } from './cells.js';
import { detectEncoding, sniffDelimiter } from './read.js';
import { classifyBuyer, classifyByRules } from './buyer.js';
import iconv from 'iconv-lite';

const cents = { digits: 2 };

describe('parseAmount', () => {
  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['¥1,234.50', 123450],
    ['$5.00', 500],
    ['62.86元', 6286],
    ['-3.20', -320],
    ['(3.20)', -320],
    ['0.005', 1],
    ['12', 1200],
    ['.5', 50],
    ['USD 12.00', 1200],
  ])('%s → %i', (text, minor) => expect(parseAmount(text, cents)).toBe(minor));

  it('reads a decimal comma only when asked', () => {
    expect(parseAmount('116,99 €', { digits: 2, decimalComma: true })).toBe(11699);
    expect(parseAmount('1.234,50', { digits: 2, decimalComma: true })).toBe(123450);
    expect(parseAmount('116,99', cents)).toBeNull();
  });

  it('respects zero-decimal currencies', () => {
    expect(parseAmount('1,500', { digits: 0 })).toBe(1500);
    expect(parseAmount('1500.6', { digits: 0 })).toBe(1501);
  });

  it.each(['', 'abc', '1.2.3', '12,34', '--'])('rejects %j', (text) => expect(parseAmount(text, cents)).toBeNull());
});

describe('parseDate', () => {
  const utc = { zone: 'UTC' };
  const sh = { zone: 'Asia/Shanghai' };
  const day = (t: string, o: Parameters<typeof parseDate>[1]) => {
    const p = parseDate(t, o);
    return p ? formatDay(p.day) : null;
  };

  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.03.01', '2024-03-01'],
    ['20240301', '2024-03-01'],
    ['2024-03-01 23:59:59', '2024-03-01'],
    ['2024-03-01T23:59:59.123', '2024-03-01'],
  ])('%s → %s', (text, expected) => expect(day(text, utc)).toBe(expected));

  it('reads wall-clock times in the store zone', () => {
    const p = parseDate('2024-03-01 07:30:00', sh)!;
    expect(new Date(p.ms).toISOString()).toBe('2024-02-29T23:30:00.000Z');
    expect(formatDay(p.day)).toBe('2024-03-01');
  });

  it('keeps the written date of an offset timestamp unless the zone is forced', () => {
    const t = '2022-01-11 22:32:30 -0500';
    expect(new Date(parseDate(t, utc)!.ms).toISOString()).toBe('2022-01-12T03:32:30.000Z');
    expect(day(t, utc)).toBe('2022-01-11');
    expect(day(t, { zone: 'UTC', zoneForced: true })).toBe('2022-01-12');
    expect(day('2024-03-01T20:00:00Z', sh)).toBe('2024-03-02');
  });

  it('reads slash dates only with an explicit order', () => {
    expect(day('03/04/24', utc)).toBeNull();
    expect(day('03/04/24', { zone: 'UTC', order: 'mdy' })).toBe('2024-03-04');
    expect(day('03/04/2024', { zone: 'UTC', order: 'dmy' })).toBe('2024-04-03');
    expect(day('3/4/2024 1:05 PM', { zone: 'UTC', order: 'mdy' })).toBe('2024-03-04');
  });

  it('reads month names', () => {
    expect(day('Sep-30-26', utc)).toBe('2026-09-30');
    expect(day('10-Dez-25', utc)).toBe('2025-12-10');
  });

  it.each(['2024-02-30', '2024-13-01', 'yesterday', '', '2024-03-01 25:00', '9999-12-31', '0001-01-01', '1899-12-31T23:00:00Z', '22000101'])('rejects %j', (t) =>
    expect(parseDate(t, utc)).toBeNull(),
  );
});

describe('cells, encodings, delimiters, buyers', () => {
  it('cleans marketplace wrappers', () => {
    expect(cleanCell('="1234567890123456789"')).toBe('1234567890123456789');
    expect(cleanCell("'0012")).toBe('0012');
    expect(cleanCell('\t6917000000000000001')).toBe('6917000000000000001');
    expect(cleanCell(' - ')).toBe('');
    // `=` before a plain number is a spreadsheet's keep-as-typed; before anything else the text is as given
    expect(cleanCell('=9001')).toBe('9001');
    expect(cleanCell('=1,234.50')).toBe('1,234.50');
    expect(cleanCell('=1+1')).toBe('=1+1');
    expect(cleanCell('=A1')).toBe('=A1');
  });

  it('detects UTF-8, BOM and GB18030', () => {
    expect(detectEncoding(Buffer.from('订单编号,金额\n', 'utf8'))).toBe('utf8');
    expect(detectEncoding(Buffer.from('\uFEFFa,b\n', 'utf8'))).toBe('utf8');
    expect(detectEncoding(iconv.encode('订单编号,买家会员名\n', 'gbk'))).toBe('gb18030');
    // a Western single-byte file (German eBay report) is not Chinese
    expect(detectEncoding(iconv.encode('Käufername;Betrag;Straße\nJörg;116,99 €;Hauptstraße 1\n', 'windows-1252'))).toBe('windows-1252');
    expect(detectEncoding(iconv.encode('订单编号,买家会员名,宝贝标题\n1,张三,Kindle 电子书\n', 'gb18030'))).toBe('gb18030');
    // a UTF-8 sequence cut at the end of the sniff window is still UTF-8
    expect(detectEncoding(Buffer.from('订单', 'utf8').subarray(0, 5))).toBe('utf8');
  });

  it('sniffs delimiters', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n"1,5";2;3\n')).toBe(';');
    // columns aligned with spaces (CDNOW_master.txt); a list of names with spaces is not that
    expect(sniffDelimiter(' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n')).toBe(' ');
    expect(sniffDelimiter('name\nJohn Smith\nMary Jones\n')).toBe(',');
    expect(sniffDelimiter('a  b  c\n1  2\n')).toBe(',');
  });

  it('classifies buyer identifiers', () => {
    expect(classifyBuyer(' Zhang.San@Gmail.com ')).toEqual({ value: 'zhang.san@gmail.com', kind: 'email' });
    expect(classifyBuyer('13812345678')).toEqual({ value: '13812345678', kind: 'phone' });
    expect(classifyBuyer('+1 (415) 555-0100')).toEqual({ value: '+14155550100', kind: 'phone' });
    expect(classifyBuyer('C00469933').kind).toBe('id');
    expect(classifyBuyer('2357').kind).toBe('id');
    expect(classifyBuyer('tb123456').kind).toBe('id');
    expect(classifyBuyer('张三').kind).toBe('name');
    expect(classifyBuyer('Jane Doe').kind).toBe('name');
    // whatever the column: bare-digit phones and user names are personal data too
    expect(classifyBuyer('4155551234')).toEqual({ value: '4155551234', kind: 'phone' });
    expect(classifyBuyer('447911123456')).toEqual({ value: '447911123456', kind: 'phone' });
    expect(classifyBuyer('8613812345678').kind).toBe('phone');
    expect(classifyBuyer('john.smith')).toEqual({ value: 'john.smith', kind: 'name' });
    expect(classifyBuyer('mary_jones').kind).toBe('name');
    expect(classifyBuyer('6123456789012').kind).toBe('id'); // a 13-digit platform customer id
    expect(classifyBuyer('1234567').kind).toBe('id');
  });
});

describe('fast paths read exactly what the general readers read', () => {
  const rnd = (() => {
    let s = 99;
    return () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
  })();
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

  it('amounts: plain decimals against the same text with a leading space (general reader)', () => {
    for (let i = 0; i < 5000; i++) {
      const text = `${rnd() < 0.2 ? '-' : ''}${digits(1 + Math.floor(rnd() * 17))}${rnd() < 0.7 ? `.${digits(Math.floor(rnd() * 5))}` : ''}`;
      for (const opts of [{ digits: 2 }, { digits: 0 }, { digits: 3 }, { digits: 2, decimalComma: true }]) {
        const t = opts.decimalComma ? text.replace('.', ',') : text;
        expect(parseAmount(t, opts), `${t} ${JSON.stringify(opts)}`).toBe(parseAmount(` ${t}`, opts));
      }
    }
    expect(parseAmount('0.005', { digits: 2 })).toBe(1);
    expect(parseAmount('-0.00', { digits: 2 })).toBe(0);
    expect(parseAmount('12.', { digits: 2 })).toBeNull();
  });

  it('dates: YYYY-MM-DD[ HH:mm:ss] against the same date written with slashes (general reader)', () => {
    const zones = [{ zone: 'UTC' }, { zone: 'Asia/Shanghai' }, { zone: 'America/New_York' }];
    for (let i = 0; i < 3000; i++) {
      const y = String(1990 + Math.floor(rnd() * 60));
      const mo = String(Math.floor(rnd() * 14)).padStart(2, '0');
      const d = String(Math.floor(rnd() * 33)).padStart(2, '0');
      const time = rnd() < 0.5 ? '' : `${rnd() < 0.5 ? ' ' : 'T'}${String(Math.floor(rnd() * 25)).padStart(2, '0')}:${String(Math.floor(rnd() * 61)).padStart(2, '0')}:${String(Math.floor(rnd() * 61)).padStart(2, '0')}`;
      for (const opts of zones) {
        const fast = parseDate(`${y}-${mo}-${d}${time}`, opts);
        const general = parseDate(`${y}/${mo}/${d}${time.replace('T', '  ')}`, opts);
        expect(fast, `${y}-${mo}-${d}${time}`).toEqual(general);
      }
    }
  });

  it('dates: runs of rows on one day (the day read once) still read as the general reader reads each', () => {
    const zones = [{ zone: 'UTC' }, { zone: 'Etc/UTC' }, { zone: 'Asia/Shanghai' }, { zone: 'America/New_York' }, { zone: 'Europe/Berlin' }];
    const days = ['2024-02-29', '2023-02-29', '2024-03-10', '2024-10-27', '1900-01-01', '2199-12-31', '2200-01-01', '1899-12-31', '2024-13-01', '2024-04-31'];
    for (let i = 0; i < 4000; i++) {
      // mostly the day before, now and then another (valid or not), times valid or not, zones changing
      const date = days[Math.floor(rnd() * rnd() * days.length)];
      const time = rnd() < 0.2 ? '' : ` ${String(Math.floor(rnd() * 25)).padStart(2, '0')}:${String(Math.floor(rnd() * 61)).padStart(2, '0')}:${String(Math.floor(rnd() * 62)).padStart(2, '0')}`;
      const opts = zones[Math.floor(rnd() * zones.length)];
      const general = parseDate(`${date.replaceAll('-', '/')}${time.replace(' ', '  ')}`, opts);
      expect(parseDate(`${date}${time}`, opts), `${date}${time} ${opts.zone}`).toEqual(general);
    }
  });

  it('buyers: letters-and-digits ids (no rule run) classified as the rules classify them', () => {
    const alphabet = 'aZ09_.-@+ ()Łé#/:15x';
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(rnd() * 14);
      // mostly letters and digits, now and then anything else of the alphabet (or a digit-only phone shape)
      const pool = rnd() < 0.7 ? (rnd() < 0.3 ? '0123456789' : 'aZ09qQ5xMm') : alphabet;
      const v = Array.from({ length: n }, () => pool[Math.floor(rnd() * pool.length)]).join('');
      expect(classifyBuyer(v), v).toEqual(classifyByRules(v.trim()));
    }
    expect(classifyBuyer('Ł1')).toEqual({ value: 'Ł1', kind: 'name' }); // U+0141 is not the letter A (0x41)
    expect(classifyBuyer('C00469933')).toEqual({ value: 'C00469933', kind: 'id' });
  });

  it('cells: wrappers, blanks and placeholders still cleaned', () => {
    for (const [raw, clean] of [['abc', 'abc'], ['null', ''], ['NULL', ''], ['--', ''], ['-', ''], ['-5', '-5'], ['a b', 'a b'], ['=5', '5'], ["'x", 'x'], ['x\u3000', 'x']]) {
      expect(cleanCell(raw)).toBe(clean);
    }
  });
});
