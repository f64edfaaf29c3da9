/**
 * The `Examples:` block at the end of a command's help, in English and Chinese (`示例：`, with Chinese
 * marketplace files, shops and segments where that is what a Chinese seller types). One line per example: the
 * command as typed, then optionally `  # what it does`; localizeHelp (help-lang.ts) aligns the notes and adds
 * the block in the help's language. Keyed by command path (`import`, `campaign split`).
 * test/help-examples.test.ts checks that every flag an example uses is one the command has.
 */
import { textWidth } from '../output/table.js';
import type { Lang } from '../report/messages.js';

type Examples = Readonly<Record<Lang, readonly string[]>>;

export const HELP_EXAMPLES: Readonly<Record<string, Examples>> = {
  import: {
    en: [
      'orderlens import ExportOrderList*.csv --shop tmall-flagship',
      'orderlens import orders.csv --platform generic --tz Europe/Berlin --map customer=Email',
      'orderlens import jd.xlsx --dry-run --rejects rejected.csv',
    ],
    zh: [
      'orderlens import ExportOrderList*.csv --shop 天猫旗舰店  # 淘宝/天猫的订单报表',
      'orderlens import 京东订单.xlsx --dry-run --rejects 被拒的行.csv  # 只检查',
      'orderlens import 会员订单.csv --platform generic --map customer=会员号',
    ],
  },
  info: {
    en: ['orderlens info', 'orderlens info --format json --out summary.json'],
    zh: ['orderlens info  # 订单、客户、日期、收入一览', 'orderlens info --format json --out 概况.json'],
  },
  platforms: {
    en: ['orderlens platforms', 'orderlens platforms --format csv'],
    zh: ['orderlens platforms  # 淘宝/天猫、京东、拼多多、抖店……各收什么文件', 'orderlens platforms --format csv'],
  },
  customers: {
    en: ['orderlens customers --sort revenue:desc --limit 20', 'orderlens customers --platform shopify --out customers.xlsx'],
    zh: ['orderlens customers --sort revenue:desc --limit 20  # 消费最多的 20 位客户', 'orderlens customers --platform taobao --out 淘宝客户.xlsx'],
  },
  demo: {
    en: ['orderlens demo', 'orderlens demo --keep demo.db --lang zh'],
    zh: ['orderlens demo  # 用自带的示例店铺看一遍全部报表', 'orderlens demo --keep 示例店铺.db  # 保留数据库，之后接着试'],
  },
  snapshots: {
    en: ['orderlens snapshots', 'orderlens snapshots --format json'],
    zh: ['orderlens snapshots  # 已保存的快照', 'orderlens snapshots --format json'],
  },
  selftest: {
    en: ['orderlens selftest', 'orderlens --debug selftest'],
    zh: ['orderlens selftest  # 在本机复现 CDNOW 的公开结果', 'orderlens --debug selftest'],
  },
};

/** The examples of command `path` in `lang` as a help block, notes aligned where the line fits `width`. */
export function examplesBlock(path: string, lang: Lang, width = 80): string | undefined {
  const lines = HELP_EXAMPLES[path]?.[lang];
  if (!lines) return undefined;
  const parts = lines.map((l) => {
    const m = /^(.*?)\s+# (.*)$/.exec(l);
    return m ? { cmd: m[1], note: m[2] } : { cmd: l, note: undefined };
  });
  const fits = (p: { cmd: string; note?: string }, col: number) => p.note !== undefined && 2 + col + 4 + textWidth(p.note) <= width;
  // the widest column at which every noted line as narrow as it still fits; wider lines keep their note unaligned
  const noted = parts.filter((p) => p.note !== undefined);
  const widths = noted.map((p) => textWidth(p.cmd)).sort((a, b) => b - a);
  const col = widths.find((c) => noted.every((p) => textWidth(p.cmd) > c || fits(p, c))) ?? 0;
  const out = parts.map((p) => {
    if (p.note === undefined) return `  ${p.cmd}`;
    const w = textWidth(p.cmd);
    if (w <= col) return `  ${p.cmd}${' '.repeat(col - w)}  # ${p.note}`;
    if (fits(p, w)) return `  ${p.cmd}  # ${p.note}`;
    return `  # ${p.note}\n  ${p.cmd}`;
  });
  return `\n${lang === 'zh' ? '示例：' : 'Examples:'}\n${out.join('\n')}`;
}
