/**
 * The three aggregate files of a database (the per-customer summary, the gap histogram, the cohort counts by
 * month, week and quarter) written as CSV beside it, as of the day after its last purchase: what a warehouse
 * would compute (src/analytics/aggregates.ts → the documented CSV), for the tests that read them back.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cohortCounts, customerAggregates, gapHistogramRows } from '../src/analytics/aggregates.js';
import { openDb } from '../src/db/open.js';
import { loadPurchaseLog } from '../src/db/queries.js';
import { lastDay } from '../src/domain/purchase-log.js';
import { cohortCountsCsv, customerSummaryCsv, gapHistogramCsv } from '../src/output/aggregate-csv.js';

export interface Shop {
  db: string;
  summary: string;
  gaps: string;
  counts: Record<'month' | 'week' | 'quarter', string>;
}

/** Writes the three aggregates of a database (as of the day after its last purchase) into `dir`. */
export function writeAggregates(db: string, dir: string): Shop {
  const handle = openDb(db, { create: false });
  try {
    const log = loadPurchaseLog(handle);
    const asOf = lastDay(log)! + 1;
    const shop: Shop = {
      db,
      summary: path.join(dir, 'customers.csv'),
      gaps: path.join(dir, 'gaps.csv'),
      counts: { month: path.join(dir, 'cohorts-month.csv'), week: path.join(dir, 'cohorts-week.csv'), quarter: path.join(dir, 'cohorts-quarter.csv') },
    };
    writeFileSync(shop.summary, Buffer.concat(customerSummaryCsv(customerAggregates(log, asOf))));
    writeFileSync(shop.gaps, Buffer.concat(gapHistogramCsv(gapHistogramRows(log, asOf), log.currency, asOf)));
    for (const period of ['month', 'week', 'quarter'] as const) writeFileSync(shop.counts[period], Buffer.concat(cohortCountsCsv(cohortCounts(log, asOf, period))));
    return shop;
  } finally {
    handle.close();
  }
}
