import { describe, expect, it } from 'vitest';
import { formatMinor, minorDigits } from './money.js';

/** formatMinor as first written (padded strings): the reference for the arithmetic path. */
function reference(minor: number, digits: number): string {
  const neg = minor < 0;
  const abs = Math.abs(Math.round(minor));
  if (digits === 0) return (neg ? '-' : '') + String(abs);
  const s = String(abs).padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

describe('formatMinor', () => {
  it('writes decimals with a dot: 123456 → 1234.56, -5 → -0.05, JPY without decimals', () => {
    expect(formatMinor(123456, 2)).toBe('1234.56');
    expect(formatMinor(-5, 2)).toBe('-0.05');
    expect(formatMinor(100, 2)).toBe('1.00');
    expect(formatMinor(1500, 0)).toBe('1500');
    expect(formatMinor(1234, 3)).toBe('1.234');
    expect(formatMinor(7, 3)).toBe('0.007');
  });

  it('agrees with the padded-string formula on random, fractional, huge and edge values', () => {
    let s = 7;
    const rnd = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    const values = [0, -0, 0.4, -0.4, 0.5, -0.5, 99.5, 2 ** 46 - 1, 2 ** 46, 2 ** 53, 1e21, -1e22, Number.NaN];
    for (let i = 0; i < 20000; i++) values.push(Math.floor((rnd() - 0.3) * 10 ** Math.floor(rnd() * 16)), (rnd() - 0.5) * 1e6);
    for (const v of values) for (const d of [0, 1, 2, 3, 4]) expect(formatMinor(v, d), `${v} ${d}`).toBe(reference(v, d));
  });
});

describe('minorDigits', () => {
  it('gives ISO 4217 digits in any letter case, whatever was asked before', () => {
    const asked: [string, number][] = [
      ['USD', 2], ['JPY', 0], ['jpy', 0], ['jpy', 0], ['KWD', 3], ['Kwd', 3], ['usd', 2], ['USD', 2], ['krw', 0],
      ['', 2], ['XXX', 2], ['bhd', 3], ['CNY', 2], ['CNY', 2], ['JPY', 0],
    ];
    expect(asked.map(([code]) => [code, minorDigits(code)])).toEqual(asked);
  });
});
