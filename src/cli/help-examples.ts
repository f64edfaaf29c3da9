/**
 * The `Examples:` block at the end of a command's help, in English and Chinese (`示例：`, with Chinese
 * marketplace files, shops and segments where that is what a Chinese seller types). One line per example: the
 * command as typed, then optionally `  # what it does`; localizeHelp (help-lang.ts) aligns the notes and adds
 * the block in the help's language. Keyed by command path (`import`, `campaign split`).
 * test/help-examples.test.ts checks that every flag an example uses is one the command has.
 */
import { textWidth } from '../output/table.js';
import { wrapText } from './wrap-text.js';
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
  rfm: {
    en: [
      'orderlens rfm --as-of 2025-01-01',
      'orderlens rfm --by customer --bins 3 --format csv',
      'orderlens rfm --scheme cn8 --split median --lang zh',
      'orderlens rfm --segment "At risk" --out at-risk.csv',
      'orderlens rfm --show-edges',
    ],
    zh: [
      'orderlens rfm --scheme cn8  # 八类客户细分：重要价值客户……一般挽留客户',
      'orderlens rfm --scheme cn8 --segment 重要挽留客户 --out 挽留名单.csv',
      'orderlens rfm --by customer --bins 3 --format csv',
      'orderlens rfm --scheme cn8 --lang zh --format csv --bom --out 客户细分.csv',
      'orderlens rfm --show-edges  # 每个分数对应的取值范围',
    ],
  },
  pareto: {
    en: ['orderlens pareto', 'orderlens pareto --by customer --out abc.csv'],
    zh: ['orderlens pareto  # 前 20% 的客户贡献了多少收入', 'orderlens pareto --by customer --out ABC分类.csv  # 每位客户的 A/B/C 类'],
  },
  segments: {
    en: ['orderlens segments --method kmeans --k 3', 'orderlens segments --k auto --lang zh', 'orderlens segments --k 4 --by customer --out clusters.csv'],
    zh: ['orderlens segments --k 3  # 重要客户、普通客户、小客户', 'orderlens segments --k auto  # 按轮廓系数选群数', 'orderlens segments --k 4 --by customer --out 价值聚类.csv'],
  },
  cohorts: {
    en: [
      'orderlens cohorts                               # monthly retention matrix',
      'orderlens cohorts --metric ltv --period quarter',
      'orderlens cohorts --by shop --acquired-since 2024-01-01 --format csv',
      'orderlens cohorts --long --out cohorts.csv',
    ],
    zh: [
      'orderlens cohorts  # 按月的同期群留存',
      'orderlens cohorts --metric ltv --period quarter  # 新客户按季度累计带来的收入',
      'orderlens cohorts --by shop --acquired-since 2024-11-01  # 双十一以来的新客户',
      'orderlens cohorts --long --out 同期群.csv',
    ],
  },
  churn: {
    en: [
      'orderlens churn                                    # churn rate by segment',
      'orderlens churn --by frequency --gap-multiplier 4',
      'orderlens churn --status at_risk --out winback.csv # a win-back list',
      'orderlens churn --by customer --days 120 --format json',
      'orderlens churn --by customer --model              # the rule and P(alive) side by side',
    ],
    zh: [
      'orderlens churn  # 各分群的流失率',
      'orderlens churn --status at_risk --out 流失预警名单.csv  # 该联系谁',
      'orderlens churn --by cohort --days 180  # 按首单月份；半年没来算流失',
      'orderlens churn --by customer --model  # 规则和模型的存活概率并排',
    ],
  },
  ltv: {
    en: [
      'orderlens ltv --model auto --horizon 12mo --discount 10%/yr --margin 30%',
      'orderlens ltv --interval 0.9                # 90% intervals instead of 80%',
      "orderlens ltv --holdout 2024-06-30 --by customer   # lifetimes' calibration/holdout table per customer",
      'orderlens ltv --holdout 2024-06-30          # fit up to 2024-06-30, compare with what happened after',
      'orderlens ltv --by customer --format csv   # one row per customer (without --by: totals per RFM segment)',
      'orderlens ltv --params --model auto',
      'orderlens ltv --method simple --by segment   # the textbook AOV × purchases a year × lifetime',
      'orderlens ltv --what-if retention+5% --margin 30% --cost-per-customer 5',
    ],
    zh: [
      'orderlens ltv --margin 30%  # 按 30% 毛利算未来 12 个月的客户生命周期价值',
      'orderlens ltv --by customer --format csv --out 客户价值.csv',
      'orderlens ltv --holdout 2024-06-30  # 回测：用这天之前的数据预测之后',
      'orderlens ltv --method simple  # 教材公式：客单价 × 年购买次数 × 剩余年限',
      'orderlens ltv --what-if retention+5% --margin 30% --cost-per-customer 5',
    ],
  },
  report: {
    en: [
      'orderlens report --out shop.html',
      'orderlens report --out 报告.html --lang zh --as-of 2025-01-01',
      'orderlens report --out tmall.html --platform taobao --holdout 2025-06-30',
      'orderlens report --out top.html --customers 200',
    ],
    zh: [
      'orderlens report --out 店铺报告.html  # 用浏览器打开',
      'orderlens report --out 淘宝.html --platform taobao --holdout 2025-06-30',
      'orderlens report --out 大客户.html --customers 200  # 附净收入前 200 位客户',
      'orderlens report --out report.html --lang en  # 英文版',
    ],
  },
  snapshot: {
    en: [
      'orderlens snapshot                                   # as of the day after the last order',
      'orderlens snapshot --as-of 2025-01-01 --label 2024-12',
      'orderlens snapshot --every month --since 2024-01-01  # backfill month ends',
      'orderlens snapshot --drop 2024-12',
    ],
    zh: [
      'orderlens snapshot  # 截至最后一单次日',
      'orderlens snapshot --every month --since 2024-01-01  # 补拍过去每个月末',
      'orderlens snapshot --as-of 2025-01-01 --label 2024年12月',
      'orderlens snapshot --drop 2024年12月',
    ],
  },
  snapshots: {
    en: ['orderlens snapshots', 'orderlens snapshots --format json'],
    zh: ['orderlens snapshots  # 已保存的快照', 'orderlens snapshots --format json'],
  },
  migration: {
    en: [
      'orderlens migration --from 2024-12-01 --to 2025-01-01',
      'orderlens migration --measure revenue --format csv',
      'orderlens migration --by customer --from-segment Champions --to-segment "At risk" --out slipping.csv',
    ],
    zh: [
      'orderlens migration  # 最近两个快照之间，客户在分群间怎么流动',
      'orderlens migration --measure revenue  # 格子里是这段时间的净收入',
      'orderlens migration --by customer --to-segment 久未回购老客户',
    ],
  },
  trend: {
    en: ['orderlens trend', 'orderlens trend --by segment --format csv --out segments-by-month.csv'],
    zh: ['orderlens trend  # 每个快照的客户数、复购率、流失率', 'orderlens trend --by segment --format csv --out 各分群月度变化.csv'],
  },
  campaign: {
    en: [
      'orderlens campaign split --segment "At risk" --holdout 10% --seed 7 --out winback.csv',
      'orderlens campaign import winback.csv --name spring-winback --sent 2025-03-01',
      'orderlens campaign report spring-winback --window 30d',
      'orderlens campaign list',
      'orderlens campaign drop spring-winback',
    ],
    zh: [
      'orderlens campaign split --segment 久未回购老客户 --holdout 10% --out 召回.csv',
      'orderlens campaign import 召回.csv --name 春季召回 --sent 2025-03-01',
      'orderlens campaign report 春季召回 --window 30d  # 实验组对比对照组',
      'orderlens campaign list',
      'orderlens campaign drop 春季召回',
    ],
  },
  sql: {
    en: [
      'orderlens sql "SELECT substr(order_day, 1, 7) AS month, count(*) AS orders FROM purchases GROUP BY month"',
      'orderlens sql "SELECT customer_key, orders, revenue FROM customers ORDER BY revenue DESC LIMIT 10" --format json',
    ],
    zh: [
      'orderlens sql "SELECT status, count(*) AS 订单数 FROM orders GROUP BY 1"  # 各状态的订单数',
      'orderlens sql "SELECT * FROM customers ORDER BY revenue DESC LIMIT 5"  # 消费最多的 5 位',
    ],
  },
  export: {
    en: ['orderlens export orders --out orders.parquet', 'orderlens export purchases --currency CNY > purchases.csv'],
    zh: ['orderlens export orders --out 订单.parquet', 'orderlens export purchases --currency CNY > 购买记录.csv'],
  },
  'sql-plan': {
    en: [
      'orderlens export purchases --out orders.parquet',
      'orderlens sql-plan customers --table orders.parquet | duckdb -csv > customers.csv',
      'orderlens sql-plan cohorts --dialect bigquery --table shop.sales.orders --as-of 2025-01-01 --period quarter',
    ],
    zh: [
      'orderlens export purchases --out 订单.parquet',
      'orderlens sql-plan customers --table 订单.parquet | duckdb -csv > 客户汇总.csv',
      'orderlens rfm --summary 客户汇总.csv --scheme cn8  # 在汇总上做客户细分',
      'orderlens sql-plan cohorts --dialect bigquery --table shop.sales.orders',
    ],
  },
  doctor: {
    en: [
      'orderlens doctor                      # integrity, schema and purchase runs of ./orderlens.db',
      'orderlens --db shop.db doctor --repair  # rebuild the purchase runs after editing orders by hand',
    ],
    zh: ['orderlens doctor  # 检查 ./orderlens.db', 'orderlens --db 店铺.db doctor --repair  # 手工改过订单后重建购买记录'],
  },
  demo: {
    en: ['orderlens demo', 'orderlens demo --keep demo.db --lang zh'],
    zh: ['orderlens demo  # 用自带的示例店铺看一遍全部报表', 'orderlens demo --keep 示例店铺.db  # 保留数据库，之后接着试'],
  },
  selftest: {
    en: ['orderlens selftest', 'orderlens --debug selftest'],
    zh: ['orderlens selftest  # 在本机复现 CDNOW 的公开结果', 'orderlens --debug selftest'],
  },
};

