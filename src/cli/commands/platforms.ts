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

export function platformsCommand(ctx: CliContext): Command {
  return addOutputOptions(
    new Command('platforms').description('list the platforms import recognises, the files each accepts and its buyer-identity column'),
  ).action((flags: OutputFlags) => {
    emitReport(ctx, platformsReport(ADAPTERS), flags);
  });
}

export function platformsReport(adapters: readonly Adapter[]): Report {
  return {
    columns: [
      { key: 'platform', zh: '平台', kind: 'text' },
      { key: 'detected_as', zh: '识别为', kind: 'text' },
      { key: 'files', zh: '文件', kind: 'text' },
      { key: 'buyer_identity', zh: '买家标识', kind: 'text' },
      { key: 'shop_from', zh: '店铺来自', kind: 'text' },
      { key: 'default_tz', zh: '默认时区', kind: 'text' },
      { key: 'default_currency', zh: '默认币种', kind: 'text' },
    ],
    rows: adapters.map((a) => ({
      platform: a.id,
      detected_as: a.label,
      files: a.accepts,
      buyer_identity: a.buyerColumn,
      shop_from: a.shopColumns ? `its ${a.shopColumns.slice(0, 3).join(' / ')} column, else --shop` : 'none in the export: give --shop',
      default_tz: a.defaultZone,
      default_currency: a.defaultCurrency === NO_CURRENCY ? 'from the file (else --currency)' : a.defaultCurrency,
    })),
  };
}
