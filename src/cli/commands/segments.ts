/**
 * `orderlens segments --method kmeans`: value clusters from k-means on standardized log R, F, M, labelled key /
 * ordinary / small customers, with centroids in original units.
 */
import { Command, Option } from 'commander';
import { formatDay } from '../../domain/day.js';
import { DataError } from '../../errors.js';
import { computeRfm, type FrequencyBasis, type MonetaryBasis } from '../../analytics/rfm.js';
import { AUTO_K_RANGE, type ValueClusters } from '../../analytics/kmeans.js';
import { clustersInThread } from '../fit-thread.js';
import {
  addAsOfOption, addFilterOptions, addOutputOptions, emitReport, note, parseIntFlag, type CliContext, type FilterFlags, type OutputFlags,
} from '../options.js';
import { clusterName } from '../../report/cluster-names.js';
import type { Lang } from '../../report/messages.js';
import { said } from '../../report/said.js';
import { clusterCustomerReport, clusterReport } from '../../report/segments.js';
import { noCustomerBefore, withPurchaseLog } from '../with-purchase-log.js';

interface SegmentsFlags extends OutputFlags, FilterFlags {
  asOf?: string;
  method: 'kmeans';
  k: string;
  seed: string;
  frequency: FrequencyBasis;
  monetary: MonetaryBasis;
  by: 'cluster' | 'customer';
}

export function segmentsCommand(ctx: CliContext): Command {
  const cmd = new Command('segments');
  cmd
    .addOption(new Option('--method <method>').choices(['kmeans']).default('kmeans'))
    .option('--k <k>', '', '3')
    .option('--seed <n>', '', '42')
    .addOption(new Option('--frequency <basis>').choices(['orders', 'days']).default('orders'))
    .addOption(new Option('--monetary <basis>').choices(['net', 'gross']).default('net'))
    .addOption(new Option('--by <grouping>').choices(['cluster', 'customer']).default('cluster'));
  addAsOfOption(addFilterOptions(addOutputOptions(cmd))).action(async (flags: SegmentsFlags) => {
    const k = flags.k.trim().toLowerCase() === 'auto' ? 'auto' : parseIntFlag('--k', flags.k, 2, 20);
    const seed = parseIntFlag('--seed', flags.seed, 0, 2 ** 32 - 1);
    await withPurchaseLog(ctx, flags, async ({ log, asOf }) => {
      const values = computeRfm(log, { asOf, frequency: flags.frequency, monetary: flags.monetary });
      if (values.customer.length === 0) throw noCustomerBefore(asOf);
      const minK = k === 'auto' ? AUTO_K_RANGE[0] : k;
      if (values.customer.length < minK) throw new DataError(said('segments.tooFew', { k: String(minK), n: values.customer.length, day: formatDay(asOf) }));
      // k-means in a worker thread: Ctrl-C is answered while it runs (fit-thread.ts)
      const clusters = await clustersInThread(ctx, values, { k, seed, minorDigits: log.minorDigits });
      describeClusters(ctx, clusters, seed);
      const lang: Lang = flags.lang === 'zh' ? 'zh' : 'en';
      const labels = clusters.clusters.map((c) => clusterName(lang, c, clusters.k));
      if (flags.by === 'customer') emitReport(ctx, clusterCustomerReport(log, values, clusters, labels), flags);
      else emitReport(ctx, clusterReport(log, values, clusters, labels), flags);
    }, { needsAmounts: said('noAmounts.segments'), eachShop: true });
  });
  return cmd;
}

function describeClusters(ctx: CliContext, c: ValueClusters, seed: number): void {
  const sil = c.silhouettes.find((s) => s.k === c.k)?.silhouette;
  note(ctx, said('segments.fit', { k: c.k, seed: String(seed), n: c.fittedOn, silhouette: sil === undefined ? '–' : sil.toFixed(3) }));
  if (c.auto) note(ctx, said('segments.auto', { list: c.silhouettes.map((s) => `k=${s.k} ${s.silhouette.toFixed(3)}`).join(', '), k: c.k }));
}

