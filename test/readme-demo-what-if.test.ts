/**
 * README's table of what +5 points of retention are worth in the demo shop is the program's own output: every
 * row of it is run on the bundled demo files (`npx orderlens demo --keep demo.db`) and its retention, margin
 * change (percent and money) and break-even cost compared, as README rounds them. A change to the models that
 * moves these numbers fails here until README says the new ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, orderlens, parseCsvRows, tempDir } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const db = path.join(tempDir('orderlens-readme-demo-'), 'demo.db');

/** The README row's method → the flags that compute it. */
function argvOf(method: string): string[] {
  const argv: string[] = [];
  if (method.startsWith('MBG/NBD')) argv.push('--model', 'mbgnbd');
  else if (method.startsWith('Pareto/NBD')) argv.push('--model', 'pnbd');
  else if (method.startsWith('textbook')) argv.push('--method', 'simple');
  for (const m of method.matchAll(/`(--[a-z-]+) ([^`]+)`/g)) argv.push(m[1], m[2]);
  return argv;
}

const money = (x: number) => `¥${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const whole = (x: number) => `¥${Math.round(x).toLocaleString('en-US')}`;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('**The demo shop**'), readme.indexOf('**The rule of thumb**'));
const rows = section
  .split('\n')
  .filter((l) => /^\| [A-Za-z]/.test(l) && !l.startsWith('| method'))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe("README's demo what-if table", () => {
  beforeAll(async () => {
    const r = await orderlens(db, ['import', fixture('demo', 'shop-orders-2024.csv'), fixture('demo', 'shop-orders-2025.csv')]);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('has the rows it is read for', () => {
    expect(section).toContain('as of 2026-01-01, 398 customers');
    expect(rows.map((r) => r[0])).toHaveLength(6);
    expect(argvOf('textbook, lifetime 1.52 → 1.64 years, `--discount 0`')).toEqual(['--method', 'simple', '--discount', '0']);
  });

  it.each(rows)('%s: the numbers README quotes are the ones the demo prints', async (method, retention, change, breakEven) => {
    const r = await orderlens(db, ['ltv', '--what-if', 'retention+5%', ...argvOf(method), '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const m = Object.fromEntries(parseCsvRows(r.stdout).map((x) => [x.measure, x]));
    const ret = m.one_year_retention;
    expect(retention).toBe(`${Number(ret.before).toFixed(1)}% → ${Number(ret.after).toFixed(1)}%`);
    expect(change).toBe(`${pct(Number(m.margin.change_pct))} (${whole(Number(m.margin.change))})`);
    expect(breakEven).toBe(money(Number(m.break_even_cost_per_customer.change)));
    const lifetime = /lifetime ([\d.]+) → ([\d.]+) years/.exec(method);
    if (lifetime) expect(r.stderr).toContain(`the expected lifetime 1 / churn goes from ${lifetime[1]} to ${lifetime[2]} years`);
  }, 120_000);
});
