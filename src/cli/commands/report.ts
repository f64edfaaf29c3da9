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
import type { SegmentScheme } from '../../analytics/rfm-segments.js';
import type { ModelChoice } from '../../analytics/ltv.js';
import { computeShopSections, pickTrendSnapshots } from '../../report/shop-sections.js';
import { describeShop } from '../../report/shop-document.js';
import { renderHtmlReport } from '../../output/html-report.js';
import { loadChartRenderer } from '../../output/svg-chart.js';
import { cutText } from '../../output/table.js';
import {
  addAsOfOption, addFilterOptions, isQuiet, note, parseDayFlag, parseFilter, parseIntFlag, writeOutput,
  type CliContext, type FilterFlags,
} from '../options.js';
import { VERSION } from '../version.js';
import { noCustomerBefore, withPurchaseLog } from '../with-purchase-log.js';
import { said } from '../../report/said.js';

interface ReportFlags extends FilterFlags {
  out?: string;
  asOf?: string;
  lang: 'en' | 'zh';
  scheme?: SegmentScheme;
  holdout?: string;
  model: ModelChoice;
  customers?: string | true;
}

const HELP = `
Writes one HTML file that opens offline in any browser: no scripts, no fonts or images fetched, charts drawn
as inline SVG when the file is built (so it also prints and mails well). Sections:
  1 overview       customers, orders, net revenue, repeat buyers, net revenue per month (first vs repeat)
  2 RFM segments   share of customers and of revenue per segment, the R × FM grid, the segment table
                   (the 11-segment map; --lang zh uses the Chinese eight-class model, --scheme overrides)
  3 80/20          Lorenz/Pareto curve with the top-20% share and the Gini coefficient, ABC classes
  4 value clusters key / ordinary / small customers (k-means, k = 3, seed 42): orders vs net revenue on log
                   scales, a seeded sample of 1,500 customers, and the cluster centres
  5 cohorts        retention heatmap (first-order month × months since, blank future cells; the newest 24
                   cohorts) and cumulative revenue per customer curves
  6 churn          active / at risk / churned, churn rate by segment and by first-order month, the threshold
  7 lifetime value predicted CLV over 12 months (discount 10% a year) as a histogram, expected purchases by
                   repeat purchase days (with --holdout: predicted vs actual in the holdout), parameters;
                   when no model can be fitted, the reason (as 'orderlens ltv' gives it) instead
  8 trend          the stored snapshots ('orderlens snapshot') over time: customers new and before, the
                   active / at-risk / churned shares, repeat and churn rate; fewer than two snapshots: says so.
                   Only snapshots in the report's currency, with its --platform/--shop, up to its --as-of
Every number is the one the table commands (rfm, pareto, segments, cohorts, churn, ltv) print for the same
--as-of and filters. A section the data cannot answer says so (no repeat buyers: no churn line, no CLV).
No per-customer data is written unless --customers adds the top customers by net revenue.

Examples:
  orderlens report --out shop.html
  orderlens report --out 报告.html --lang zh --as-of 2025-01-01
  orderlens report --out tmall.html --platform tmall --holdout 2025-06-30
  orderlens report --out top.html --customers 200`;

export function reportCommand(ctx: CliContext): Command {
  const cmd = new Command('report').description('one self-contained HTML file with charts: segments, 80/20, clusters, cohorts, churn, lifetime value');
  cmd
    .requiredOption('--out <file>', 'the HTML file to write')
    .addOption(new Option('--lang <lang>', 'language of every title, axis, legend and reading (default: ORDERLENS_LANG, else LC_ALL/LC_MESSAGES/LANG)').choices(['en', 'zh']))
    .addOption(new Option('--scheme <scheme>', 'RFM segment scheme (default: default; cn8 with --lang zh)').choices(['default', 'cn8']))
    .addOption(new Option('--model <model>', 'repeat-purchase model of section 7').choices(['bgnbd', 'pnbd', 'mbgnbd', 'auto']).default('bgnbd'))
    .option('--holdout <date>', 'also fit up to DATE (inclusive) and plot predicted vs actual purchases after it')
    .option('--customers [n]', 'add a table of the top N customers by net revenue (default 1000): per-customer data in the file')
    .addHelpText('after', HELP);
  addAsOfOption(addFilterOptions(cmd)).action(async (flags: ReportFlags) => {
    const filter = parseFilter(flags);
    const out = flags.out!;
    const holdout = flags.holdout === undefined ? undefined : parseDayFlag('--holdout', flags.holdout);
    const topCustomers = flags.customers === undefined ? 0 : flags.customers === true ? 1000 : parseIntFlag('--customers', flags.customers, 1, 100_000);
    const text = await withPurchaseLog(ctx, flags, async ({ log, asOf, db }) => {
      const scheme: SegmentScheme = flags.scheme ?? (flags.lang === 'zh' ? 'cn8' : 'default');
      const progress = ctx.io.stderrIsTTY && !isQuiet(ctx)
        ? (done: number, total: number, section: string) => ctx.io.stderr.write(`\r${cutText(`orderlens: report: ${done}/${total} ${section}`, (ctx.io.stderrColumns || 80) - 1)}\x1b[K`)
        : undefined;
      if (holdout !== undefined && holdout >= asOf - 1) {
        throw new UsageError(said('ltv.holdoutTooLate', { holdout: formatDay(holdout), asOf: formatDay(asOf) }));
      }
      const hasCustomer = log.customer.length > 0 && log.day.some((d) => d < asOf);
      if (!hasCustomer) throw noCustomerBefore(asOf);
      const stored = pickTrendSnapshots(listSnapshots(db), { currency: log.currency, asOf, platform: filter.platform, shop: filter.shop });
      const snapshots = stored.use.map((s) => ({ label: s.label, asOf: s.asOf, customers: snapshotCustomers(db, s.id).map((c) => ({ ...c, id: identityId(c) })) }));
      const sections = computeShopSections(log, { asOf, scheme, holdout, model: flags.model, topCustomers, trend: { snapshots, skipped: stored.skipped } }, progress);
      if (progress) ctx.io.stderr.write('\r\x1b[K');
      const chart = await loadChartRenderer();
      return renderHtmlReport(describeShop(sections, flags.lang, VERSION), chart);
    }, { filter });
    writeOutput(ctx, text, out, `the report (${Math.round(Buffer.byteLength(text) / 1024).toLocaleString('en-US')} KB)`);
    note(ctx, said('report.openIt', { file: out }));
  });
  return cmd;
}
