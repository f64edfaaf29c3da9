import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress.js';

/** A progress line drawn into an array, on a clock the test moves. */
function drawn(lang: 'en' | 'zh') {
  const frames: string[] = [];
  let t = 0;
  const line = new ProgressLine((text) => frames.push(text), 80, 'orders.csv', 400_000, () => t, lang);
  t = 2_000;
  line.update(100_000);
  return frames;
}

describe('the import progress line', () => {
  it('says rows, rate, share and time left in English', () => {
    const frames = drawn('en');
    expect(frames[0]).toBe('\rorders.csv: reading\x1b[K');
    expect(frames[1]).toBe('\rorders.csv ⠙ ~25% · 100,000 rows · 50,000 rows/s · ETA 0:06\x1b[K');
  });

  it('in Chinese under zh, with the same numbers', () => {
    const frames = drawn('zh');
    expect(frames[0]).toBe('\rorders.csv：读取中\x1b[K');
    expect(frames[1]).toBe('\rorders.csv ⠙ ~25% · 100,000 行 · 每秒 50,000 行 · 预计还需 0:06\x1b[K');
  });
});
