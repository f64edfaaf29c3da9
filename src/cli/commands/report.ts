/**
 * `orderlens report`: one self-contained HTML file with the charts a shop owner looks at — overview, RFM
 * segments, 80/20, value clusters, cohorts, churn and lifetime value — computed by the same analytics as the
 * table commands, rendered to inline SVG at build time.
 */
import { Command, Option } from 'commander';
import { loadPurchaseLog } from '../../db/queries.js';
import { formatDay } from '../../domain/day.js';
import { DataError } from '../../errors.js';
import type { SegmentScheme } from '../../analytics/rfm-segments.js';
import { computeShopSections } from '../../report/shop-sections.js';
import { describeShop } from '../../report/shop-document.js';
import { renderHtmlReport } from '../../output/html-report.js';
import { loadChartRenderer } from '../../output/svg-chart.js';
import {
  addAsOfOption, addFilterOptions, note, noteExcluded, openReportDb, parseFilter, resolveAsOf, writeOutput,
  type CliContext, type FilterFlags,
} from '../options.js';

interface ReportFlags extends FilterFlags {
  out?: string;
  asOf?: string;
  lang: 'en' | 'zh';
  scheme?: SegmentScheme;
}

export const APP_VERSION = '0.1.0';

const HELP = `
Writes one HTML file that opens offline in any browser: no scripts, no fonts or images fetched, charts drawn
as inline SVG when the file is built (so it also prints and mails well). Sections:
  1 overview       customers, orders, net revenue, repeat buyers, net revenue per month (first vs repeat)
  2 RFM segments   share of customers and of revenue per segment, the R × F grid, the segment table
                   (the 11-segment map; --lang zh uses the Chinese eight-class model, --scheme overrides)
  3 80/20          Lorenz/Pareto curve with the top-20% share and the Gini coefficient, ABC classes
Every number is the one \`orderlens rfm\` and \`orderlens pareto\` print for the same --as-of and filters.
No per-customer data is written.

Examples:
  orderlens report --out shop.html
  orderlens report --out 报告.html --lang zh --as-of 2025-01-01
  orderlens report --out tmall.html --platform tmall`;

export function reportCommand(ctx: CliContext): Command {
  const cmd = new Command('report').description('one self-contained HTML file with charts: segments, 80/20, clusters, cohorts, churn, lifetime value');
  cmd
    .requiredOption('--out <file>', 'the HTML file to write')
    .addOption(new Option('--lang <lang>', 'language of every title, axis, legend and reading').choices(['en', 'zh']).default('en'))
    .addOption(new Option('--scheme <scheme>', 'RFM segment scheme (default: default; cn8 with --lang zh)').choices(['default', 'cn8']))
    .addHelpText('after', HELP);
  addAsOfOption(addFilterOptions(cmd)).action(async (flags: ReportFlags) => {
    const filter = parseFilter(flags);
    const out = flags.out!;
    const db = openReportDb(ctx);
    let text: string;
    try {
      const log = loadPurchaseLog(db, filter);
      noteExcluded(ctx, log);
      const asOf = resolveAsOf(ctx, flags.asOf, log);
      const scheme: SegmentScheme = flags.scheme ?? (flags.lang === 'zh' ? 'cn8' : 'default');
      const progress = ctx.io.stderrIsTTY
        ? (done: number, total: number, section: string) => ctx.io.stderr.write(`\rorderlens: report: ${done}/${total} ${section}\x1b[K`)
        : undefined;
      const hasCustomer = log.customer.length > 0 && log.day.some((d) => d < asOf);
      if (!hasCustomer) throw new DataError(`no customer has a counted purchase before ${formatDay(asOf)}: check --as-of and the filters`);
      const sections = computeShopSections(log, { asOf, scheme }, progress);
      if (progress) ctx.io.stderr.write('\r\x1b[K');
      const chart = await loadChartRenderer();
      text = renderHtmlReport(describeShop(sections, flags.lang, APP_VERSION), chart);
    } finally {
      db.close();
    }
    writeOutput(ctx, text, out, `the report (${Math.round(Buffer.byteLength(text) / 1024).toLocaleString('en-US')} KB)`);
    note(ctx, `open ${out} in a browser`);
  });
  return cmd;
}
