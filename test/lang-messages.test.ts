/**
 * Notes, warnings and errors in the user's language (issue 22): the locale decides, --lang and ORDERLENS_LANG
 * override; with --debug a Chinese error line is followed by its English form.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, orderlens, tempDir } from './cli-harness.js';

const ZH = { LANG: 'zh_CN.UTF-8' };

describe('messages follow the language', () => {
  const dir = tempDir();
  const db = path.join(dir, 'shop.db');

  it('the import line and its notes speak Chinese under a Chinese locale, English otherwise', async () => {
    const zh = await orderlens(db, ['import', fixture('generic', 'utf8.csv')], { ...ZH, ORDERLENS_KEY_FILE: path.join(dir, 'key') });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/utf8\.csv：读取 \d+ 行，新增 \d+，更新 0，未变 0，拒绝 \d+（识别为：通用订单文件；店铺 default；编码 utf8/);
    const en = await orderlens(db, ['import', fixture('generic', 'utf8.csv')], { LANG: 'en_US.UTF-8', ORDERLENS_KEY_FILE: path.join(dir, 'key') });
    expect(en.stdout).toMatch(/utf8\.csv: read \d+, inserted 0, updated 0, unchanged \d+, rejected \d+ \(detected: generic orders file; shop default; utf8/);
  });

  it('an error is one Chinese line; --debug adds the English one after it', async () => {
    const missing = path.join(dir, 'none.db');
    const plain = await orderlens(missing, ['rfm'], ZH);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe(`orderlens: 错误：找不到数据库 ${missing}：请先运行 'orderlens import 文件' 导入订单，或用 --db 路径 指定数据库\n`);
    const debug = await orderlens(missing, ['--debug', 'rfm'], ZH);
    const lines = debug.stderr.split('\n');
    expect(lines[0]).toBe(plain.stderr.trimEnd());
    expect(lines[1]).toBe(`orderlens: error: no database at ${missing}: run 'orderlens import FILE' first, or pass --db PATH`);
  });

  it('usage errors, commander\'s included, and the exit code stay what they were', async () => {
    const r = await orderlens(db, ['rfm', '--bny', 'x'], ZH);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("orderlens: 错误：没有 '--bny' 这个选项（是不是想用 --by？）；用法见 'orderlens rfm --help'\n");
    const day = await orderlens(db, ['rfm', '--as-of', '2025-13-01'], ZH);
    expect(day.code).toBe(2);
    expect(day.stderr).toContain("--as-of '2025-13-01' 不是日期");
  });

  it('--lang en and ORDERLENS_LANG=en win over the locale; --lang zh over ORDERLENS_LANG=en', async () => {
    expect((await orderlens(db, ['rfm', '--lang', 'en'], ZH)).stderr).toContain('as of ');
    expect((await orderlens(db, ['rfm'], { ...ZH, ORDERLENS_LANG: 'en' })).stderr).toContain('as of ');
    expect((await orderlens(db, ['rfm', '--lang', 'zh'], { ORDERLENS_LANG: 'en' })).stderr).toContain('统计截至');
  });

  it('the demo: Chinese titles and tables on a Chinese terminal; its CSV the same bytes under either locale', async () => {
    const { run } = await import('../src/cli/main.js');
    const { memoryIo } = await import('../src/cli/io.js');
    const demo = async (env: Record<string, string>, tty: boolean) => {
      const io = memoryIo({ env: { ...env, NO_COLOR: '1' }, tty, columns: 160, rows: 50 });
      expect(await run(['demo'], io)).toBe(0);
      return { out: io.out(), err: io.err() };
    };
    const table = await demo(ZH, true);
    for (const title of ['数据库概况', 'RFM 客户细分，截至', '净收入最高的客户', '冠军客户', '客户分群']) expect(table.out).toContain(title);
    expect(table.err).toContain('orderlens: 已导入 shop-orders-2024.csv：读取 1683 行');


    const zhCsv = await demo(ZH, false);
    const enCsv = await demo({ LANG: 'en_US.UTF-8' }, false);
    expect(zhCsv.out).toContain('Database summary\nsection,item,value\n');
    expect(zhCsv.out).toBe(enCsv.out);
  });

  it('a reject reason is Chinese on the terminal and stays English in the --rejects file', async () => {
    const file = path.join(dir, 'bad.csv');
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(file, 'order_id,customer,date,amount\n1,a,2024-01-02,10\n2,b,,10\n');
    const rejects = path.join(dir, 'rejects.csv');
    const r = await orderlens(db, ['import', file, '--rejects', rejects], { ...ZH, ORDERLENS_KEY_FILE: path.join(dir, 'key') });
    expect(r.stderr).toContain(`${file}:3: `);
    expect(r.stderr).not.toMatch(/bad\.csv:3: [a-z]/);
    expect(readFileSync(rejects, 'utf8')).toMatch(/[a-z]+ [a-z]+/);
  });
});
