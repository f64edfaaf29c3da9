import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAID_TEXTS, say, translateSaid, type SaidText } from './said.js';

const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z_]\w*)\}/g)].map((m) => m[1]).sort();
const forms = (t: SaidText) => (typeof t.en === 'string' ? [t.en] : [...t.en]);

/** Every .ts file under src except the tests and the catalogue itself. */
function sources(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) text += sources(p);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'said.ts') text += readFileSync(p, 'utf8');
  }
  return text;
}

describe('the said texts', () => {
  const entries = Object.entries(SAID_TEXTS) as [string, SaidText][];

  it.each(entries)('%s has English and Chinese with the same placeholders', (_key, t) => {
    expect(t.zh.trim()).not.toBe('');
    for (const en of forms(t)) {
      expect(en.trim()).not.toBe('');
      expect([...new Set(placeholders(t.zh))]).toEqual([...new Set(placeholders(en))]);
    }
  });

  // a message is often put together (a count's noun chosen by the count, a constant appended): its longest
  // piece between placeholders, punctuation and counted nouns is what the source spells out
  it('no English template is stale: its longest piece still occurs in the sources', () => {
    // commander's own messages are recognised too (src/cli/main.ts)
    const src = sources(path.resolve(__dirname, '..')) + ['command.js', 'option.js'].map((f) => readFileSync(path.resolve(__dirname, '../../node_modules/commander/lib', f), 'utf8')).join('');
    const stale = entries.flatMap(([key, t]) =>
      src.includes(`'${key}'`) ? [] : forms(t)
        .map((en) => en.split(/\{[A-Za-z_]\w*\}|[;:(),?.']|\b(?:has|have|for|orders?|rows?|lines?|columns?|s)\b/).filter((p) => p !== undefined).map((p) => p.trim()).sort((a, b) => b.length - a.length)[0])
        .filter((part) => part.length >= 6 && !src.includes(part))
        .map((part) => `${key}: ${part}`),
    );
    expect(stale).toEqual([]);
  });

  it('no Chinese text reads as an English sentence (three English words in a row outside flags and code)', () => {
    const english = entries.filter(([, t]) => /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.test(t.zh.replace(/'[^']*'|--[a-z-]+( [A-Z_]+)?|\{[a-z_]\w*\}|orderlens [a-z]+( [a-z]+)?|libreoffice .*/gi, ''))).map(([k]) => k);
    expect(english).toEqual([]);
  });
});

describe('translateSaid', () => {
  it('leaves English as it is', () => {
    expect(translateSaid('no order date', 'en')).toBe('no order date');
  });

  it('recognises a text by its template and fills the Chinese one', () => {
    expect(translateSaid("no database at x.db: run 'orderlens import FILE' first, or pass --db PATH", 'zh')).toBe("找不到数据库 x.db：请先运行 'orderlens import 文件' 导入订单，或用 --db 路径 指定数据库");
  });

  it('translates a known reason behind a file and line it does not know', () => {
    expect(translateSaid('shop/orders.csv:12: no order date', 'zh')).toBe('shop/orders.csv:12: 缺少下单日期');
  });

  it('translates the values it captures (a reason inside a message)', () => {
    expect(translateSaid('a.csv: all 3 rows were rejected (the first, line 2: missing order id); nothing from this file was stored', 'zh')).toBe(
      'a.csv：全部 3 行都被拒绝（第一处，第 2 行：缺少订单号），这个文件的内容一条也没有写入',
    );
  });

  it('reads both English forms of a count', () => {
    expect(translateSaid('1 order has no buyer identity in their export and are left out of customer reports', 'zh')).toBe('1 笔订单在导出文件里没有买家标识，客户类报表不计入');
    expect(translateSaid('1,234 orders have no buyer identity in their export and are left out of customer reports', 'zh')).toBe('1,234 笔订单在导出文件里没有买家标识，客户类报表不计入');
  });

  it('leaves a text nobody translated as it is', () => {
    expect(translateSaid('something new: entirely', 'zh')).toBe('something new: entirely');
  });
});

describe('say', () => {
  it('fills a text in either language, the English form by the count', () => {
    expect(say('note.rows', { n: 1 }, 'en')).toBe('1 row');
    expect(say('note.rows', { n: 2 }, 'en')).toBe('2 rows');
    expect(say('note.rows', { n: 2 }, 'zh')).toBe('2 行');
  });
});
