/**
 * Two shops in one store, one currency: what `rfm` and `ltv` rank and fit, and that they say it.
 *
 * The rule (README, rfm): without --shop a store's customers are ranked together, one ranking for the store,
 * and the model is one fit over all its shops (the same rule in rfm, churn, ltv, report and snapshot, so that a
 * customer's segment is the same in every report); stderr says so when the customers span several shops, with
 * how to rank or fit one shop on its own: --shop, which ranks and fits within that shop exactly as a store
 * holding that shop alone would.
 *
 * The store: north = the RFM test shop (fixtures/rfm/shop.csv, CNY), south = the same orders with customers
 * renamed (C… → S…; the e-mail buyers keep their addresses) and every amount tripled. Ranked within its shop, each south customer has its north twin's
 * R, F and M scores (the same days and counts, amounts in the same order); ranked together, south's tripled
 * amounts take the top M scores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { expectGolden } from './golden.js';

const dir = tempDir('orderlens-rfm-shops-');
const AS_OF = ['--as-of', '2025-01-01'];
const both = path.join(dir, 'both.db');
const northOnly = path.join(dir, 'north.db');
const southOnly = path.join(dir, 'south.db');

/** The south shop's file: shop.csv with customers renamed and amounts (and refunds) tripled, in cents. */
function southFile(): string {
  const [header, ...lines] = readFileSync(fixture('rfm', 'shop.csv'), 'utf8').trim().split('\n');
  const triple = (s: string) => {
    const cents = Math.round(Number(s) * 100) * 3;
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  };
  const out = lines.map((line) => {
    const [id, customer, date, amount, status, refund, currency] = line.split(',');
    return [`S${id}`, customer.replace(/^C/, 'S'), date, triple(amount), status, triple(refund), currency].join(',');
  });
  const file = path.join(dir, 'south.csv');
  writeFileSync(file, [header, ...out].join('\n') + '\n');
  return file;
}

beforeAll(async () => {
  const south = southFile();
  const north = fixture('rfm', 'shop.csv');
  for (const [db, file, shop] of [[both, north, 'north'], [both, south, 'south'], [northOnly, north, 'north'], [southOnly, south, 'south']] as const) {
    const r = await orderlens(db, ['import', file, '--shop', shop]);
    expect(r.code, r.stderr).toBe(0);
  }
});

const scoresOf = (csv: string) => new Map(parseCsvRows(csv).map((r) => [r.customer, r.rfm]));

describe('rfm over two shops', () => {
  it('ranks the store together (golden), and says so in en and zh', async () => {
    const r = await orderlens(both, ['rfm', '--by', 'customer', '--format', 'csv', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expectGolden('rfm-two-shops-customers.csv', r.stdout);
    expect(r.stderr).toContain('orderlens: the scores rank each customer against the customers of all 2 shops together (one ranking for the store); one shop ranked on its own: --shop NAME');
    // and without --as-of (each shop from its own last day: a log made from the loaded one)
    const own = await orderlens(both, ['rfm']);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr).toContain('customers of all 2 shops together');
    const zh = await orderlens(both, ['rfm', '--lang', 'zh', ...AS_OF]);
    expect(zh.stderr).toContain('评分把每位客户与全部 2 家店铺的客户放在一起排名（整个数据库一个排名）；只在一家店铺内排名：--shop 店铺名');
    // together, the tripled amounts take the top of M: every south customer's M is at least its twin's, some higher
    const scores = scoresOf(r.stdout);
    // (the opaque ids C…/S…; the e-mail buyers keep their addresses, shown masked, in both shops)
    const twins = [...scores.keys()].filter((c) => /^C\d+$/.test(c));
    expect(twins.length).toBeGreaterThan(30);
    const m = (c: string) => Number(scores.get(c)![2]);
    expect(twins.every((c) => m(c.replace(/^C/, 'S')) >= m(c))).toBe(true);
    expect(twins.some((c) => m(c.replace(/^C/, 'S')) > m(c))).toBe(true);
  });

  it('--shop ranks within the shop: the output of a store holding that shop alone, byte for byte, and no note', async () => {
    for (const [shop, alone] of [['north', northOnly], ['south', southOnly]] as const) {
      for (const args of [['--by', 'customer'], ['--by', 'segment'], ['--scheme', 'cn8', '--by', 'customer']]) {
        const within = await orderlens(both, ['rfm', '--shop', shop, ...args, '--format', 'csv', ...AS_OF]);
        const single = await orderlens(alone, ['rfm', ...args, '--format', 'csv', ...AS_OF]);
        expect(within.code, within.stderr).toBe(0);
        expect(within.stdout).toBe(single.stdout);
        expect(within.stderr).toBe(single.stderr);
        expect(within.stderr).not.toContain('shops together');
      }
    }
    // within its shop each south customer has its north twin's scores (same days, amounts in the same order)
    const north = scoresOf((await orderlens(both, ['rfm', '--shop', 'north', '--by', 'customer', '--format', 'csv', ...AS_OF])).stdout);
    const south = scoresOf((await orderlens(both, ['rfm', '--shop', 'south', '--by', 'customer', '--format', 'csv', ...AS_OF])).stdout);
    expect(south.size).toBe(north.size);
    const twins = [...north.keys()].filter((c) => /^C\d+$/.test(c));
    expect(twins.length).toBeGreaterThan(30);
    for (const c of twins) expect(south.get(c.replace(/^C/, 'S')), c).toBe(north.get(c));
  });

  it('cn8: the splits are the store\'s, said so; one shop alone says nothing of shops', async () => {
    const r = await orderlens(both, ['rfm', '--scheme', 'cn8', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('the splits are taken over the customers of all 2 shops together (one split for the store); one shop split on its own: --shop NAME');
    const alone = await orderlens(northOnly, ['rfm', '--scheme', 'cn8', ...AS_OF]);
    expect(alone.stderr).not.toContain('shops together');
  });
});

describe('ltv over two shops', () => {
  it('one fit over both, said so; --shop fits the shop alone, as a store holding it alone does', async () => {
    const r = await orderlens(both, ['ltv', '--by', 'customer', '--format', 'csv', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('orderlens: the model is one fit over the customers of all 2 shops together, not one per shop; one shop fitted on its own: --shop NAME');
    const own = await orderlens(both, ['ltv']);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stderr).toContain('the model is one fit over the customers of all 2 shops together');
    const zh = await orderlens(both, ['ltv', '--lang', 'zh', ...AS_OF]);
    expect(zh.stderr).toContain('模型是在全部 2 家店铺的客户上合起来拟合的一个模型，不是逐店拟合；只拟合一家店铺：--shop 店铺名');
    const within = await orderlens(both, ['ltv', '--shop', 'north', '--by', 'customer', '--format', 'csv', ...AS_OF]);
    const single = await orderlens(northOnly, ['ltv', '--by', 'customer', '--format', 'csv', ...AS_OF]);
    expect(within.code, within.stderr).toBe(0);
    expect(within.stdout).toBe(single.stdout);
    expect(within.stderr).toBe(single.stderr);
    expect(within.stderr).not.toContain('shops together');
  });
});
