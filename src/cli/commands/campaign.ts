/**
 * `orderlens campaign`: close the CRM loop. `split` draws a random control group from a segment before sending,
 * `import` stores who was targeted (and in which group) and when, `report` measures what they did in a window
 * after the send against the control group (or, weaker, against untargeted customers of the same segments).
 */
import { Command } from 'commander';
import { keyFilePath } from '../../db/key-file.js';
import { col } from '../../report/columns.js';
import { customerDrop, identityColumns, oneStore } from '../../report/identity.js';
import { campaignMembers, dropCampaign, findCampaign, listCampaigns, matchMembers, saveCampaign, type CampaignInfo } from '../../db/campaigns.js';
import { loadPurchaseLog } from '../../db/queries.js';
import { customerIdentity, identityId } from '../../domain/customer-identity.js';
import { formatDay } from '../../domain/day.js';
import { parseHorizon, parseMargin } from '../../domain/horizon.js';
import { displayMoney } from '../../domain/money.js';
import { asOfLog, lastDay, type PurchaseLog } from '../../domain/purchase-log.js';
import { DataError, UsageError } from '../../errors.js';
import { said, type Said } from '../../report/said.js';
import { say, type Lang } from '../../report/messages.js';
import { readCampaignList } from '../../import/campaign-list.js';
import { withPurchaseLog } from '../with-purchase-log.js';
import { drawHoldout, measureLift, untargetedPeers, type LiftResult } from '../../analytics/campaign.js';
import { CONFIDENCE, type Interval } from '../../analytics/lift-tests.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import { findSegmentIndex, segmentLabel } from '../../report/segment-names.js';
import type { Report, Row } from '../../output/report.js';
import {
  addOutputOptions, emitReport, note, openReportDb, parseDayFlag, parseFilter, parseIntFlag, type CliContext, type OutputFlags,
} from '../options.js';

export function campaignCommand(ctx: CliContext): Command {
  const cmd = new Command('campaign');
  cmd.addCommand(splitCommand(ctx));
  cmd.addCommand(importListCommand(ctx));
  cmd.addCommand(reportCommand(ctx));
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(new Command('drop').argument('<name>').action((name: string) => {
    const db = openReportDb(ctx);
    try {
      if (!dropCampaign(db, name)) throw new DataError(said('campaign.noneToDrop', { name }));
      note(ctx, said('campaign.dropped', { name }));
    } finally {
      db.close();
    }
  }));
  return cmd;
}

interface SplitFlags extends OutputFlags {
  segment: string;
  holdout: string;
  seed: string;
  asOf?: string;
  platform?: string;
  shop?: string;
  currency?: string;
}

function splitCommand(ctx: CliContext): Command {
  const cmd = new Command('split')
    .requiredOption('--segment <name>')
    .option('--holdout <share>', '', '10%')
    .option('--seed <n>', '', '1')
    .option('--as-of <date>')
    .option('--platform <name>')
    .option('--shop <name>')
    .option('--currency <code>');
  addOutputOptions(cmd).action((flags: SplitFlags) => {
    const share = parseMargin(flags.holdout);
    if (share === null || !(share > 0 && share < 1)) throw new UsageError(said('campaign.badHoldout', { value: flags.holdout }));
    const seed = parseIntFlag('--seed', flags.seed, 0, 2 ** 32 - 1);
    const lang = flags.lang === 'zh' ? 'zh' : 'en';
    withPurchaseLog(ctx, { platform: flags.platform, shop: flags.shop, currency: flags.currency, asOf: flags.asOf }, ({ log, asOf }) => {
      const seg = assignSegments(log, { asOf });
      const index = findSegmentIndex(seg.segments, flags.segment);
      if (index < 0) throw new UsageError(said('campaign.notSegment', { name: flags.segment, list: seg.segments.map((s) => `'${s.name}'`) }));
      const members: { c: number; id: string }[] = [];
      seg.segmentOfCustomer.forEach((s, c) => {
        if (s === index) members.push({ c, id: identityId(customerIdentity(log.customers[c])) });
      });
      const label = segmentLabel(seg.segments[index], lang);
      if (members.length === 0) throw new DataError(said('campaign.emptySegment', { segment: label, day: formatDay(asOf) }));
      members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const control = drawHoldout(members.length, share, seed);
      const nControl = control.filter(Boolean).length;
      note(ctx, said('campaign.split', { n: members.length, segment: label, day: formatDay(asOf), treatment: members.length - nControl, control: nControl, share: flags.holdout, seed: String(seed) }));
      if (nControl < 100) note(ctx, said('campaign.smallControl', { n: String(nControl) }));
      note(ctx, said('campaign.sendHint'));
      const withContact = members.some((m) => log.customers[m.c].clear !== null);
      emitReport(ctx, {
        columns: [
          ...identityColumns(withContact),
          col('segment'),
          col('group'),
        ],
        drop: customerDrop(oneStore(members.length, (i) => log.customers[members[i].c]), ['segment']),
        rows: members.map((m, i) => {
          const ref = log.customers[m.c];
          return { customer_key: customerIdentity(ref).customerKey, customer: ref.display, platform: ref.platform, shop: ref.shop, contact: ref.clear, segment: label, group: control[i] ? 'control' : 'treatment' };
        }),
      }, flags);
    });
  });
  return cmd;
}

