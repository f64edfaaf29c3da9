/**
 * `orderlens platforms`: the platforms `import` recognises, the files each accepts, its buyer-identity
 * column, and its default time zone and currency.
 */
import { Command } from 'commander';
import type { Adapter } from '../../import/adapter.js';
import { NO_CURRENCY } from '../../import/platforms/markets.js';
import { ADAPTERS } from '../../import/platforms/registry.js';
import type { Report } from '../../output/report.js';
import { addOutputOptions, emitReport, type CliContext, type OutputFlags } from '../options.js';
import { col } from '../../report/columns.js';
import type { Lang } from '../../analytics/rfm-segments.js';
import { say, translateSaid } from '../../report/said.js';

export function platformsCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('platforms').description('list the platforms import recognises, the files each accepts and its buyer-identity column'),
  ).action((flags: OutputFlags) => {
    emitReport(ctx, platformsReport(ADAPTERS, flags.lang === 'zh' ? 'zh' : 'en'), flags);
  });
}

/** The platforms as a report, its words in `lang` (English in CSV/JSON unless --lang zh is given). */
export function platformsReport(adapters: readonly Adapter[], lang: Lang = 'en'): Report {
  const t = (text: string) => translateSaid(text, lang);
  return {
    columns: [
      col('platform'),
      col('detected_as'),
      col('files'),
      col('buyer_identity'),
      col('shop_from'),
      col('default_tz'),
      col('default_currency'),
    ],
    rows: adapters.map((a) => ({
      platform: a.id,
      detected_as: t(a.label),
      files: t(a.accepts),
      buyer_identity: t(a.buyerColumn),
      shop_from: a.shopColumns ? say('platforms.shopFrom', { columns: a.shopColumns.slice(0, 3).join(' / ') }, lang) : say('platforms.noShop', {}, lang),
      default_tz: a.defaultZone,
      default_currency: a.defaultCurrency === NO_CURRENCY ? say('platforms.currencyFromFile', {}, lang) : a.defaultCurrency,
    })),
  };
}
