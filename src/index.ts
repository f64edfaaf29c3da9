/**
 * orderlens as a library: the same pieces the CLI wires together. The CLI (src/cli) is a thin client of
 * these.
 *
 *   import { openDb, importFile, loadPurchaseLog, computeRfm, scoreRfm } from 'orderlens';
 *   const db = openDb('shop.db', { create: true });
 *   await importFile(db, 'ExportOrderList.csv', { platform: 'auto', encoding: 'auto' });
 *   const log = loadPurchaseLog(db, { currency: 'CNY' });
 *
 * Analytics are pure functions of a PurchaseLog (counted purchases per customer and local day) and options.
 */
import { render as renderText, type Format, type RenderOptions } from './output/render.js';
import type { Report } from './output/report.js';
import { tableLines } from './report/table-lines.js';

export { ExitCode, UsageError, DataError, InputError } from './errors.js';

// store and import
export { openDb, resolveDbPath, type Db } from './db/open.js';
export { loadPurchaseLog, summarizeDb, reportCurrency, type OrderFilter, type DbSummary } from './db/queries.js';
export { importFile, type ImportOptions, type ImportResult, type Reject } from './library-import.js';
export { ADAPTERS, adapterById } from './import/platforms/registry.js';
export type { Adapter, AdapterContext, RowMapper, Mapped, SourceRow } from './import/adapter.js';

// domain
export type { PurchaseLog, CustomerRef } from './domain/purchase-log.js';
export { buildLog, forEachCustomer } from './domain/purchase-log.js';
export type { NormalizedOrder, OrderItem, OrderStatus } from './domain/order.js';
export { parseDay, formatDay, type EpochDay } from './domain/day.js';

// analytics
export { summarizeCustomers } from './analytics/customer-summary.js';
export { computeRfm, scoreRfm, rfmCode } from './analytics/rfm.js';
export { assignSegments, segmentRfm, DEFAULT_SEGMENT_MAP } from './analytics/rfm-segments.js';
export { summarizeSegments } from './analytics/segment-summary.js';
export { analyzePareto, gini } from './analytics/pareto.js';
export { clusterCustomers } from './analytics/kmeans.js';
export { analyzeCohorts, cohortMatrix, cohortLong } from './analytics/cohorts.js';
export { flagChurn, summarizeChurn, gapThreshold } from './analytics/churn.js';
export { summarizeBtyd } from './analytics/ltv-summary.js';
export { fitLtv, predictCustomers, compareHoldout, probabilityAliveByCustomer } from './analytics/ltv.js';

// output
export type { Format } from './output/render.js';
export type { Report, Column, Row } from './output/report.js';

/**
 * A report as a terminal table, CSV, JSON or NDJSON; a table's own lines (`… 12 more rows`) in `lang` (English
 * unless given), from the catalogue, as the CLI says them.
 */
export function render(report: Report, opts: Omit<RenderOptions, 'format'> & { format: Exclude<Format, 'xlsx'> }): string {
  return renderText(report, { ...opts, lines: opts.lines ?? tableLines(opts.lang ?? 'en') });
}

// cli
export { run } from './cli/main.js';
export { nodeIo, memoryIo, type Io } from './cli/io.js';
