import type { AdapterContext } from '../adapter.js';
import { rejectRow } from './order-fields.js';
import { platformLabel, said } from '../../report/said.js';

/**
 * Countries of the regional marketplaces (Shopee, Lazada) → their currency and time zone. Their exports
 * carry no currency column: amounts are in the currency of the shop's country, which the file names in
 * a Country column or shows by the language of its headers.
 */
export interface Market {
  currency: string;
  zone: string;
}

const MARKETS: Record<string, Market> = {
  MY: { currency: 'MYR', zone: 'Asia/Kuala_Lumpur' },
  SG: { currency: 'SGD', zone: 'Asia/Singapore' },
  PH: { currency: 'PHP', zone: 'Asia/Manila' },
  TH: { currency: 'THB', zone: 'Asia/Bangkok' },
  VN: { currency: 'VND', zone: 'Asia/Ho_Chi_Minh' },
  ID: { currency: 'IDR', zone: 'Asia/Jakarta' },
  TW: { currency: 'TWD', zone: 'Asia/Taipei' },
  BR: { currency: 'BRL', zone: 'America/Sao_Paulo' },
  MX: { currency: 'MXN', zone: 'America/Mexico_City' },
  CO: { currency: 'COP', zone: 'America/Bogota' },
  CL: { currency: 'CLP', zone: 'America/Santiago' },
};

const NAMES: Record<string, string> = {
  malaysia: 'MY', singapore: 'SG', philippines: 'PH', thailand: 'TH', vietnam: 'VN', 'viet nam': 'VN', 'việt nam': 'VN',
  indonesia: 'ID', taiwan: 'TW', '台灣': 'TW', brazil: 'BR', brasil: 'BR', mexico: 'MX', méxico: 'MX', colombia: 'CO', chile: 'CL',
};

/** The market of a country cell (`MY`, `Malaysia`, `Việt Nam`), or null. */
export function marketOf(country: string): Market | null {
  const t = country.trim().toLowerCase();
  const code = t.length === 2 ? t.toUpperCase() : NAMES[t];
  return (code && MARKETS[code]) || null;
}

/** A market by its two-letter code. */
export function market(code: keyof typeof MARKETS | string): Market | null {
  return MARKETS[code] ?? null;
}

/** ISO 4217's code for "no currency": the default of adapters whose files do not name their currency. */
export const NO_CURRENCY = 'XXX';

/**
 * Currency and zone of an order: --currency and --tz win; else the market the header language or the
 * Country cell names; else a currency the importer passed. Rejects the order when none is known.
 */
export function orderMarket(ctx: AdapterContext, fromHeader: Market | null, country: string, line: number, label: string): Market {
  const found = fromHeader ?? marketOf(country);
  const zone = ctx.zoneForced || !found ? ctx.zone : found.zone;
  if (ctx.currencyForced) return { currency: ctx.currency, zone };
  if (found) return { currency: found.currency, zone };
  if (ctx.currency !== NO_CURRENCY) return { currency: ctx.currency, zone };
  rejectRow(line, said('reject.noCountry', { label: platformLabel(label) }));
}
