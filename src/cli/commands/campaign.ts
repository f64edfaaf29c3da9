/**
 * `orderlens campaign`: close the CRM loop. `split` draws a random control group from a segment before sending,
 * `import` stores who was targeted (and in which group) and when, `report` measures what they did in a window
 * after the send against the control group (or, weaker, against untargeted customers of the same segments).
 * Wiring only: the reading and storing in db/campaigns.ts, the analysis in analytics/campaign.ts, the reports
 * and their notes in report/campaign.ts.
 */
import { Command } from 'commander';
import { keyFilePath } from '../../db/key-file.js';
import { dropCampaign, listCampaigns, loadCampaignReport, matchMembers, membersLastPurchase, saveCampaign } from '../../db/campaigns.js';
import { formatDay } from '../../domain/day.js';
import { parseHorizon, parseMargin } from '../../domain/horizon.js';
import { DataError, UsageError } from '../../errors.js';
import { said } from '../../report/said.js';
import { readCampaignList } from '../../import/campaign-list.js';
import { withPurchaseLog } from '../with-purchase-log.js';
import { campaignOutcome, drawStratifiedHoldout, segmentMembers } from '../../analytics/campaign.js';
import { assignSegments } from '../../analytics/rfm-segments.js';
import { campaignImportNotes, campaignLiftReport, campaignListReport, splitReport } from '../../report/campaign.js';
import { findSegmentIndex, segmentLabel } from '../../report/segment-names.js';
import {
  addOutputOptions, emitReport, note, parseDayFlag, parseFilter, parseIntFlag, withReportDb, type CliContext, type OutputFlags,
} from '../options.js';

export function campaignCommand(ctx: CliContext): Command {
  const cmd = new Command('campaign');
  cmd.addCommand(splitCommand(ctx));
  cmd.addCommand(importListCommand(ctx));
  cmd.addCommand(reportCommand(ctx));
  cmd.addCommand(listCommand(ctx));
  cmd.addCommand(new Command('drop').argument('<name>').action((name: string) => {
    withReportDb(ctx, (db) => {
      if (!dropCampaign(db, name)) throw new DataError(said('campaign.noneToDrop', { name }));
    });
    note(ctx, said('campaign.dropped', { name }));
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
      const members = segmentMembers(log, seg.segmentOfCustomer, index);
      const label = segmentLabel(seg.segments[index], lang);
      // the notes say the segment in the reader's language (冠军客户 on a Chinese terminal), the rows as --lang says
      const named = segmentLabel(seg.segments[index], ctx.lang ?? 'en');
      // shops measured from their own last day: their days were said when the log was read
      const day = log.lag === undefined ? formatDay(asOf) : said('asOf.eachShop');
      if (members.length === 0) throw new DataError(said('campaign.emptySegment', { segment: named, day }));
      // each shop its own control share: a small shop's members are not left to the luck of one draw across the store
      const shopOf = new Map<string, number>();
      const stratum = members.map(({ c }) => {
        const name = `${log.customers[c].platform}/${log.customers[c].shop}`;
        if (!shopOf.has(name)) shopOf.set(name, shopOf.size);
        return shopOf.get(name)!;
      });
      const control = drawStratifiedHoldout(stratum, share, seed);
      emitReport(ctx, splitReport(log, members, control, label, { asOf, share: flags.holdout, seed, named, ...(flags.out === undefined ? {} : { file: flags.out }) }), flags);
    }, { eachShop: true });
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
    const { match, dataEnd, stored } = withReportDb(ctx, (db) => {
      const match = matchMembers(db, list.rows, file, keyFilePath(ctx.io.env));
      if (match.members.length === 0) throw new DataError(said('campaign.noMatch', { file, n: list.rows.length, columns: list.columns }));
      saveCampaign(db, { name: flags.name, sentDay, source: file, rowsRead: list.rows.length + list.blank.length, unmatched: match.unmatched.length, createdAt: new Date().toISOString(), members: match.members }, flags.replace === true);
      // a list without split's as_of days: --sent is checked against the members' shops' orders instead
      const dataEnd = sentDay !== null && !list.rows.some((r) => r.asOf !== undefined) ? membersLastPurchase(db, match.members) : null;
      return { match, dataEnd, stored: listCampaigns(db).filter((c) => c.name === flags.name) };
    });
    emitReport(ctx, campaignListReport(stored, campaignImportNotes(file, list, match, sentDay, dataEnd)), flags);
  });
  return cmd;
}

function listCommand(ctx: CliContext): Command {
  const cmd = new Command('list');
  addOutputOptions(cmd).action((flags: OutputFlags) => {
    emitReport(ctx, campaignListReport(withReportDb(ctx, listCampaigns)), flags);
  });
  return cmd;
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
    const input = withReportDb(ctx, (db) => loadCampaignReport(db, name, filter));
    if (input.currency !== undefined) note(ctx, said('campaign.membersCurrency', { currency: input.currency }));
    const outcome = campaignOutcome(input.log, input.treatment, input.control, input.sent, days, input.shops);
    const told = campaignLiftReport(outcome, { name, sent: input.sent, days, currency: input.log.currency, lang: flags.lang === 'zh' ? 'zh' : 'en', shops: input.shops?.names });
    for (const line of told.notes) note(ctx, line);
    if (told.refusal) throw new DataError(told.refusal);
    if (told.report) emitReport(ctx, told.report, flags);
  });
  return cmd;
}
