/**
 * The language follows the environment (LC_ALL, LC_MESSAGES, LANG; ORDERLENS_LANG; --lang), but files for
 * programs keep their English column names unless `--lang zh` is given on the command line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveLang } from '../src/cli/lang.js';
import { environmentLang, localeLang } from '../src/cli/env-lang.js';
import { fixture, orderlens, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const db = path.join(tempDir('orderlens-lang-'), 'lang.db');
const ZH = { LANG: 'zh_CN.UTF-8' };
const EN = { LANG: 'en_US.UTF-8' };
const RFM = ['rfm', '--currency', 'CNY', '--as-of', '2025-01-01'];
const header = (text: string) => text.split('\n')[0];
/** A table's header line (under its top border). */
const tableHead = (text: string) => text.split('\n')[1];

beforeAll(async () => {
  const r = await orderlens(db, ['import', fixture('rfm', 'shop.csv'), '--platform', 'generic', '--currency', 'CNY']);
  expect(r.code, r.stderr).toBe(0);
});

describe('the language of the environment', () => {
  it('reads zh_CN, zh_TW and zh as Chinese, everything else as English', () => {
    for (const l of ['zh_CN.UTF-8', 'zh_TW.Big5', 'zh', 'zh_HK', 'ZH_cn.utf8']) expect(localeLang(l), l).toBe('zh');
    for (const l of ['en_US.UTF-8', 'C', 'POSIX', 'C.UTF-8', 'de_DE', 'zhx', '']) expect(localeLang(l), l).toBe('en');
  });

  it('takes LC_ALL before LC_MESSAGES before LANG, and ORDERLENS_LANG before all of them', () => {
    expect(environmentLang({})).toBe('en');
    expect(environmentLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(environmentLang({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(environmentLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8' })).toBe('zh');
    expect(environmentLang({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(environmentLang({ LANG: 'en_US.UTF-8', LC_ALL: '' })).toBe('en');
    expect(environmentLang({ LANG: 'en_US.UTF-8', ORDERLENS_LANG: 'zh' })).toBe('zh');
    expect(environmentLang({ LC_ALL: 'zh_CN.UTF-8', ORDERLENS_LANG: 'en' })).toBe('en');
    expect(() => environmentLang({ ORDERLENS_LANG: 'fr' })).toThrow(/ORDERLENS_LANG='fr': use en or zh/);
  });

  it('lets --lang win, and keeps files for programs English unless --lang zh is given', () => {
    expect(resolveLang(undefined, ZH, true)).toBe('zh');
    expect(resolveLang(undefined, ZH, false)).toBe('en');
    expect(resolveLang('zh', EN, false)).toBe('zh');
    expect(resolveLang('en', { ...ZH, ORDERLENS_LANG: 'zh' }, true)).toBe('en');
  });
});

describe('orderlens under a Chinese locale', () => {
  it('prints Chinese table headers and segment names under LANG=zh_CN.UTF-8', async () => {
    const zh = await orderlens(db, [...RFM, '--format', 'table'], ZH);
    const en = await orderlens(db, [...RFM, '--format', 'table'], EN);
    expect(zh.code, zh.stderr).toBe(0);
    expect(tableHead(zh.stdout)).toMatch(/客户/);
    expect(zh.stdout).toMatch(/重要|流失|新客户|忠诚/);
    expect(tableHead(en.stdout)).toMatch(/segment/);
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('writes CSV, JSON and ndjson byte for byte the same under LANG=zh_CN.UTF-8 as under LANG=en_US.UTF-8', async () => {
    for (const format of ['csv', 'json', 'ndjson']) {
      for (const argv of [RFM, [...RFM, '--by', 'customer'], ['customers'], ['cohorts', '--as-of', '2025-01-01', '--currency', 'CNY']]) {
        const zh = await orderlens(db, [...argv, '--format', format], ZH);
        const en = await orderlens(db, [...argv, '--format', format], EN);
        expect(zh.code, zh.stderr).toBe(0);
        expect(zh.stdout.length).toBeGreaterThan(0);
        expect(zh.stdout, `${argv.join(' ')} --format ${format}`).toBe(en.stdout);
      }
    }
    const piped = await orderlens(db, RFM, ZH); // no --format, not a terminal: CSV
    expect(header(piped.stdout)).toMatch(/^segment,/);
  });

  it('gives Chinese CSV headers with --lang zh on the command line', async () => {
    const r = await orderlens(db, [...RFM, '--format', 'csv', '--lang', 'zh'], EN);
    expect(r.code, r.stderr).toBe(0);
    expect(header(r.stdout)).toMatch(/[\u4e00-\u9fff]/);
    expect(header(r.stdout)).not.toMatch(/^segment,/);
  });

  it('lets ORDERLENS_LANG override LANG (for what a person reads), and --lang en override everything', async () => {
    const own = await orderlens(db, [...RFM, '--format', 'table'], { LANG: 'en_US.UTF-8', ORDERLENS_LANG: 'zh' });
    expect(tableHead(own.stdout)).toMatch(/客户/);
    const back = await orderlens(db, [...RFM, '--format', 'table'], { LC_ALL: 'zh_CN.UTF-8', ORDERLENS_LANG: 'en' });
    expect(back.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    const flag = await orderlens(db, [...RFM, '--format', 'table', '--lang', 'en'], { LC_ALL: 'zh_CN.UTF-8', ORDERLENS_LANG: 'zh' });
    expect(flag.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    const csv = await orderlens(db, [...RFM, '--format', 'csv'], { ...ZH, ORDERLENS_LANG: 'zh' });
    expect(header(csv.stdout)).toMatch(/^segment,/);
  });

  it('refuses an ORDERLENS_LANG it does not know with a usage error', async () => {
    const r = await orderlens(db, [...RFM, '--format', 'table'], { ORDERLENS_LANG: 'fr' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^orderlens: error: ORDERLENS_LANG='fr': use en or zh/);
  });
});

describe('the Chinese README', () => {
  it('exists and links the English one, and the English one links it, at the top', () => {
    const top = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8').split('\n').slice(0, 5).join('\n');
    expect(top('README.md')).toContain('](README.zh-CN.md)');
    expect(top('README.zh-CN.md')).toContain('](README.md)');
  });
});
