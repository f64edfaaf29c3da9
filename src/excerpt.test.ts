import { describe, expect, it } from 'vitest';
import { escapeControls, excerpt, messageLine } from './excerpt.js';

describe('text from a file in a message', () => {
  it('escapes control characters and bidi overrides', () => {
    expect(escapeControls('a\u001b[31mb\u202ec\u0007\n')).toBe('a\\x1b[31mb\\u202ec\\x07\\x0a');
    expect(escapeControls('张三 plain')).toBe('张三 plain');
  });

  it('cuts long cells to an excerpt with their length', () => {
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(40)}… (100 characters)`);
  });

  it('cuts long quoted values, not sentences with apostrophes', () => {
    const long = 'v'.repeat(80);
    expect(messageLine(`file.csv:3: unreadable amount '${long}'`)).toBe(`file.csv:3: unreadable amount '${'v'.repeat(40)}… (80 characters)'`);
    const prose = "the model's fit is flat: the data don't tell the parameters apart, so no number is printed for the customers' value here";
    expect(messageLine(prose)).toBe(prose);
  });
});
