/**
 * `orderlens campaign`: close the CRM loop. `split` draws a random control group from a segment before sending,
 * `import` stores who was targeted (and in which group) and when, `report` measures what they did in a window
 * after the send against the control group (or, weaker, against untargeted customers of the same segments).
 */
import { Command } from 'commander';
import { keyFilePath } from '../../db/key-file.js';
import { col } from '../../report/columns.js';
import { identityColumns } from '../../report/identity.js';
import { campaignMembers, dropCampaign, findCampaign, listCampaigns, matchMembers, saveCampaign, type CampaignInfo } from '../../db/campaigns.js';
import { loadPurchaseLog } from '../../db/queries.js';
import { customerIdentity, identityId } from '../../domain/customer-identity.js';
import { formatDay } from '../../domain/day.js';
import { parseHorizon, parseMargin } from '../../domain/horizon.js';
import { displayMoney } from '../../domain/money.js';
import { lastDay, type PurchaseLog } from '../../domain/purchase-log.js';
import { DataError, UsageError } from '../../errors.js';
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
      if (!dropCampaign(db, name)) throw new DataError(`no campaign named '${name}' to drop: see 'orderlens campaign list'`);
      note(ctx, `dropped campaign '${name}'`);
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
    if (share === null || !(share > 0 && share < 1)) throw new UsageError(`--holdout '${flags.holdout}' must be a share between 0 and 100% (exclusive), such as 10%`);
    const seed = parseIntFlag('--seed', flags.seed, 0, 2 ** 32 - 1);
    const lang = flags.lang === 'zh' ? 'zh' : 'en';
    withPurchaseLog(ctx, { platform: flags.platform, shop: flags.shop, currency: flags.currency, asOf: flags.asOf }, ({ log, asOf }) => {
      const seg = assignSegments(log, { asOf });
      const index = findSegmentIndex(seg.segments, flags.segment);
      if (index < 0) throw new UsageError(`--segment '${flags.segment}' is not a segment: use one of ${seg.segments.map((s) => `'${s.name}'`).join(', ')}`);
      const members: { c: number; id: string }[] = [];
      seg.segmentOfCustomer.forEach((s, c) => {
        if (s === index) members.push({ c, id: identityId(customerIdentity(log.customers[c])) });
      });
      const label = segmentLabel(seg.segments[index], lang);
      if (members.length === 0) throw new DataError(`no customer is in ${label} as of ${formatDay(asOf)}: nothing to split`);
      members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const control = drawHoldout(members.length, share, seed);
      const nControl = control.filter(Boolean).length;
      note(ctx, `${members.length.toLocaleString('en-US')} customers in ${label} as of ${formatDay(asOf)}: ${(members.length - nControl).toLocaleString('en-US')} treatment, ${nControl.toLocaleString('en-US')} control (${flags.holdout}, seed ${seed})`);
      if (nControl < 100) note(ctx, `warning: a control group of ${nControl} can only show large effects; a larger segment or --holdout narrows the interval`);
      note(ctx, 'send to the treatment rows only; afterwards: orderlens campaign import FILE --name NAME --sent DATE');
      const withContact = members.some((m) => log.customers[m.c].clear !== null);
      emitReport(ctx, {
        columns: [
          ...identityColumns(withContact),
          col('segment'),
          col('group'),
        ],
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
    if (flags.name.trim() === '') throw new UsageError('--name must not be empty');
    const sentDay = flags.sent === undefined ? null : parseDayFlag('--sent', flags.sent);
    const list = await readCampaignList(file);
    const db = openReportDb(ctx);
    try {
      const match = matchMembers(db, list.rows, file, keyFilePath(ctx.io.env));
      if (match.members.length === 0) throw new DataError(`${file}: none of the ${list.rows.length} rows matches a customer in this database (columns read: ${list.columns.join(', ')})`);
      saveCampaign(db, { name: flags.name, sentDay, source: file, rowsRead: list.rows.length + list.blank.length, unmatched: match.unmatched.length, createdAt: new Date().toISOString(), members: match.members }, flags.replace === true);
      if (match.unmatched.length > 0) {
        const lines = match.unmatched.slice(0, 10).join(', ');
        note(ctx, `${file}: ${match.unmatched.length} rows match no customer (line${match.unmatched.length === 1 ? '' : 's'} ${lines}${match.unmatched.length > 10 ? ', …' : ''})`);
      }
      if (list.blank.length > 0) note(ctx, `${file}: ${list.blank.length} rows name nobody (line ${list.blank.slice(0, 10).join(', ')}${list.blank.length > 10 ? ', …' : ''})`);
      if (match.duplicates > 0) note(ctx, `${file}: ${match.duplicates} rows repeat a customer already listed (counted once)`);
      if (!list.hasGroup) note(ctx, 'no group column: every customer is treatment; the report compares them with untargeted customers of the same segments (weaker evidence than a control group)');
      if (sentDay === null) note(ctx, 'no --sent day: campaign report needs one (import again with --sent DATE --replace)');
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
    if (span === null || span < 1) throw new UsageError(`--window '${flags.window}' must be a span such as 30d, 4w or 2mo`);
    const days = Math.round(span);
    const filter = parseFilter({ currency: flags.currency });
    const db = openReportDb(ctx);
    try {
      const campaign = findCampaign(db, name);
      if (campaign.sentDay === null) throw new DataError(`campaign '${name}' has no sent day: import its list again with --sent DATE --replace`);
      const sent = campaign.sentDay;
      const log = loadPurchaseLog(db, filter);
      const members = campaignMembers(db, campaign.id);
      const indexOf = new Map(log.customers.map((ref, c) => [identityId(customerIdentity(ref)), c]));
      const t: number[] = [];
      const k: number[] = [];
      for (const m of members) (m.group === 'control' ? k : t).push(indexOf.get(identityId(m)) ?? -1);
      if (t.length === 0) throw new DataError(`campaign '${name}' has no treatment group: nothing to measure`);
      const absent = [...t, ...k].filter((c) => c < 0).length;
      if (absent > 0) note(ctx, `${absent.toLocaleString('en-US')} listed customers have no counted ${log.currency} purchase at all: they count as customers who did not buy`);
      const last = lastDay(log);
      if (last === null || last < sent) throw new DataError(`no orders on or after the send day ${formatDay(sent)} yet: import later orders first`);
      const end = sent + days;
      const period = `${days}-day`;
      note(ctx, `window ${formatDay(sent)} to ${formatDay(end - 1)} (${days} days)`);
      if (last < end - 1) note(ctx, `warning: the orders run to ${formatDay(last)}, so only ${last - sent + 1} of the ${days} window days are in the data: the numbers cover those days only`);
      const controlled = k.length > 0;
      let comparison = k;
      if (!controlled) {
        const seg = assignSegments(log, { asOf: sent });
        comparison = untargetedPeers(seg.segmentOfCustomer, t.filter((c) => c >= 0));
        if (comparison.length === 0) throw new DataError(`campaign '${name}' has no control group, and no untargeted customer shares a segment with the targeted ones: nothing to compare with`);
        note(ctx, `no control group: comparing with the ${comparison.length.toLocaleString('en-US')} customers who were not targeted and were in the same RFM segments on ${formatDay(sent)} — weaker evidence than a random control group, because who was targeted was chosen`);
      }
      const lift = measureLift(log, t, comparison, sent, end);
      for (const g of [lift.treatment, lift.control]) if (g.customers < 30 || g.buyers < 5) note(ctx, `warning: a group of ${g.customers} customers with ${g.buyers} buyers: the intervals are rough`);
      note(ctx, 'method: conversion: Newcombe score interval, two-proportion z-test; revenue per customer: Welch t interval and test; 95%');
      for (const line of verdict(lift, period, log, controlled)) note(ctx, line);
      emitReport(ctx, liftReport(lift, controlled, log.currency), flags);
    } finally {
      db.close();
    }
  });
  return cmd;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number | null) => (p === null ? '' : p < 0.001 ? '; p < 0.001' : `; p = ${p.toFixed(3)}`);

/** The plain-language lines: what the campaign did to conversion and to revenue per customer. */
function verdict(l: LiftResult, period: string, log: PurchaseLog, controlled: boolean): string[] {
  const prefix = controlled ? '' : 'without a control group (weaker evidence): ';
  const other = controlled ? 'control' : 'untargeted peers';
  const c = l.conversion;
  const ci = `${CONFIDENCE * 100}% CI ${points(c.low)} to ${points(c.high)} points${pText(c.p)}`;
  const lines: string[] = [];
  if (c.low > 0) lines.push(`${prefix}the campaign raised ${period} conversion from ${pct(l.control.conversion)} to ${pct(l.treatment.conversion)}; ${ci}`);
  else if (c.high < 0) lines.push(`${prefix}the campaign lowered ${period} conversion from ${pct(l.control.conversion)} to ${pct(l.treatment.conversion)}; ${ci}`);
  else lines.push(`${prefix}no detectable effect on ${period} conversion: ${pct(l.treatment.conversion)} targeted vs ${pct(l.control.conversion)} ${other}; ${ci}`);
  const r: Interval | null = l.revenuePerCustomer;
  const money = (x: number) => displayMoney(x, log.currency);
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${money(Math.abs(x))}`;
  if (r === null) lines.push('revenue per customer: a group has fewer than 2 customers, no interval');
  else {
    const rci = `${CONFIDENCE * 100}% CI ${signed(r.low)} to ${signed(r.high)}${pText(r.p)}`;
    const what = r.low > 0 ? 'raised' : r.high < 0 ? 'lowered' : null;
    lines.push(
      what
        ? `${prefix}revenue per customer ${what}: ${money(l.treatment.revenuePerCustomer)} targeted vs ${money(l.control.revenuePerCustomer)} ${other}; ${rci}`
        : `${prefix}no detectable effect on revenue per customer: ${money(l.treatment.revenuePerCustomer)} targeted vs ${money(l.control.revenuePerCustomer)} ${other}; ${rci}`,
    );
  }
  return lines;
}

function liftReport(l: LiftResult, controlled: boolean, currency: string): Report {
  const group = (name: string, g: LiftResult['treatment']): Row => ({
    group: name, customers: g.customers, buyers: g.buyers, conversion: g.conversion, revenue: g.revenue, revenue_per_customer: g.revenuePerCustomer, orders: g.orders,
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
      group('treatment', l.treatment),
      group(controlled ? 'control' : 'comparison (not targeted, same segments)', l.control),
      {
        group: 'lift',
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
