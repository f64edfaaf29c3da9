/**
 * Near-miss option names: `--store` gets "did you mean --shop?" (by meaning, option-hints.ts), `--shp` commander's
 * look-alike; either way one line, exit 2, in English and Chinese, and no English inside the Chinese line.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { meantOption } from '../src/cli/option-hints.js';
import { orderlens, tempDir } from './cli-harness.js';

const db = path.join(tempDir(), 'none.db');
const ZH = { LANG: 'zh_CN.UTF-8' };

describe('near-miss options', () => {
  it.each([
    [['import', 'x.csv', '--store', 'North'], "unknown option '--store' (did you mean --shop?); see 'orderlens import --help'"],
    [['import', 'x.csv', '--store=North'], "unknown option '--store=North' (did you mean --shop?); see 'orderlens import --help'"],
    [['import', 'x.csv', '--timezone', 'Asia/Shanghai'], "unknown option '--timezone' (did you mean --tz?); see 'orderlens import --help'"],
    // spelled like --sort, but meant --shop
    [['rfm', '--store', 'North'], "unknown option '--store' (did you mean --shop?); see 'orderlens rfm --help'"],
    [['rfm', '--database', 'x.db'], "unknown option '--database' (did you mean --db?); see 'orderlens rfm --help'"],
    [['import', 'x.csv', '--shp', 'North'], "unknown option '--shp' (did you mean --shop?); see 'orderlens import --help'"],
    [['rfm', '--stor', 'North'], "unknown option '--stor' (did you mean one of --shop, --sort?); see 'orderlens rfm --help'"],
  ])('%j', async (argv, line) => {
    const r = await orderlens(db, argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`orderlens: error: ${line}\n`);
  });

  it('in Chinese', async () => {
    const store = await orderlens(db, ['import', 'x.csv', '--store', '北京店'], ZH);
    expect(store.code).toBe(2);
    expect(store.stderr).toBe("orderlens: 错误：没有 '--store' 这个选项（是不是想用 --shop？）；用法见 'orderlens import --help'\n");
    const two = await orderlens(db, ['rfm', '--stor', 'x'], ZH);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe("orderlens: 错误：没有 '--stor' 这个选项（是不是想用 --shop、--sort 其中之一？）；用法见 'orderlens rfm --help'\n");
  });

  it('suggests only an option the command has', () => {
    expect(meantOption('--Store', ['--shop', '--db'])).toBe('--shop');
    expect(meantOption('--store', ['--db'])).toBeNull();
    expect(meantOption('--stroe', ['--shop'])).toBeNull();
  });
});
