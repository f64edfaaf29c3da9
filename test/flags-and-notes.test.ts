// One meaning per flag name, counts in words that agree, import warnings said once per source.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { orderlens, parseCsvRows, tempDir } from './cli-harness.js';

const dir = tempDir();

function shop(file: string, rows: string[]): string {
  writeFileSync(file, ['order_id,customer_id,date,amount,status', ...rows].join('\n') + '\n');
  return file;
}

describe('flag names', () => {
  const db = path.join(dir, 'flags.db');
  const rows = Array.from({ length: 60 }, (_, i) => `o${i},c${i % 20},2024-0${1 + (i % 6)}-${String((i % 27) + 1).padStart(2, '0')},${10 + i}.00,completed`);

  it('churn --gap-multiplier is the rule\'s k; --k still works as its old name', async () => {
    expect((await orderlens(db, ['import', shop(path.join(dir, 'a.csv'), rows)])).code).toBe(0);
    const asOf = ['--as-of', '2024-09-01', '--by', 'customer'];
    const named = await orderlens(db, ['churn', ...asOf, '--gap-multiplier', '1.5']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain('max(G, 1.5 × own median gap)');
    expect((await orderlens(db, ['churn', ...asOf, '--k', '1.5'])).stdout).toBe(named.stdout);
    expect((await orderlens(db, ['churn', '--gap-multiplier', '0'])).stderr).toContain('--gap-multiplier must be above 0');
    const help = await orderlens(db, ['churn', '--help']);
    expect(help.stdout).toContain('--gap-multiplier');
    expect(help.stdout).not.toMatch(/--k\b/);
  });

  it('cohorts and churn name their acquisition window --acquired-since/--acquired-until', async () => {
    const window = ['--acquired-since', '2024-02-01', '--acquired-until', '2024-04-30', '--as-of', '2024-09-01'];
    const named = await orderlens(db, ['cohorts', '--long', ...window]);
    expect(named.code, named.stderr).toBe(0);
    const cohorts = new Set(parseCsvRows(named.stdout).map((r) => r.cohort));
    expect([...cohorts].sort()).toEqual(['2024-02', '2024-03', '2024-04'].filter((c) => cohorts.has(c)));
    expect(cohorts.has('2024-01')).toBe(false);
    expect((await orderlens(db, ['cohorts', '--long', '--since', '2024-02-01', '--until', '2024-04-30', '--as-of', '2024-09-01'])).stdout).toBe(named.stdout);
    const bad = await orderlens(db, ['churn', '--acquired-since', '2024-05-01', '--acquired-until', '2024-01-01']);
    expect(bad.stderr).toBe('orderlens: error: --acquired-since is after --acquired-until\n');
    for (const cmd of ['cohorts', 'churn']) {
      const help = (await orderlens(db, [cmd, '--help'])).stdout;
      expect(help).toContain('--acquired-since');
      expect(help).not.toMatch(/^\s+--since/m);
    }
    expect((await orderlens(db, ['rfm', '--help'])).stdout).toMatch(/^\s+--since <date>\s+only orders/m);
  });
});

describe('numbers in words', () => {
  it('one order, one cohort; rfm --show-edges prints days and counts as integers', async () => {
    const db = path.join(dir, 'words.db');
    expect((await orderlens(db, ['import', shop(path.join(dir, 'one.csv'), ['o1,c1,2024-01-05,10.00,completed', 'o2,c2,2024-01-09,12.50,completed'])])).code).toBe(0);
    const cohorts = await orderlens(db, ['cohorts', '--period', 'quarter']);
    expect(cohorts.stderr).toContain('2 customers in 1 quarterly cohort;');
    const info = parseCsvRows((await orderlens(db, ['info'])).stdout);
    expect(info.find((r) => r.section === 'platform/shop')?.value).toBe('2 orders, 2 customers');
    const one = path.join(dir, 'words1.db');
    await orderlens(one, ['import', shop(path.join(dir, 'single.csv'), ['o1,c1,2024-01-05,10.00,completed'])]);
    expect(parseCsvRows((await orderlens(one, ['info'])).stdout).find((r) => r.section === 'platform/shop')?.value).toBe('1 order, 1 customer');
    const edges = await orderlens(db, ['rfm', '--show-edges', '--bins', '2', '--format', 'table', '--as-of', '2024-05-10']);
    expect(edges.stdout).toMatch(/│ +122 │/); // recency days, not 122.00
    expect(edges.stdout).not.toMatch(/│ +122\.00 │/);
  });
});

describe('import warnings', () => {
  it('are said once per source, and info keeps them', async () => {
    const db = path.join(dir, 'notes.db');
    const file = path.join(dir, 'nightly.csv');
    shop(file, ['o1,c1,2024-01-05,10.00,mystery', 'o2,c2,2024-01-06,12.00,completed']);
    const first = await orderlens(db, ['import', file]);
    expect(first.stderr).toContain("unknown status 'mystery' on 1 order: kept as is");
    shop(file, ['o1,c1,2024-01-05,10.00,mystery', 'o2,c2,2024-01-06,12.00,completed', 'o3,c3,2024-01-07,9.00,mystery']);
    const second = await orderlens(db, ['import', file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('inserted 1');
    expect(second.stderr).not.toContain('unknown status');
    // another shop is another source: it hears the warning
    const other = await orderlens(db, ['import', file, '--shop', 'second']);
    expect(other.stderr).toContain("unknown status 'mystery' on 2 orders");
    const info = parseCsvRows((await orderlens(db, ['info'])).stdout).filter((r) => r.section === 'import note');
    expect(info.map((r) => r.item.replace(/ \(.*\)$/, '')).sort()).toEqual(['generic/default', 'generic/second']);
    expect(info.find((r) => r.item.startsWith('generic/default'))?.value).toContain("unknown status 'mystery' on 2 orders");
  });

  it('a dated export imported every night (orders-2026-12-01.csv, …-02.csv) hears a note once: the file name is not part of it', async () => {
    const db = path.join(dir, 'dated.db');
    const night = async (day: number, rows: string[]) => orderlens(db, ['import', shop(path.join(dir, `orders-2026-12-0${day}.csv`), rows)]);
    const first = await night(1, ['o1,c1,2026-11-30,10.00,mystery', 'o2,c2,2026-11-30,12.00,completed']);
    expect(first.stderr).toContain("orders-2026-12-01.csv: unknown status 'mystery' on 1 order");
    const second = await night(2, ['o3,c1,2026-12-01,10.00,mystery', 'o4,c2,2026-12-01,11.00,mystery', 'o5,c3,2026-12-01,12.00,completed']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('inserted 3');
    expect(second.stderr).not.toContain('unknown status');
    // what it says differs: said
    expect((await night(3, ['o6,c1,2026-12-02,10.00,odd'])).stderr).toContain("orders-2026-12-03.csv: unknown status 'odd' on 1 order");
    const notes = parseCsvRows((await orderlens(db, ['info'])).stdout).filter((r) => r.section === 'import note');
    expect(notes.map((r) => r.value.replace(/^[^:]*: /, '')).sort()).toEqual([
      "unknown status 'mystery' on 2 orders: kept as is, never counted as revenue",
      "unknown status 'odd' on 1 order: kept as is, never counted as revenue",
    ]);
  });

  it('after an upgrade, notes an older orderlens kept per file name are not said again, and info lists each once', async () => {
    const db = path.join(dir, 'upgraded.db');
    expect((await orderlens(db, ['import', shop(path.join(dir, 'orders-2026-11-01.csv'), ['o1,c1,2026-10-31,10.00,mystery'])])).code).toBe(0);
    // as the orderlens before this one kept it: the file name inside the key, one row per nightly file
    const handle = new Database(db);
    const rows = handle.prepare("SELECT key, value FROM meta WHERE key LIKE 'note%'").all() as { key: string; value: string }[];
    expect(rows).toHaveLength(1);
    handle.prepare('DELETE FROM meta WHERE key = ?').run(rows[0].key);
    for (const day of ['2026-11-01', '2026-11-02']) {
      const note = { key: 'import.unknownStatus', params: { file: `orders-${day}.csv`, status: 'mystery', n: 1 } };
      const legacyShape = JSON.stringify([note.key, [['file', note.params.file], ['status', 'mystery'], ['n', '#']]]);
      handle.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(`note\u0000generic/default\u0000${legacyShape}`, JSON.stringify({ said: note, day }));
    }
    handle.close();
    expect(parseCsvRows((await orderlens(db, ['info'])).stdout).filter((r) => r.section === 'import note')).toHaveLength(1);
    const next = await orderlens(db, ['import', shop(path.join(dir, 'orders-2026-11-03.csv'), ['o2,c1,2026-11-02,10.00,mystery'])]);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toContain('unknown status');
    const after = new Database(db, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'note%'").get()).toEqual({ n: 1 });
    after.close();
  });
});
