/**
 * The CSV formula guard with its expected outputs written out (not neutralizeCell as its own oracle): a
 * spreadsheet runs a cell starting with =, +, -, @, a tab or a carriage return as a formula, so such a cell
 * gets a leading apostrophe; a plain number (`-12.5`, `+1e5`) is left alone.
 */
import { describe, expect, it } from 'vitest';
import { neutralizeCell, renderCsv } from './render.js';
import type { Report } from './report.js';

describe('CSV formula guard', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['=', "'="],
    ['+86 138 0000 0000', "'+86 138 0000 0000"],
    ['+', "'+"],
    ['-2+3', "'-2+3"],
    ['-', "'-"],
    ['--1', "'--1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\rx', "'\rx"],
    ['-12.5', '-12.5'],
    ['+7', '+7'],
    ['-.5', '-.5'],
    ['+1e5', '+1e5'],
    ['-3E-2', '-3E-2'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ["'=1", "'=1"],
    ['', ''],
    ['张三', '张三'],
  ])('%j → %j', (cell, expected) => {
    expect(neutralizeCell(cell)).toBe(expected);
  });

  it('is applied to every text cell of a CSV report, quoted as RFC 4180 asks', () => {
    const report: Report = {
      columns: [{ key: 'customer', kind: 'text' }, { key: 'note', kind: 'text' }],
      rows: [
        { customer: '=HYPERLINK("http://x")', note: '-' },
        { customer: '\r=1', note: '@a' },
        { customer: '-12.5', note: '\tb' },
        { customer: 'c1', note: '+1' },
      ],
    };
    expect(renderCsv(report)).toBe(
      'customer,note\n' +
        '"\'=HYPERLINK(""http://x"")",\'-\n' +
        '"\'\r=1",\'@a\n' +
        "-12.5,'\tb\n" +
        'c1,+1\n',
    );
  });
});
