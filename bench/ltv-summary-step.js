/**
 * ltv's summary step alone, as `orderlens ltv` runs it before fitting (for bench/duckdb-reports.js): open the
 * database, load the purchase log, summarize every customer's (x, t_x, T, spend) as of the day after the last
 * purchase, and compress to the unique rows the models are fitted on. Runs the built code (dist/).
 *
 *   node bench/ltv-summary-step.js ORDERLENS.db     (prints the counts on stderr)
 */
import { openDb } from '../dist/db/open.js';
import { loadPurchaseLog } from '../dist/db/queries.js';
import { lastDay } from '../dist/domain/purchase-log.js';
import { spendData, summarizeBtyd, transactionData } from '../dist/analytics/ltv-summary.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/ltv-summary-step.js ORDERLENS.db');
const db = openDb(file, { create: false });
try {
  const log = loadPurchaseLog(db, {});
  const end = lastDay(log);
  if (end === null) throw new Error('the purchase log is empty');
  const summary = summarizeBtyd(log, { end, unit: 'week' });
  const rows = transactionData(summary);
  const spend = spendData(summary, log.minorDigits);
  process.stderr.write(`${summary.x.length} customers, ${rows.x.length} unique (x, t_x, T) rows, ${spend.data.x.length} unique (x, spend) rows\n`);
} finally {
  db.close();
}