/** The examples of command `path` in `lang` as a help block, notes aligned where the line fits `width`. */
/** Continuation lines are indented this much more than the command's first line. */
const GO_ON = '    ';

/**
 * A command as typed, indented two, on lines of at most `width` columns as a shell reads them: a line that
 * goes on ends with ` \`, a flag stays with its values where it can, and a quoted text too long for a line
 * goes on inside its quotes (a new line there is a space to SQL).
 */
function continued(cmd: string, width: number): string {
  if (2 + textWidth(cmd) <= width) return `  ${cmd}`;
  const tokens = cmd.match(/"[^"]*"|'[^']*'|\S+/g) ?? [cmd];
  // a flag and the values after it, or a pipe and what follows it, break as one where they fit a line
  const units: string[][] = [];
  for (const t of tokens) {
    const piped = units.length > 0 && units[units.length - 1][0] === '|';
    if (units.length === 0 || t === '|' || (t.startsWith('-') && !piped)) units.push([t]);
    else units[units.length - 1].push(t);
  }
  const lines: string[] = [];
  let cur = '  ';
  const room = (text: string, last: boolean) => textWidth(text) + (last ? 0 : 2) <= width;
  const put = (t: string, last: boolean) => {
    const next = cur.trim() === '' ? cur + t : `${cur} ${t}`;
    if (room(next, last) || cur.trim() === '') {
      cur = next;
      return;
    }
    lines.push(`${cur} \\`);
    cur = `  ${GO_ON}${t}`;
  };
  units.forEach((unit, u) => {
    const lastUnit = u === units.length - 1;
    const whole = unit.join(' ');
    // the unit on a line of its own when it does not fit after what is there
    if (cur.trim() !== '' && !room(`${cur} ${whole}`, lastUnit) && room(`  ${GO_ON}${whole}`, lastUnit)) {
      lines.push(`${cur} \\`);
      cur = `  ${GO_ON}${whole}`;
      return;
    }
    unit.forEach((t, i) => {
      const last = lastUnit && i === unit.length - 1;
      if (!/^["']/.test(t) || room(`  ${GO_ON}${t}`, last)) return put(t, last);
      // a quoted text wider than a line: its words, the line going on inside the quotes
      for (const word of t.split(' ')) {
        const next = cur.trim() === '' || cur.endsWith(' \\') ? cur + word : `${cur} ${word}`;
        if (textWidth(next) <= width || cur.trim() === '') cur = next;
        else {
          lines.push(cur);
          cur = `  ${GO_ON}${word}`;
        }
      }
    });
  });
  lines.push(cur);
  return lines.join('\n');
}

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
    if (p.note === undefined) return continued(p.cmd, width);
    const w = textWidth(p.cmd);
    if (w <= col) return `  ${p.cmd}${' '.repeat(col - w)}  # ${p.note}`;
    if (fits(p, w)) return `  ${p.cmd}  # ${p.note}`;
    // the note above its command, each of its lines a comment (a narrow terminal)
    return `${wrapText(`  # ${p.note}`, width, '  # ').join('\n')}\n${continued(p.cmd, width)}`;
  });
  return `\n${lang === 'zh' ? '示例：' : 'Examples:'}\n${out.join('\n')}`;
}
