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
import { say, type Lang } from '../../report/messages.js';
import { platformLabel, platformText } from '../platform-words.js';

export function platformsCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('platforms'),
  ).action((flags: OutputFlags) => {
    emitReport(ctx, platformsReport(ADAPTERS, flags.lang === 'zh' ? 'zh' : 'en'), flags);
  });
}

/** The platforms as a report, its words in `lang` (English in CSV/JSON unless --lang zh is given). */
export function platformsReport(adapters: readonly Adapter[], lang: Lang = 'en'): Report {
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
    // a narrow terminal keeps what a user needs to export and import: the files and the buyer column
    drop: ['detected_as', 'default_currency', 'default_tz', 'shop_from'],
    rows: adapters.map((a) => ({
      platform: a.id,
      detected_as: platformLabel(a.label, lang),
      files: platformText('files', a.id, lang),
      buyer_identity: platformText('buyer', a.id, lang),
      shop_from: a.shopColumns ? say(lang, 'platforms.shopFrom', { columns: a.shopColumns.slice(0, 3).join(' / ') }) : say(lang, 'platforms.noShop'),
      default_tz: a.defaultZone,
      default_currency: a.defaultCurrency === NO_CURRENCY ? say(lang, 'platforms.currencyFromFile') : a.defaultCurrency,
    })),
  };
}
