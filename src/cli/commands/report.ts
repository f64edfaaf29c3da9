/**
 * `orderlens report`: one self-contained HTML file with the charts a shop owner looks at — overview, RFM
 * segments, 80/20, value clusters, cohorts, churn and lifetime value — computed by the same analytics as the
 * table commands, rendered to inline SVG at build time.
 */
import { Command, Option } from 'commander';
import { listSnapshots, snapshotCustomers } from '../../db/snapshots.js';
import { identityId } from '../../domain/customer-identity.js';
import { formatDay } from '../../domain/day.js';
import { UsageError } from '../../errors.js';
import { said, speak } from '../../report/said.js';
import type { SegmentScheme } from '../../analytics/rfm-segments.js';
import type { ModelChoice } from '../../analytics/ltv.js';
import { computeShopSections, pickTrendSnapshots, SECTIONS } from '../../report/shop-sections.js';
import { describeShop } from '../../report/shop-document.js';
import { renderHtmlReport } from '../../output/html-report.js';
import { loadChartRenderer } from '../../output/svg-chart.js';
import { cutText } from '../../output/table.js';
import {
  addAsOfOption, addFilterOptions, isQuiet, note, parseDayFlag, parseFilter, parseIntFlag, writeOutput,
  type CliContext, type FilterFlags,
} from '../options.js';
import { VERSION } from '../version.js';
import { shopFitsInThread } from '../fit-thread.js';
import { noCustomerBefore, withPurchaseLog } from '../with-purchase-log.js';

interface ReportFlags extends FilterFlags {
  out?: string;
  asOf?: string;
  lang: 'en' | 'zh';
  scheme?: SegmentScheme;
  holdout?: string;
  model: ModelChoice;
  customers?: string | true;
}

export function reportCommand(ctx: CliContext): Command {
  const cmd = new Command('report');
  cmd
    .requiredOption('--out <file>')
    .addOption(new Option('--lang <lang>').choices(['en', 'zh']))
    .addOption(new Option('--scheme <scheme>').choices(['default', 'cn8']))
    .addOption(new Option('--model <model>').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto']).default('bgnbd'))
    .option('--holdout <date>')
    .option('--customers [n]');
  addAsOfOption(addFilterOptions(cmd)).action(async (flags: ReportFlags) => {
    const filter = parseFilter(flags);
    const out = flags.out!;
    const holdout = flags.holdout === undefined ? undefined : parseDayFlag('--holdout', flags.holdout);
    const topCustomers = flags.customers === undefined ? 0 : flags.customers === true ? 1000 : parseIntFlag('--customers', flags.customers, 1, 100_000);
    const text = await withPurchaseLog(ctx, flags, async ({ log, asOf, db, shopDays }) => {
      const scheme: SegmentScheme = flags.scheme ?? (flags.lang === 'zh' ? 'cn8' : 'default');
      const progress = ctx.io.stderrIsTTY && !isQuiet(ctx)
        ? (done: number, total: number, section: string) => {
            const line = speak(ctx.lang ?? 'en', said('report.progress', { done, total, section: said(`report.step.${section}` as 'report.step.overview') }));
            ctx.io.stderr.write(`\r${cutText(`orderlens: ${line}`, (ctx.io.stderrColumns || 80) - 1)}\x1b[K`);
          }
        : undefined;
      if (holdout !== undefined && holdout >= asOf - 1) {
        throw new UsageError(said('report.noHoldout', { holdout: formatDay(holdout), asOf: formatDay(asOf) }));
      }
      const hasCustomer = log.customer.length > 0 && log.day.some((d) => d < asOf);
      if (!hasCustomer) throw noCustomerBefore(asOf);
      const stored = pickTrendSnapshots(listSnapshots(db), { currency: log.currency, asOf, platform: filter.platform, shop: filter.shop });
      const snapshots = stored.use.map((s) => ({ label: s.label, asOf: s.asOf, customers: snapshotCustomers(db, s.id).map((c) => ({ ...c, id: identityId(c) })) }));
      const options = { asOf, scheme, holdout, model: flags.model, topCustomers, trend: { snapshots, skipped: stored.skipped }, ...(shopDays ? { shopDays } : {}) };
      // the long steps (k-means, the model fits and predictions) in a worker thread, so that Ctrl-C is answered
      // while they run (fit-thread.ts); the line says which section they are for, none done yet
      const fits = await shopFitsInThread(ctx, log, options, (section) => progress?.(0, SECTIONS, section));
      const sections = computeShopSections(log, options, progress, fits);
      if (progress) ctx.io.stderr.write('\r\x1b[K');
      const chart = await loadChartRenderer();
      return renderHtmlReport(describeShop(sections, flags.lang, VERSION), chart);
    }, { filter, needsAmounts: said('noAmounts.report'), eachShop: holdout === undefined ? true : said('asOf.holdoutWhy') });
    writeOutput(ctx, text, out, said('report.file', { kb: Math.round(Buffer.byteLength(text) / 1024) }));
    note(ctx, said('report.open', { file: out }));
  });
  return cmd;
}
