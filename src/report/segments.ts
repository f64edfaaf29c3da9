/** The reports of `orderlens segments`: the value clusters, or their customers. */
import type { PurchaseLog } from '../domain/purchase-log.js';
import type { ValueClusters } from '../analytics/kmeans.js';
import type { RfmValues } from '../analytics/rfm.js';
import { summarizeSegments } from '../analytics/segment-summary.js';
import type { Report } from '../output/report.js';
import { col, frequencyCol, monetaryCol } from './columns.js';
import { customerDrop, identityCells, identityColumns, oneStore } from './identity.js';
import { SEGMENT_SUMMARY_DROP, segmentSummaryColumns } from './rfm.js';

export function clusterReport(log: PurchaseLog, values: RfmValues, c: ValueClusters, labels: string[]): Report {
  const summary = summarizeSegments(values, c.clusterOfRow, labels);
  const byLabel = new Map(summary.map((r) => [r.segment, r]));
  const base = segmentSummaryColumns(values);
  return {
    currency: log.currency,
    // a narrow terminal leaves out the cluster centres first (the averages beside them say much the same)
    drop: [['centroid_recency_days', 'centroid_frequency', 'centroid_monetary'], ...SEGMENT_SUMMARY_DROP],
    columns: [
      col('cluster'),
      ...base,
      col('centroid_recency_days'),
      col('centroid_frequency'),
      col('centroid_monetary'),
    ],
    rows: c.clusters.map((cl, i) => ({
      cluster: cl.cluster,
      ...byLabel.get(labels[i])!,
      centroid_recency_days: cl.recencyDays,
      centroid_frequency: cl.frequency,
      centroid_monetary: Math.round(cl.monetary),
    })),
  };
}

export function clusterCustomerReport(log: PurchaseLog, values: RfmValues, c: ValueClusters, labels: string[]): Report {
  const n = values.customer.length;
  const key = (i: number) => log.customers[values.customer[i]].key;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => c.clusterOfRow[a] - c.clusterOfRow[b] || values.monetary[b] - values.monetary[a] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b),
  );
  return {
    currency: log.currency,
    columns: [
      ...identityColumns(log.customers.some((ref) => ref.clear !== null)),
      col('recency_days'),
      frequencyCol(values.frequencyBasis),
      monetaryCol(values.monetaryBasis),
      col('cluster'),
      col('segment'),
    ],
    // the cluster's name says what its number does
    drop: customerDrop(oneStore(n, (i) => log.customers[values.customer[i]]), ['cluster', 'frequency', 'recency_days']),
    rows: order.map((i) => ({
      ...identityCells(log.customers[values.customer[i]]),
      recency_days: values.recencyDays[i],
      frequency: values.frequency[i],
      monetary: values.monetary[i],
      cluster: c.clusterOfRow[i] + 1,
      segment: labels[c.clusterOfRow[i]],
    })),
  };
}
