import { describe, expect, it } from 'vitest';
import { textWidth } from '../output/table.js';
import { wrapText } from './wrap-text.js';

const OPENING = /[（「『【《“‘([]$/;
const CLOSING = /^\s*[，。；：、）」』】》！？”’,.;:!?)\]…]/;

/** Every line fits, no line ends on an opening bracket or starts with closing punctuation, nothing is lost. */
function checkLines(lines: string[], width: number, indent: string): void {
  for (const [i, l] of lines.entries()) {
    expect(textWidth(l), l).toBeLessThanOrEqual(width);
    expect(l, 'an opening bracket at the end').not.toMatch(OPENING);
    if (i > 0) expect(l.slice(indent.length), 'closing punctuation first').not.toMatch(CLOSING);
  }
}

function wellWrapped(line: string, width: number, indent = '  '): string[] {
  const lines = wrapText(line, width, indent);
  checkLines(lines, width, indent);
  expect(lines.map((l, i) => (i === 0 ? l : l.slice(indent.length))).join('').replace(/\s+/g, '')).toBe(line.replace(/\s+/g, ''));
  return lines;
}

describe('wrapText', () => {
  it('leaves a line that fits as it is, spaces and all', () => {
    expect(wrapText('  --wait <seconds>   数据库', 80)).toEqual(['  --wait <seconds>   数据库']);
  });

  it('breaks English at spaces, under the indent', () => {
    expect(wrapText('orderlens: one two three four five six', 20)).toEqual(['orderlens: one two', '  three four five', '  six']);
  });

  it('keeps a flag with its value (the help line that ended in --out with FILE on the next)', () => {
    const line = 'Output: table on a terminal, CSV when piped; --format csv|json|table and --out FILE on every report.';
    expect(wellWrapped(line, 80, '')).toEqual(['Output: table on a terminal, CSV when piped; --format csv|json|table and', '--out FILE on every report.']);
    expect(wellWrapped('orderlens: see (--format csv) or --limit 0 for all', 24)).toEqual(['orderlens: see', '  (--format csv) or', '  --limit 0 for all']);
    // a flag and its value wider than a line: apart, as any two words
    expect(wellWrapped('orderlens: --summary-file /very/long/path/file.csv', 30)).toEqual(['orderlens: --summary-file', '  /very/long/path/file.csv']);
  });

  it('never leaves an opening bracket at the end of a line (the help line that did)', () => {
    const line = '  --wait <seconds>             数据库正被另一个 orderlens 写入时最多等待的秒数（默认：5）';
    const lines = wellWrapped(line, 80, ' '.repeat(31));
    expect(lines[0]).toBe('  --wait <seconds>             数据库正被另一个 orderlens 写入时最多等待的秒数');
    expect(lines[1]).toBe(`${' '.repeat(31)}（默认：5）`);
  });

  it('keeps an opening bracket, quote or title mark with what follows, at every width', () => {
    const lines = ['折现率：10%/yr、1%/mo、0（只写 10% 表示每年）（默认：10%/yr）', '读取数据仓库算好的“逐客户汇总”CSV，而不是数据库（见「汇总」一节）。', '请看《客户细分》：【重要】客户（前 20%）、一般客户。'];
    for (const line of lines) for (let width = 8; width <= 40; width++) wellWrapped(line, width);
  });

  it('does not break at a space before closing punctuation or after an opening bracket', () => {
    for (let width = 10; width <= 24; width++) {
      wellWrapped('共 3 位客户 （ 前 20% ） ， 其余 7 位', width);
      wellWrapped('see ( the README ) , then', width);
    }
  });

  it('keeps the first line\'s own leading spaces and cuts a piece wider than a line', () => {
    expect(wrapText('    abcdefghij xy', 8)).toEqual(['    abcd', '  efghij', '  xy']);
  });

  it('the checks can fail: lines broken anywhere are caught', () => {
    expect(() => checkLines(['秒数（', '  默认：5）'], 80, '  ')).toThrow(/opening bracket/);
    expect(() => checkLines(['秒数', '  ）默认'], 80, '  ')).toThrow(/closing punctuation/);
  });
});
