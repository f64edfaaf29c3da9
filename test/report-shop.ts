/**
 * The demo shop (fixtures/demo) in a temporary database, for the report tests.
 */
import path from 'node:path';
import { orderlens, tempDir, fixture } from './cli-harness.js';

/** The day after the demo's last order: every golden and browser test of the report uses it. */
export const DEMO_AS_OF = '2026-01-01';

/** Imports the demo shop's two exports (as `orderlens demo` does) and returns the database path. */
export async function demoDb(): Promise<string> {
  const db = path.join(tempDir('orderlens-report-'), 'demo.db');
  for (const f of ['shop-orders-2024.csv', 'shop-orders-2025.csv']) {
    const r = await orderlens(db, ['import', fixture('demo', f), '--shop', 'demo', '--tz', 'Asia/Shanghai']);
    if (r.code !== 0) throw new Error(`importing ${f}: ${r.stderr}`);
  }
  return db;
}
