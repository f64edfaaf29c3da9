/**
 * What the reports from aggregates say (README "Reports from aggregates": `--summary FILE` on rfm, churn and ltv,
 * `--gaps FILE` on churn, `--counts FILE` on cohorts): the checks of src/import/aggregate-csv.ts, the usage rules
 * of src/cli/aggregate-input.ts and the streamed ltv of src/cli/aggregate-ltv.ts. Spread into MESSAGES
 * (messages.ts); the same rules: both languages, the same parameters. Column names (customer_key, as_of …) stay as
 * the file writes them; numbers a file holds are `:plain` (a revenue of 123456 minor units is not 123,456).
 */
export const AGGREGATE_MESSAGES = {
  // what kind of file it is, inside the sentences below
  'agg.what.summary': { en: 'a per-customer summary', zh: '客户汇总表' },
  'agg.what.gaps': { en: 'a gap histogram', zh: '购买间隔直方图' },
  'agg.what.counts': { en: 'cohort counts', zh: '同期群计数表' },

  // the header and the shape of the file
  'agg.unknownColumn': {
    en: "unknown column '{column}' in {what} (columns: {list}; names starting with _ are ignored)",
    zh: "{what}里有不认识的列 '{column}'（可用的列：{list}；以 _ 开头的列会被忽略）",
  },
  'agg.columnTwice': { en: "column '{column}' appears twice", zh: "列 '{column}' 出现了两次" },
  'agg.lacksColumns': {
    en: '{what} lacks {n:column|columns} {list} (see README "Reports from aggregates")',
    zh: '{what}缺少 {n:plain} 列：{list}（见 README 的“Reports from aggregates”一节）',
  },
  'agg.binary': {
    en: '{file}: looks like a binary file, neither CSV nor Parquet (see README "Reports from aggregates")',
    zh: '{file}：看起来是二进制文件，既不是 CSV 也不是 Parquet（见 README 的“Reports from aggregates”一节）',
  },
  'agg.notUtf8': { en: '{file}: is not UTF-8 text: aggregate files are written in UTF-8', zh: '{file}：不是 UTF-8 文本：汇总文件须用 UTF-8 编码' },
  'agg.unclosedQuote': { en: 'a quoted cell is never closed', zh: '有一个单元格的引号没有闭合' },
  'agg.cells': { en: '{count:plain} {count:cell|cells}, but the header has {width:plain}', zh: '这一行有 {count:plain} 个单元格，表头却有 {width:plain} 个' },
  'agg.empty': { en: '{file}: is empty: {what} needs a header line and rows', zh: '{file}：是空文件：{what}需要一行表头和数据行' },

  // one value
  'agg.notWhole': { en: "{column} '{text}' is not a whole number", zh: "{column} 的值 '{text}' 不是整数" },
  'agg.notWholeMoney': {
    en: "{column} '{text}' is not a whole number (money is in minor units: 1234 for 12.34)",
    zh: "{column} 的值 '{text}' 不是整数（金额以最小货币单位记：12.34 元写作 1234）",
  },
  'agg.below': { en: '{column} {value:plain} is below {min:plain}', zh: '{column} 的值 {value:plain} 小于 {min:plain}' },
  'agg.notDay': { en: "{column} '{text}' is not a day (YYYY-MM-DD)", zh: "{column} 的值 '{text}' 不是日期（应为 YYYY-MM-DD）" },
  'agg.notCurrency': { en: "currency '{text}' is not a three-letter code", zh: "currency 的值 '{text}' 不是三个字母的币种代码" },
  'agg.emptyCell': { en: '{column} is empty', zh: '{column} 为空' },

  // the rules a per-customer summary row keeps
  'agg.asOfDiffers': {
    en: 'as_of {text} differs from the {day:date} of the rows before it: one file is one as-of day',
    zh: 'as_of {text} 与前面各行的 {day:date} 不同：一个文件只能有一个截止日',
  },
  'agg.lastBeforeFirst': { en: 'last_purchase {last:date} is before first_purchase {first:date}', zh: 'last_purchase {last:date} 早于 first_purchase {first:date}' },
  'agg.lastNotBeforeAsOf': {
    en: 'last_purchase {last:date} is not before as_of {asOf:date} (as_of is exclusive)',
    zh: 'last_purchase {last:date} 不早于 as_of {asOf:date}（as_of 当天不计入）',
  },
  'agg.daysDoNotFit': {
    en: 'purchase_days {days:plain} do not fit between {first:date} and {last:date}',
    zh: 'purchase_days {days:plain} 天放不进 {first:date} 到 {last:date} 之间',
  },
  'agg.daysDisagree': {
    en: 'purchase_days {days:plain} disagrees with first_purchase {first:date} and last_purchase {last:date}',
    zh: 'purchase_days {days:plain} 与 first_purchase {first:date}、last_purchase {last:date} 对不上',
  },
  'agg.repeatNotZero': {
    en: 'repeat_revenue {value:plain} must be 0 for a customer with one purchase day',
    zh: '只在一天购买过的客户，repeat_revenue 应为 0，而不是 {value:plain}',
  },
  'agg.frequency': { en: 'frequency {value:plain} must be purchase_days − 1 = {want:plain}', zh: 'frequency 为 {value:plain}，应为 purchase_days − 1 = {want:plain}' },
  'agg.recency': {
    en: 'recency_days {value:plain} must be last_purchase − first_purchase = {want:plain}',
    zh: 'recency_days 为 {value:plain}，应为 last_purchase − first_purchase = {want:plain}',
  },
  'agg.age': { en: 'T_days {value:plain} must be (as_of − 1) − first_purchase = {want:plain}', zh: 'T_days 为 {value:plain}，应为 (as_of − 1) − first_purchase = {want:plain}' },
  'agg.avgSpendEmpty': { en: "avg_repeat_spend '{text}' must be empty for one purchase day", zh: "只在一天购买过的客户，avg_repeat_spend 应为空，而不是 '{text}'" },
  'agg.avgSpend': {
    en: "avg_repeat_spend '{text}' must be repeat_revenue / frequency = {want}",
    zh: "avg_repeat_spend 为 '{text}'，应为 repeat_revenue / frequency = {want}",
  },
  'agg.gapEmpty': { en: "median_gap_days '{text}' must be empty for one purchase day", zh: "只在一天购买过的客户，median_gap_days 应为空，而不是 '{text}'" },
  'agg.gapRange': {
    en: "median_gap_days '{text}' must be a number of days between 1 and {most:plain}, whole or ending in .5",
    zh: "median_gap_days 为 '{text}'，应为 1 到 {most:plain} 之间的天数（整数或以 .5 结尾）",
  },
  'agg.gapTwo': {
    en: 'median_gap_days {value:plain} must be {want:plain} for two purchase days',
    zh: '在两天购买过的客户，median_gap_days 应为 {want:plain}，而不是 {value:plain}',
  },
  'agg.customerTwice': {
    en: 'customer {key} of {platform}/{shop} appears twice (first on line {first:plain}): one row per customer',
    zh: '{platform}/{shop} 的客户 {key} 出现了两次（第一次在第 {first:plain} 行）：每位客户只能有一行',
  },
  'agg.noCustomer': {
    en: 'no customer matches: nothing to analyse (check --platform, --shop and --currency)',
    zh: '没有符合条件的客户：无可分析（请检查 --platform、--shop 和 --currency）',
  },

  // the gap histogram (churn --gaps)
  'agg.gapAsOf': {
    en: "as_of {asOf:date} is not the summary's {want:date}: compute both for the same day",
    zh: 'as_of {asOf:date} 与客户汇总表的 {want:date} 不同：两个文件须按同一天计算',
  },
  'agg.gapTwice': {
    en: 'gap_days {gap:plain} of {platform}/{shop} {currency} appears twice (first on line {first:plain})',
    zh: '{platform}/{shop} {currency} 的 gap_days {gap:plain} 出现了两次（第一次在第 {first:plain} 行）',
  },

  // the cohort counts (cohorts --counts); {period} is a period word (cohorts.month …)
  'agg.notCohort': {
    en: "cohort '{text}' is not a month (2024-03), ISO week (2024-W09) or quarter (2024-Q1)",
    zh: "cohort 的值 '{text}' 不是月份（2024-03）、ISO 周（2024-W09）或季度（2024-Q1）",
  },
  'agg.mixedPeriods': {
    en: "cohort '{text}' is a {period}, but the rows before it are {before}s: one file is one kind of period",
    zh: "同期群 '{text}' 按{period}划分，前面各行却按{before}划分：一个文件只能用一种周期",
  },
  'agg.cellAfterAsOf': {
    en: 'cohort {cohort} period {k:plain} is {label}, which starts on or after as_of {asOf:date}',
    zh: '同期群 {cohort} 的第 {k:plain} 期是 {label}，开始于 as_of {asOf:date} 当天或之后',
  },
  'agg.cohortTwice': {
    en: 'cohort {cohort} period {k:plain} of {platform}/{shop} {currency} appears twice (first on line {first:plain})',
    zh: '{platform}/{shop} {currency} 的同期群 {cohort} 第 {k:plain} 期出现了两次（第一次在第 {first:plain} 行）',
  },
  'agg.noPeriod0': {
    en: "cohort {cohort} has no period 0 row: period 0's customers is the cohort's size",
    zh: '同期群 {cohort} 没有第 0 期那一行：第 0 期的客户数就是同期群的人数',
  },
  'agg.moreLater': {
    en: 'cohort {cohort} has {most:plain} active {most:customer|customers} in a later period but only {size:plain} in period 0 (its size)',
    zh: '同期群 {cohort} 在之后某期有 {most:plain} 位活跃客户，第 0 期（同期群人数）却只有 {size:plain} 位',
  },
  'agg.noCohort': {
    en: 'no cohort matches: nothing to analyse (check --platform, --shop and --currency)',
    zh: '没有符合条件的同期群：无可分析（请检查 --platform、--shop 和 --currency）',
  },

  // what the aggregates cannot answer (src/cli/aggregate-input.ts)
  'agg.gapsNeedSummary': { en: '--gaps goes with --summary FILE (the database has the gaps itself)', zh: '--gaps 要和 --summary 文件 一起用（数据库自己就有购买间隔）' },
  'agg.window': {
    en: '--since/--until select orders, which {file} no longer has: compute the aggregates over that window instead',
    zh: '--since/--until 是按订单筛选的，而 {file} 里已经没有单笔订单：请改为在数据仓库里只对这段时间计算汇总',
  },
  'agg.asOfFlag': {
    en: '--as-of {flag}: {file} is as of {day:date}; aggregates answer for their own day only (compute them for {want} instead)',
    zh: '--as-of {flag}：{file} 的截止日是 {day:date}；汇总只能回答它自己那一天（请按 {want} 重新计算汇总）',
  },
  'agg.asOfNote': { en: 'as of {day:date} (the as_of of {file})', zh: '截至 {day:date}（{file} 的 as_of）' },
  'agg.byNeedsCustomer': {
    en: '--by {by} needs each customer, which {file} does not have (it counts cohorts): split by platform or shop, or compute the counts per {by}',
    zh: '--by {by} 需要逐个客户的数据，而 {file} 只有同期群计数：请按 platform 或 shop 拆分，或按 {by} 重新计算计数',
  },
  'agg.acquiredSince': {
    en: '--acquired-since {day:date} cuts a {period}ly cohort in two, which {file} cannot: give the first day of a {period}',
    zh: '--acquired-since {day:date} 把一个按{period}划分的同期群切成两半，{file} 做不到：请给出某{period}的第一天',
  },
  'agg.acquiredUntil': {
    en: '--acquired-until {day:date} cuts a {period}ly cohort in two, which {file} cannot: give the last day of a {period}',
    zh: '--acquired-until {day:date} 把一个按{period}划分的同期群切成两半，{file} 做不到：请给出某{period}的最后一天',
  },
  'agg.periodMismatch': {
    en: '{file} counts {period}ly cohorts: give --period {code}, or compute the counts by {want}',
    zh: '{file} 统计的是按{period}划分的同期群：请加 --period {code}，或按{want}重新计算计数',
  },

  // ltv --summary streamed (src/cli/aggregate-ltv.ts)
  'agg.streamWhy': {
    en: "rows are written as they are computed, in the summary's order (--stream, or more than {n} customers)",
    zh: '结果按计算顺序（即汇总文件的顺序）边算边写（--stream，或客户多于 {n} 位时）',
  },
  'agg.streamFormat': { en: '{why}: as --format csv or ndjson, not {format}', zh: '{why}：只能用 --format csv 或 ndjson，不能用 {format}' },
  'agg.streamSort': { en: '{why}: --sort and --limit need every row at once; sort the CSV afterwards', zh: '{why}：--sort 和 --limit 需要先拿到全部行；请之后再给 CSV 排序' },
  'agg.wroteRows': { en: 'wrote {n} {n:row|rows} to {file}', zh: '已把 {n} 行写入 {file}' },
  'agg.streamNote': {
    en: '{n} {n:customer|customers}: predictions are written as they are computed, in the order of {file} (above {limit} customers rows are not sorted by CLV; --stream does this for any size)',
    zh: '{n} 位客户：预测结果边算边写，顺序与 {file} 相同（客户多于 {limit} 位时不按 CLV 排序；--stream 对任何规模都这样做）',
  },
  'agg.changedBetweenPasses': {
    en: '{file} changed while it was read twice (its size, modification time or inode differ from the first pass): the predictions would mix two versions of it, so none are kept (a file given with --out is not written; rows already on stdout are incomplete); run again once it is complete',
    zh: '{file} 在两遍读取之间被改动了（大小、修改时间或 inode 与第一遍不同）：预测会混用文件的两个版本，因此全部作废（--out 指定的文件不会写出；已输出到标准输出的行不完整）；请等文件写完后重新运行',
  },
} as const;
