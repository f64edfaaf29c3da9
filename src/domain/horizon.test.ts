import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, parseDiscountRate, parseHorizon, parseMargin } from './horizon.js';

describe('horizon and rates', () => {
  it('converts spans exactly', () => {
    expect(parseHorizon('90d')).toBe(90);
    expect(parseHorizon('52w')).toBe(364);
    expect(parseHorizon('12mo')).toBe(365.25);
    expect(parseHorizon('2y')).toBe(730.5);
    expect(parseHorizon('1.5 years')).toBe(547.875);
    expect(parseHorizon('3mo')).toBe(3 * DAYS_PER_MONTH);
    for (const bad of ['12', '12m', '0d', '-3d', 'mo', '']) expect(parseHorizon(bad)).toBeNull();
  });

  it('turns discount rates into a continuous rate per day', () => {
    const yr = parseDiscountRate('10%/yr') as number;
    expect(Math.exp(-yr * 365.25)).toBeCloseTo(1 / 1.1, 14);
    const mo = parseDiscountRate('1%/mo') as number;
    expect(Math.exp(-mo * 365.25)).toBeCloseTo(Math.pow(1.01, -12), 14);
    expect(parseDiscountRate('10%')).toBeCloseTo(yr, 15);
    expect(parseDiscountRate('0.1/y')).toBeCloseTo(yr, 15);
    expect(parseDiscountRate('0')).toBe(0);
    for (const bad of ['10%/m', 'ten', '-5%/yr', '10%/fortnight']) expect(parseDiscountRate(bad)).toBeNull();
  });

  it('reads margins as fractions of revenue', () => {
    expect(parseMargin('30%')).toBe(0.3);
    expect(parseMargin('0.3')).toBe(0.3);
    expect(parseMargin('100%')).toBe(1);
    for (const bad of ['0', '120%', '1.5', 'x']) expect(parseMargin(bad)).toBeNull();
  });
});