interface ImportFlags extends OutputFlags {
  name: string;
  sent?: string;
  replace?: boolean;
}

function importListCommand(ctx: CliContext): Command {
  const cmd = new Command('import')
    .argument('<list>')
    .requiredOption('--name <name>')
    .option('--sent <date>')
    .option('--replace');
  addOutputOptions(cmd).action(async (file: string, flags: ImportFlags) => {
    if (flags.name.trim() === '') throw new UsageError(said('campaign.emptyName'));
    const sentDay = flags.sent === undefined ? null : parseDayFlag('--sent', flags.sent);
    const list = await readCampaignList(file);
    const db = openReportDb(ctx);
    try {
      const match = matchMembers(db, list.rows, file, keyFilePath(ctx.io.env));
      if (match.members.length === 0) throw new DataError(said('campaign.noMatch', { file, n: list.rows.length, columns: list.columns }));
      saveCampaign(db, { name: flags.name, sentDay, source: file, rowsRead: list.rows.length + list.blank.length, unmatched: match.unmatched.length, createdAt: new Date().toISOString(), members: match.members }, flags.replace === true);
      if (match.unmatched.length > 0) {
        const lines = match.unmatched.slice(0, 10).join(', ');
        note(ctx, said(match.unmatched.length === 1 ? 'campaign.unmatched' : 'campaign.unmatchedMany', { file, n: match.unmatched.length, lines: `${lines}${match.unmatched.length > 10 ? ', …' : ''}` }));
      }
      if (list.blank.length > 0) note(ctx, said('campaign.blank', { file, n: list.blank.length, lines: `${list.blank.slice(0, 10).join(', ')}${list.blank.length > 10 ? ', …' : ''}` }));
      if (match.duplicates > 0) note(ctx, said('campaign.duplicates', { file, n: match.duplicates }));
      if (!list.hasGroup) note(ctx, said('campaign.noGroup'));
      if (sentDay === null) note(ctx, said('campaign.noSent'));
      emitReport(ctx, campaignListReport(listCampaigns(db).filter((c) => c.name === flags.name)), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

function listCommand(ctx: CliContext): Command {
  const cmd = new Command('list');
  addOutputOptions(cmd).action((flags: OutputFlags) => {
    const db = openReportDb(ctx);
    try {
      emitReport(ctx, campaignListReport(listCampaigns(db)), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

function campaignListReport(rows: CampaignInfo[]): Report {
  return {
    columns: [
      col('campaign'),
      col('sent'),
      col('rows'),
      col('unmatched_rows'),
      col('treatment'),
      col('control'),
      col('source@campaign'),
      col('created_at@campaign'),
    ],
    rows: rows.map((c) => ({ campaign: c.name, sent: c.sentDay === null ? null : formatDay(c.sentDay), rows: c.rowsRead, unmatched_rows: c.unmatched, treatment: c.treatment, control: c.control, source: c.source, created_at: c.createdAt })),
  };
}

interface ReportFlags extends OutputFlags {
  window: string;
  currency?: string;
}

function reportCommand(ctx: CliContext): Command {
  const cmd = new Command('report')
    .argument('<name>')
    .option('--window <span>', '', '30d')
    .option('--currency <code>');
  addOutputOptions(cmd).action((name: string, flags: ReportFlags) => {
    const span = parseHorizon(flags.window);
    if (span === null || span < 1) throw new UsageError(said('campaign.badWindow', { value: flags.window }));
    const days = Math.round(span);
    const filter = parseFilter({ currency: flags.currency });
    const db = openReportDb(ctx);
    try {
      const campaign = findCampaign(db, name);
      if (campaign.sentDay === null) throw new DataError(said('campaign.noSentDay', { name }));
      const sent = campaign.sentDay;
      const log = loadPurchaseLog(db, filter);
      const members = campaignMembers(db, campaign.id);
      const indexOf = new Map(log.customers.map((ref, c) => [identityId(customerIdentity(ref)), c]));
      const t: number[] = [];
      const k: number[] = [];
      for (const m of members) (m.group === 'control' ? k : t).push(indexOf.get(identityId(m)) ?? -1);
      if (t.length === 0) throw new DataError(said('campaign.noTreatment', { name }));
      const absent = [...t, ...k].filter((c) => c < 0).length;
      if (absent > 0) note(ctx, said('campaign.absent', { n: absent, currency: log.currency }));
      const last = lastDay(log);
      if (last === null || last < sent) throw new DataError(said('campaign.noLaterOrders', { day: formatDay(sent) }));
      const end = sent + days;
      note(ctx, said('campaign.window', { from: formatDay(sent), to: formatDay(end - 1), days }));
      if (last < end - 1) note(ctx, said('campaign.shortWindow', { day: formatDay(last), have: String(last - sent + 1), days: String(days) }));
      const controlled = k.length > 0;
      let comparison = k;
      if (!controlled) {
        const seg = assignSegments(asOfLog(log, sent), { asOf: sent });
        comparison = untargetedPeers(seg.segmentOfCustomer, t.filter((c) => c >= 0));
        if (comparison.length === 0) throw new DataError(said('campaign.noComparison', { name }));
        note(ctx, said('campaign.peers', { n: comparison.length, day: formatDay(sent) }));
      }
      // the window's revenue as known at its end: a return after the window is not the campaign's
      const lift = measureLift(asOfLog(log, end), t, comparison, sent, end);
      for (const g of [lift.treatment, lift.control]) if (g.customers < 30 || g.buyers < 5) note(ctx, said('campaign.roughGroup', { n: g.customers, buyers: g.buyers }));
      note(ctx, said('campaign.method'));
      for (const line of verdict(lift, days, log, controlled)) note(ctx, line);
      emitReport(ctx, liftReport(lift, controlled, log.currency, flags.lang === 'zh' ? 'zh' : 'en'), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number | null): Said | string => (p === null ? '' : p < 0.001 ? said('campaign.pSmall') : said('campaign.p', { p: p.toFixed(3) }));

/** The plain-language lines: what the campaign did to conversion and to revenue per customer. */
function verdict(l: LiftResult, days: number, log: PurchaseLog, controlled: boolean): Said[] {
  const prefix = controlled ? '' : said('campaign.weaker');
  const otherName = controlled ? said('campaign.other.control') : said('campaign.other.peers');
  const c = l.conversion;
  const level = String(CONFIDENCE * 100);
  const ci = said('campaign.ci', { level, low: points(c.low), high: points(c.high), p: pText(c.p) });
  const lines: Said[] = [];
  const moved = { prefix, days: String(days), from: pct(l.control.conversion), to: pct(l.treatment.conversion), ci };
  if (c.low > 0) lines.push(said('campaign.raised', moved));
  else if (c.high < 0) lines.push(said('campaign.lowered', moved));
  else lines.push(said('campaign.noEffect', { prefix, days: String(days), treated: pct(l.treatment.conversion), other: pct(l.control.conversion), otherName, ci }));
  const r: Interval | null = l.revenuePerCustomer;
  const money = (x: number) => displayMoney(x, log.currency);
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${money(Math.abs(x))}`;
  if (r === null) lines.push(said('campaign.rpcNone'));
  else {
    const rci = said('campaign.ciMoney', { level, low: signed(r.low), high: signed(r.high), p: pText(r.p) });
    const key = r.low > 0 ? 'campaign.rpcRaised' : r.high < 0 ? 'campaign.rpcLowered' : 'campaign.rpcNoEffect';
    lines.push(said(key, { prefix, treated: money(l.treatment.revenuePerCustomer), other: money(l.control.revenuePerCustomer), otherName, ci: rci }));
  }
  return lines;
}

function liftReport(l: LiftResult, controlled: boolean, currency: string, lang: Lang): Report {
  // the group names: stable English values in CSV/JSON, Chinese in a Chinese table
  const name = (g: 'treatment' | 'control' | 'comparison' | 'lift') => (lang === 'zh' ? say('zh', `campaign.group.${g}`) : say('en', `campaign.group.${g}`));
  const group = (label: string, g: LiftResult['treatment']): Row => ({
    group: label, customers: g.customers, buyers: g.buyers, conversion: g.conversion, revenue: g.revenue, revenue_per_customer: g.revenuePerCustomer, orders: g.orders,
  });
  const r = l.revenuePerCustomer;
  return {
    currency,
    columns: [
      col('group'),
      col('customers'),
      col('buyers'),
      col('conversion'),
      col('conversion_low'),
      col('conversion_high'),
      col('conversion_relative'),
      col('conversion_p'),
      col('revenue'),
      col('revenue_per_customer'),
      col('rpc_low'),
      col('rpc_high'),
      col('rpc_relative'),
      col('rpc_p'),
      col('orders'),
    ],
    rows: [
      group(name('treatment'), l.treatment),
      group(name(controlled ? 'control' : 'comparison'), l.control),
      {
        group: name('lift'),
        conversion: l.conversion.estimate,
        conversion_low: l.conversion.low,
        conversion_high: l.conversion.high,
        conversion_relative: l.conversionRelative,
        conversion_p: l.conversion.p,
        revenue_per_customer: r?.estimate ?? null,
        rpc_low: r?.low ?? null,
        rpc_high: r?.high ?? null,
        rpc_relative: l.revenueRelative,
        rpc_p: r?.p ?? null,
      },
    ],
  };
}
