import { describe, expect, it } from 'vitest';
import { isScientificId } from './cells.js';
import { namesNobody } from './platforms/order-fields.js';

describe('isScientificId', () => {
  it('finds the ids a spreadsheet turned into scientific notation, in either case', () => {
    for (const id of ['6.91793E+18', '6.91792676882364E+18', '6E+18', '6.9e+18', '1e+5']) expect(isScientificId(id), id).toBe(true);
  });
  it('leaves ids that only look close alone', () => {
    for (const id of ['', '6', '69', '6.9', '6.9E18', '6.9E-18', 'E+18', '.9E+18', '69E+18', '6.E+18', 'x6.9E+18', '6.9E+18x', '100000001']) {
      expect(isScientificId(id), id).toBe(false);
    }
  });
});

describe('namesNobody', () => {
  it('is true for an empty cell and one of asterisks only (half- or full-width)', () => {
    for (const t of ['', '*', '***', '＊＊', '*＊*']) expect(namesNobody(t), t).toBe(true);
  });
  it('is false for a buyer, masked in part or not', () => {
    for (const t of ['a', 'C17YYMXS', '*a', 'a*', '**a**', ' *', '-']) expect(namesNobody(t), t).toBe(false);
  });
});
