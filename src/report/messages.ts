/**
 * The message catalogue: every sentence and label a person reads, once, in English and Chinese (beside the
 * column dictionary, columns.ts, which holds the headers). Usage:
 *
 *   import { say } from '../report/messages.js';
 *   say(lang, 'churn.reason.repeat', { status: 'at_risk', days: 140, gap: 30, orders: 3, revenue: '¥1,200.00' })
 *
 * - A key is typed: a key not in MESSAGES, or a missing/unknown parameter, fails `tsc`.
 * - `{name}` puts a parameter in: numbers grouped (1,234), a list of texts joined (`a, b` in English, `a、b` in
 *   Chinese), text with control characters escaped, never re-read
 *   as a template. `{name:plain}`: a number without grouping (1234, as CSV cells had it). `{name:date}` takes an
 *   epoch day and prints YYYY-MM-DD. `{name:one|many}` (English only) picks the word by the number `name`:
 *   `{n} {n:order|orders}` (one for exactly 1).
 * - messages.test.ts fails when a key lacks either language, when en and zh take different parameters, or
 *   when a zh text has no Chinese in it. Add a message: one entry below, both languages, same parameters.
 */
import { formatDay } from '../domain/day.js';
import { escapeControls } from '../excerpt.js';
import { HELP_MESSAGES } from './help-messages.js';
import { REPORT_MESSAGES } from './report-messages.js';
import { HELP_AFTER_MESSAGES } from './help-after-messages.js';
import { ANALYSIS_MESSAGES } from './analysis-messages.js';
import { COMMAND_MESSAGES } from './command-messages.js';
import { AGGREGATE_MESSAGES } from './aggregate-messages.js';
import { PARQUET_MESSAGES } from './parquet-messages.js';
import { VIEW_MESSAGES } from './view-messages.js';

/** The two languages orderlens speaks. */
export type Lang = 'en' | 'zh';

interface Message {
  readonly en: string;
  readonly zh: string;
}

export const MESSAGES = {
  ...HELP_MESSAGES,
  ...REPORT_MESSAGES,
  ...HELP_AFTER_MESSAGES,
  ...ANALYSIS_MESSAGES,
  ...COMMAND_MESSAGES,
  ...AGGREGATE_MESSAGES,
  ...PARQUET_MESSAGES,
  ...VIEW_MESSAGES,
  // churn statuses in words (the codes active, at_risk, churned stay in English CSV/JSON), and the reasons
  // (per customer): the status with the numbers behind it
  'churn.status.active': { en: 'active', zh: '活跃' },
  'churn.status.at_risk': { en: 'at risk', zh: '流失预警' },
  'churn.status.churned': { en: 'churned', zh: '已流失' },
  'churn.reason.repeat': {
    en: '{status}: {days:plain} {days:day|days} since last order; usual gap {gap:plain} {gap:day|days}; {orders:plain} {orders:order|orders}, {revenue}',
    zh: '{status}：距末单 {days:plain} 天，常规间隔 {gap:plain} 天；共 {orders:plain} 单，{revenue}',
  },
  'churn.reason.once': {
    en: '{status}: {days:plain} {days:day|days} since their only order; no repeat order yet; {orders:plain} {orders:order|orders}, {revenue}',
    zh: '{status}：距唯一一单 {days:plain} 天，尚未复购；共 {orders:plain} 单，{revenue}',
  },

  // how a model fit ended (analytics/models: FitStop)
  'fit.stop.not_finite_at_start': { en: 'objective not finite at the start', zh: '初始点目标函数无有限值' },
  'fit.stop.gradient_below_tolerance': { en: 'gradient below tolerance', zh: '梯度低于容差' },
  'fit.stop.line_search_failed': { en: 'line search failed', zh: '线搜索失败' },
  'fit.stop.no_further_decrease': { en: 'no further decrease', zh: '目标函数不再下降' },
  'fit.stop.iteration_limit': { en: 'iteration limit reached', zh: '达到迭代次数上限' },
  'fit.stop.no_data': { en: 'no data to fit', zh: '没有可拟合的数据' },
  'fit.stop.hessian_not_positive_definite': { en: 'Hessian not positive definite at the estimate', zh: '估计值处的 Hessian 矩阵非正定' },
  'fit.stop.converged': { en: 'converged', zh: '已收敛' },
  'fit.stop.boundary': { en: 'boundary: {kind}', zh: '参数边界：{kind}' },
  // what a boundary fit means (analytics/models/fit-model.ts: BoundaryKind)
  'fit.boundary.no_dropout': { en: 'no dropout seen', zh: '看不到流失' },
  'fit.boundary.dropout_all_or_none': { en: 'each customer either never drops out or drops out at the first chance', zh: '每位客户要么从不流失，要么一有机会就流失' },
  'fit.boundary.same_dropout': { en: 'one dropout probability for everyone', zh: '所有人的流失概率相同' },
  'fit.boundary.one_rate': { en: 'one purchase rate for everyone', zh: '所有人的购买频率相同' },
  'fit.boundary.one_rate_no_dropout': { en: 'one purchase rate for everyone, no dropout seen', zh: '所有人的购买频率相同，看不到流失' },
  'fit.boundary.one_rate_dropout_all_or_none': {
    en: 'one purchase rate for everyone; each customer either never drops out or drops out at the first chance',
    zh: '所有人的购买频率相同；每位客户要么从不流失，要么一有机会就流失',
  },
  'fit.boundary.one_rate_same_dropout': { en: 'one purchase rate and one dropout probability for everyone', zh: '所有人的购买频率和流失概率都相同' },
  'fit.boundary.same_dropout_rate': { en: 'one dropout rate for everyone', zh: '所有人的流失率相同' },
  'fit.boundary.one_rate_same_dropout_rate': { en: 'one purchase rate and one dropout rate for everyone', zh: '所有人的购买频率和流失率都相同' },
  'fit.boundary.same_spend_level': { en: 'one spend level for everyone', zh: '所有人的消费水平相同' },
  'fit.boundary.steady_spend': { en: 'each customer spends alike every time', zh: '每位客户每次消费都差不多' },
  // ltv --params: the converged, chosen and unit cells in the reader's language (in English the codes)
  'ltv.params.yes': { en: 'yes', zh: '是' },
  'ltv.params.no': { en: 'no', zh: '否' },
  'ltv.params.boundary': { en: 'boundary ({kind})', zh: '边界（{kind}）' },
  'ltv.params.currency': { en: 'currency', zh: '币种' },
  'ltv.params.perCurrency': { en: '1/currency', zh: '1/币种' },
  // a parameter a limit does not depend on (BG/NBD's b when a → 0), in the fit's line
  'ltv.paramFree': { en: '{name} (any value)', zh: '{name}（任意值）' },

  // ltv: what makes the estimates doubtful (analytics/ltv.ts: LtvWarning)
  'ltv.warning.no_customers': { en: 'no customers to fit', zh: '没有可拟合的客户' },
  'ltv.warning.model_not_converged': { en: '{model} did not converge ({stop}); its estimates are unreliable', zh: '{model} 未收敛（{stop}），其估计值不可靠' },
  'ltv.warning.spend_none': {
    en: 'no repeat customers with a positive mean repeat spend: the spend model needs at least two, so expected spend and CLV are left empty',
    zh: '没有平均复购金额为正的复购客户：消费模型至少需要两位，预期客单价和 CLV 留空',
  },
  'ltv.warning.spend_one': {
    en: 'only one repeat customer with a positive mean repeat spend: the spend model needs at least two, so expected spend and CLV are left empty',
    zh: '只有一位平均复购金额为正的复购客户：消费模型至少需要两位，预期客单价和 CLV 留空',
  },
  'ltv.warning.spend_not_converged': {
    en: 'the Gamma-Gamma spend model did not converge ({stop}): expected spend and CLV are left empty',
    zh: 'Gamma-Gamma 消费模型未收敛（{stop}）：预期客单价和 CLV 留空',
  },
  'ltv.warning.spend_infinite_mean': {
    en: 'Gamma-Gamma q = {q} ≤ 1: the population mean spend is not finite, so one-time buyers get no expected spend or CLV',
    zh: 'Gamma-Gamma q = {q} ≤ 1：总体平均消费无有限值，一次性购买的客户没有预期客单价和 CLV',
  },
  'ltv.warning.spend_correlated': {
    en: 'frequency and mean spend are correlated (r = {r}); the Gamma-Gamma model assumes they are independent, so expected spend may be biased',
    zh: '购买频次与平均消费相关（r = {r}）；Gamma-Gamma 模型假定二者独立，预期客单价可能有偏',
  },
  'ltv.warning.few_repeat_customers': {
    en: 'only {repeatCustomers:plain} repeat {repeatCustomers:customer|customers} (fewer than {need:plain}): the estimates are uncertain',
    zh: '复购客户只有 {repeatCustomers:plain} 位（少于 {need:plain}）：估计值不确定',
  },
  'ltv.warning.short_history': {
    en: 'only {days:plain} {days:day|days} of history (less than {need:plain}): dropout is hard to tell from a pause',
    zh: '历史数据只有 {days:plain} 天（少于 {need:plain} 天）：难以区分流失与暂停购买',
  },
  // ltv: what a reader should know (LtvNote)
  'ltv.note.bgnbd_one_time_alive': {
    en: 'BG/NBD gives every one-time buyer P(alive) = 1 (a known property of the model); --model mbgnbd or pnbd does not',
    zh: 'BG/NBD 模型给每位只购买一次的客户的存活概率都是 1（模型的已知特性）；--model mbgnbd 或 pnbd 没有这个问题',
  },
  'ltv.note.spend_excluded': {
    en: '{customers:plain} repeat {customers:customer|customers} with mean repeat spend ≤ 0 (refunds, free orders) {customers:is|are} left out of the spend model; {customers:its|their} expected spend is shrunk from 0',
    zh: '{customers:plain} 位平均复购金额 ≤ 0 的复购客户（退款、免费订单）不参与消费模型；其预期客单价从 0 向总体收缩',
  },
  'ltv.note.first_after_calibration': {
    en: '{customers:plain} {customers:customer|customers} first bought after the calibration end {end:date} and {customers:is|are} not in the fit',
    zh: '{customers:plain} 位客户在校准期结束（{end:date}）之后才首次购买，未参与拟合',
  },

  // segments (k-means value clusters, analytics/kmeans.ts ValueLabel): Key customers, Ordinary customers 1 …
  'cluster.key': { en: 'Key customers', zh: '重要客户' },
  'cluster.ordinary': { en: 'Ordinary customers', zh: '普通客户' },
  'cluster.ordinary_n': { en: 'Ordinary customers {n}', zh: '普通客户{n}' },
  'cluster.small': { en: 'Small customers', zh: '小客户' },

  // pareto groups (analytics/pareto.ts: the CSV values `top 5%`, `80% of revenue`, A, B, C, `all`)
  'pareto.top': { en: 'top {p}%', zh: '前{p}%客户' },
  'pareto.top80': { en: '80% of revenue', zh: '贡献80%收入的客户' },
  'pareto.class': { en: '{class}', zh: '{class}类客户' },
  'pareto.all': { en: 'all', zh: '全部客户' },

  // RFM segments: the built-in names (analytics/rfm-segments.ts, the CSV values) as a person reads them
  'segment.Champions': { en: 'Champions', zh: '冠军客户' },
  'segment.Loyal': { en: 'Loyal', zh: '忠诚客户' },
  'segment.Potential loyalist': { en: 'Potential loyalist', zh: '潜在忠诚客户' },
  'segment.New': { en: 'New', zh: '新客户' },
  'segment.Promising': { en: 'Promising', zh: '有潜力客户' },
  'segment.Need attention': { en: 'Need attention', zh: '需要关注客户' },
  'segment.About to sleep': { en: 'About to sleep', zh: '即将沉睡客户' },
  'segment.At risk': { en: 'At risk', zh: '久未回购老客户' },
  "segment.Can't lose": { en: "Can't lose", zh: '不能失去的客户' },
  'segment.Hibernating': { en: 'Hibernating', zh: '休眠客户' },
  'segment.Lost': { en: 'Lost', zh: '已流失客户' },
  'segment.Key value': { en: 'Key value', zh: '重要价值客户' },
  'segment.Key development': { en: 'Key development', zh: '重要发展客户' },
  'segment.Key retention': { en: 'Key retention', zh: '重要保持客户' },
  'segment.Key win-back': { en: 'Key win-back', zh: '重要挽留客户' },
  'segment.General value': { en: 'General value', zh: '一般价值客户' },
  'segment.General development': { en: 'General development', zh: '一般发展客户' },
  'segment.General retention': { en: 'General retention', zh: '一般保持客户' },
  'segment.General win-back': { en: 'General win-back', zh: '一般挽留客户' },
  // ---- h22cli: what the CLI, import and db say (notes, warnings, errors, the import line, info, platforms, demo) ----
  'cli.error': { en: 'orderlens: error: {text}', zh: 'orderlens: 错误：{text}' },
  'cli.unexpected': { en: 'unexpected: {text}', zh: '意外错误：{text}' },
  // {more}: the counts a file has only sometimes (import.countStale, import.countSkipped), so that the line adds up
  'import.counts': { en: '{file}: read {read}, inserted {inserted}, updated {updated}, unchanged {unchanged}{more}, rejected {rejected} ({details})', zh: '{file}：读取 {read} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}{more}，拒绝 {rejected}（{details}）' },
  'import.countStale': { en: ', stale {n:plain}', zh: '，过时 {n:plain}' },
  'import.countSkipped': { en: ', skipped {n:plain}', zh: '，跳过 {n:plain}' },
  'demo.imported': { en: 'imported {line}', zh: '已导入 {line}' },
  'import.dryRun': { en: 'dry run: {line}', zh: '试运行（未写入）：{line}' },
  'import.detected': { en: 'detected: {label}; shop {shop}{shopFrom}; {encoding}{concluded}', zh: '识别为：{label}；店铺 {shop}{shopFrom}；编码 {encoding}{concluded}' },
  'import.shopFromColumn': { en: ' from its {column} column', zh: '（取自“{column}”列）' },
  'import.shopOnly': { en: ' (the only {platform} shop stored)', zh: '（库里唯一的 {platform} 店铺）' },
  'import.shopSameBytes': { en: ' (the shop these same bytes were imported into)', zh: '（同一文件先前导入的店铺）' },
  'import.whichShop': {
    en: '{file}: this database holds {n} {platform} shops ({shops}) and the file names none: say which with --shop, e.g. --shop {example} (a new name starts a new shop)',
    zh: '{file}：库里有 {n} 个 {platform} 店铺（{shops}），文件里没有写店铺：请用 --shop 指定，如 --shop {example}（写新名字即新建店铺）',
  },
  'import.noAmounts': { en: '; no amounts: purchases only', zh: '；没有金额：只记购买次数' },
  'import.currencySet': {
    en: '{source}: {n} stored {n:order|orders} in {from}, a currency assumed because nothing in the files named one, now in {to} (--currency); amounts unchanged',
    zh: '{source}：已存的 {n} 笔订单原按假定币种 {from} 记（文件里没写币种），现改为 {to}（--currency）；金额不变',
  },
  'import.assumedCurrency': { en: '; currency {currency} assumed: --currency to set', zh: '；文件未写币种，按 {currency} 计（用 --currency 指定）' },
  'cli.unknownOption': { en: 'unknown option \'{option}\'; see \'{command} --help\'', zh: '没有 \'{option}\' 这个选项；用法见 \'{command} --help\'' },
  'cli.unknownOptionHints': { en: 'unknown option \'{option}\' (did you mean one of {hints}?); see \'{command} --help\'', zh: '没有 \'{option}\' 这个选项（是不是想用 {hints} 其中之一？）；用法见 \'{command} --help\'' },
  'cli.unknownOptionHint': { en: 'unknown option \'{option}\' (did you mean {hint}?); see \'{command} --help\'', zh: '没有 \'{option}\' 这个选项（是不是想用 {hint}？）；用法见 \'{command} --help\'' },
  'cli.unknownCommand': { en: 'unknown command \'{name}\'; see \'{command} --help\'', zh: '没有 \'{name}\' 这个命令；用法见 \'{command} --help\'' },
  'cli.unknownCommandHint': { en: 'unknown command \'{name}\' (did you mean {hint}?); see \'{command} --help\'', zh: '没有 \'{name}\' 这个命令（是不是想用 {hint}？）；用法见 \'{command} --help\'' },
  'cli.missingArgument': { en: 'missing required argument \'{name}\'; see \'{command} --help\'', zh: '缺少必填参数 \'{name}\'；用法见 \'{command} --help\'' },
  'cli.optionNeedsValue': { en: 'option \'{option}\' argument missing; see \'{command} --help\'', zh: '选项 \'{option}\' 后面缺少取值；用法见 \'{command} --help\'' },
  'cli.invalidChoice': { en: 'option \'{option}\' argument \'{value}\' is invalid. Allowed choices are {choices}; see \'{command} --help\'', zh: '选项 \'{option}\' 不接受 \'{value}\'，可选值：{choices}；用法见 \'{command} --help\'' },
  'cli.tooManyArguments': { en: 'too many arguments for \'{name}\'. Expected {n} {n:argument|arguments} but got {got}; see \'{command} --help\'', zh: '\'{name}\' 的参数太多：应为 {n} 个，实际给了 {got} 个；用法见 \'{command} --help\'' },
  'cli.lang': { en: 'ORDERLENS_LANG=\'{value}\': use en or zh (or unset it to follow LANG)', zh: 'ORDERLENS_LANG=\'{value}\' 无效：请设为 en 或 zh（或删掉它，跟随 LANG）' },
  'cli.interrupted': { en: 'interrupted: {what}', zh: '已中断：{what}' },
  'cli.nothingStored': { en: 'nothing from {file} was stored', zh: '{file} 的内容一条也没有写入' },
  'cli.noSpace': { en: 'no space left on device', zh: '磁盘空间已满' },
  'cli.noFolder': { en: 'no such folder', zh: '文件夹不存在' },
  'flag.notDate': { en: '{flag} \'{value}\' is not a date: use YYYY-MM-DD', zh: '{flag} \'{value}\' 不是日期：请写成 YYYY-MM-DD（如 2025-06-30）' },
  'flag.notWhole': { en: '{flag} \'{value}\' must be a whole number', zh: '{flag} \'{value}\' 必须是整数' },
  'flag.range': { en: '{flag} must be between {min} and {max}, not {n}', zh: '{flag} 必须在 {min} 到 {max} 之间，现在是 {n}' },
  'flag.notNumber': { en: '{flag} \'{value}\' must be a number', zh: '{flag} \'{value}\' 必须是数字' },
  'flag.horizon': { en: '--horizon \'{value}\' must be a number with a unit: 90d, 52w, 12mo, 2y', zh: '--horizon \'{value}\' 要带单位：90d（天）、52w（周）、12mo（月）、2y（年）' },
  'flag.discount': { en: '--discount \'{value}\' must be a rate such as 10%/yr or 1%/mo', zh: '--discount \'{value}\' 要写成比率，如 10%/yr（年）或 1%/mo（月）' },
  'flag.margin': { en: '--margin \'{value}\' must be a share between 0 and 100%, such as 30%', zh: '--margin \'{value}\' 要写成 0 到 100% 之间的比例，如 30%' },
  'flag.sinceAfterUntil': { en: '{since} is after {until}', zh: '{since} 晚于 {until}' },
  'flag.currency': { en: '--currency \'{value}\' must be a three-letter code such as CNY', zh: '--currency \'{value}\' 要写三位币种代码，如 CNY' },
  'flag.xls': { en: '--out {file}: orderlens writes .xlsx workbooks, not the old .xls: name it {name}x', zh: '--out {file}：orderlens 只写 .xlsx 工作簿，不写旧的 .xls：请改名为 {name}x' },
  'flag.outFormat': { en: '--out {file} is a .{ext} name but --format is {format}: name the file .{want}, or drop --format', zh: '--out {file} 的扩展名是 .{ext}，但 --format 是 {format}：请把文件名改成 .{want}，或去掉 --format' },
  'flag.xlsxNeedsOut': { en: '--format xlsx writes a binary workbook: give it a file with --out report.xlsx', zh: '--format xlsx 输出的是二进制工作簿：请用 --out report.xlsx 指定文件' },
  'flag.sort': { en: '--sort \'{spec}\': not a column of this report; use one of {columns} (add :desc to reverse)', zh: '--sort \'{spec}\'：这份报表没有这一列；可用的列：{columns}（加 :desc 倒序）' },
  'note.asOf': { en: 'as of {day} (the day after the last order; set with --as-of)', zh: '统计截至 {day}（最后一笔订单的次日；可用 --as-of 指定）' },
  'note.asOfShops': {
    en: "as of each shop's own day, the day after its last order (one day for all: --as-of): {list}{more}",
    zh: '各店铺分别统计截至其最后一笔订单的次日（统一日期：--as-of）：{list}{more}',
  },
  'note.asOfShopsMore': { en: ' and {n} more', zh: '，另有 {n} 个' },
  'asOf.eachShop': { en: "each shop's own day", zh: '各店铺各自的日期' },
  'snapshot.oneDay': {
    en: 'the shops end on different days (the day after each last order: {list}{more}); a snapshot measures every customer as of one day, {day}: --shop takes a shop as of its own day',
    zh: '各店铺数据截止日期不同（各自最后一笔订单的次日：{list}{more}）；快照按同一天 {day} 统计所有客户：--shop 可按店铺自己的日期统计',
  },
  'cohorts.ownEnds': {
    en: "a cohort's columns end where the data of its earliest-ending shop end (blank after){period}; --by shop shows each shop to its own day",
    zh: '每个同期群的列在其中最早截止的店铺的数据截止处结束（之后留空）{period}；--by shop 可让每个店铺各到自己的日期',
  },
  'cohorts.ownEndsPartial': { en: ', so its last column can be a partial {period}', zh: '，所以最后一列可能不是完整的一{period}' },
  'asOf.shopsRefused': {
    en: '{why}, but the shops end on different days (the day after each last order: {list}{more}): give one day for all with --as-of, or one shop with --shop',
    zh: '{why}，但各店铺的数据截止日期不同（各自最后一笔订单的次日：{list}{more}）：请用 --as-of 统一日期，或用 --shop 只看一个店铺',
  },
  'asOf.holdoutWhy': { en: '--holdout compares the model with the purchases after one day', zh: '--holdout 用某一天之后的购买检验模型' },
  'asOf.simpleWhy': { en: '--method simple measures one yearly churn rate over one year of dates', zh: '--method simple 在同一段日期（一年）内测量年流失率' },
  'note.noBuyer': {
    en: '{n} counted {n:order has|orders have} no buyer (an empty or fully masked buyer cell, or no buyer column in the export) and {n:is|are} left out of customer reports',
    zh: '{n} 笔计入的订单没有买家（买家单元格为空或被完全遮掩，或导出文件没有买家列），客户类报表不计入',
  },
  'note.noAmounts': { en: 'the purchases have no amounts (a transaction log): {columns} left out', zh: '这些购买记录没有金额（交易日志）：不显示 {columns}' },
  'note.wrote': { en: 'wrote {what} to {file}', zh: '已写入 {file}（{what}）' },
  'note.rows': { en: '{n} {n:row|rows}', zh: '{n} 行' },
  'note.reports': { en: '{n} {n:report|reports}', zh: '{n} 份报表' },
  'data.noSource': {
    en: '{asked} matches nothing stored: this database holds {n:plain} {n:source|sources} (platform/shop): {list}{more}',
    zh: '{asked} 与库里的数据都不匹配：库里有 {n:plain} 个来源（平台/店铺）：{list}{more}',
  },
  'data.noSourceMore': { en: ' and {n} more (orderlens info lists them)', zh: ' 等另外 {n} 个（orderlens info 全部列出）' },
  'data.noSourceEmpty': { en: '{asked} matches nothing: this database holds no orders yet (orderlens import FILE)', zh: '{asked} 没有匹配：库里还没有订单（先用 orderlens import 文件 导入）' },
  'data.nothingToAnalyse': { en: 'no counted orders match: nothing to analyse (check the filters, or import orders first)', zh: '没有符合条件的有效订单，无从分析（请检查筛选条件，或先导入订单）' },
  'data.noneCounted': {
    en: 'none of the {n} stored {n:order|orders} counts as a purchase ({statuses}): reports count paid, shipped, completed and partially refunded orders only',
    zh: '数据库中的 {n} 笔订单都不算购买（{statuses}）：报表只统计已付款、已发货、已完成和部分退款的订单',
  },
  'data.nothingToList': { en: 'no customer has a counted order that matches: nothing to list (check the filters, or import orders first)', zh: '没有客户有符合条件的有效订单，无可列出（请检查筛选条件，或先导入订单）' },
  'data.currencies': { en: 'orders are in {n} currencies ({list}): pick one with --currency CODE; amounts are never converted', zh: '订单涉及 {n} 种币种（{list}）：请用 --currency 代码 选一种；金额不会换算' },
  'out.protected': { en: '{flag} {file} is {what}: writing it would destroy it; choose another file', zh: '{flag} {file} 是{what}：写入会毁掉它；请换一个文件名' },
  'out.input': { en: 'an input of this command ({path})', zh: '本命令的输入文件（{path}）' },
  'out.database': { en: 'the database', zh: '数据库文件' },
  'import.maxRejects': { en: '--max-rejects \'{value}\': give a number of rows (10) or a share of the rows read (5%)', zh: '--max-rejects \'{value}\'：请给行数（如 10）或占读取行数的比例（如 5%）' },
  'import.emptyShop': { en: '--shop \'\' names no shop: give a name such as --shop tmall-flagship (default: default)', zh: '--shop \'\' 没有给店铺名：请写一个，如 --shop tmall-flagship（默认：default）' },
  'import.waitingDb': { en: '{file}: another orderlens is writing the database; waiting for it (up to {s} s, --wait SECONDS)', zh: '{file}：另一个 orderlens 正在写数据库，等待中（最多 {s} 秒，可用 --wait 秒数 调整）' },
  'import.directory': { en: '{file}: cannot read: is a directory, not an export file', zh: '{file}：读不了：这是文件夹，不是导出文件' },
  'import.waitingPipe': { en: '{file}: waiting for data (a pipe nobody writes to yet?); Ctrl-C stops', zh: '{file}：等待数据中（管道那头还没写入？）；按 Ctrl-C 停止' },
  'import.wroteRejects': { en: 'wrote {n} rejected {n:row|rows} to {file}', zh: '已把 {n} 行被拒绝的数据写入 {file}' },
  'import.someFailed': { en: '{failed} of {n} {n:file|files} {failed:was|were} not imported (see above); the others were', zh: '{n} 个文件中有 {failed} 个没有导入（见上方），其余已导入' },
  'import.mapShape': { en: '--map \'{pair}\' must look like field=Header, e.g. --map customer=Buyer', zh: '--map \'{pair}\' 要写成 字段=表头，如 --map customer=买家会员名' },
  'import.mapField': { en: '--map {pair}: unknown field \'{field}\'; fields are {fields}', zh: '--map {pair}：没有 \'{field}\' 这个字段；可用字段：{fields}' },
  'import.mapFieldAdapter': { en: '--map {pair}: unknown field \'{field}\'; fields are {fields} (or the {platform} adapter\'s own)', zh: '--map {pair}：没有 \'{field}\' 这个字段；可用字段：{fields}（或 {platform} 平台自己的字段）' },
  'import.moreRejectsWritten': { en: '{n} more rejected {n:row|rows} in {file}: {n:it is|all are} in {rejects}', zh: '{file} 还有 {n} 行被拒绝：全部写在 {rejects} 里' },
  'import.moreRejects': { en: '{n} more rejected {n:row|rows} in {file} (write {n:it|them all} with --rejects FILE)', zh: '{file} 还有 {n} 行被拒绝（用 --rejects 文件 把它们全部写出来）' },
  'import.unknownStatus': { en: '{file}: unknown status \'{status}\' on {n} {n:order|orders}: kept as is, never counted as revenue', zh: '{file}：{n} 笔订单的状态 \'{status}\' 无法识别：原样保留，不计入收入' },
  'import.noBuyerColumn': { en: '{file}: {n} {n:order has|orders have} no buyer identity (the export has no buyer column, or it is empty); customer reports leave {n:it|them} out', zh: '{file}：{n} 笔订单没有买家标识（导出文件没有买家列，或该列为空）；客户类报表不计入' },
  'import.noBuyerCells': { en: '{file}: {n} {n:order has|orders have} no buyer identity ({n:its buyer cell is|their buyer cells are} empty); customer reports leave {n:it|them} out', zh: '{file}：{n} 笔订单没有买家标识（买家单元格为空）；客户类报表不计入' },
  // rows an adapter passes over on purpose (himp): said with their count on every import
  'import.skipped': { en: '{file}: {n} {n:row|rows} skipped: {why}', zh: '{file}：跳过 {n} 行：{why}' },
  'skip.taobaoUnpaid': {
    en: 'orders never paid (no payment time 订单付款时间, no creation time, status empty or unpaid); not purchases, and no date to store them by',
    zh: '从未付款的订单（没有订单付款时间和订单创建时间，订单状态为空或未付款），不算购买，也没有日期可存',
  },
  'import.itemLines': { en: '{file}: {read} {read:row|rows} read = {orders} {orders:order|orders} + {rejected} rejected + {more} more item {more:line|lines} of {orders:that order|those orders} (or blank rows)', zh: '{file}：读取的 {read} 行 = {orders} 笔订单 + {rejected} 行被拒绝 + 这些订单的其余 {more} 行商品明细（或空行）' },
  'import.stale': { en: '{file}: {n} {n:row|rows} would have moved {n:a stored order|stored orders} back in {n:its|their} life (a lost refund, an earlier status: an older export?): left as {n:it was|they were}; --allow-stale applies {n:it|them}', zh: '{file}：{n} 行会让已存订单“倒退”（退款消失、状态回到更早：是更旧的导出？）：已保持原样；要应用它们请加 --allow-stale' },
  'import.reused': { en: '{file}: read as {source} was imported before: {settings}', zh: '{file}：按 {source} 上次导入时的设置读取：{settings}' },
  'import.itemsAttached': { en: '{file}: attached {n} {n:item|items} to {n:its order|their orders}', zh: '{file}：已把 {n} 条商品明细挂到对应订单上' },
  'import.unknownPlatform': { en: 'unknown platform \'{name}\': use auto or one of {list}', zh: '没有 \'{name}\' 这个平台：请用 auto 或以下之一：{list}' },
  'import.unknownZone': { en: 'unknown time zone \'{zone}\': use an IANA name such as Asia/Shanghai or UTC', zh: '无法识别时区 \'{zone}\'：请用 IANA 名称，如 Asia/Shanghai 或 UTC' },
  'import.badCurrency': { en: 'bad currency \'{value}\': use a three-letter ISO code such as CNY or USD', zh: '币种 \'{value}\' 无效：请用三位 ISO 代码，如 CNY 或 USD' },
  'import.strict': { en: '{reason} (--strict: nothing from this file was stored)', zh: '{reason}（--strict：这个文件的内容一条也没有写入）' },
  'import.allRejectedExample': { en: '{file}: all {n} {n:row was|rows were} rejected (the first, line {line}: {reason}); nothing from this file was stored', zh: '{file}：全部 {n} 行都被拒绝（第一处，第 {line} 行：{reason}），这个文件的内容一条也没有写入' },
  'import.tooManyRejectsExample': { en: '{file}: {n} of {read} {read:row|rows} {n:was|were} rejected, more than --max-rejects {limit} (the first, line {line}: {reason}); nothing from this file was stored', zh: '{file}：{read} 行中有 {n} 行被拒绝，超过 --max-rejects {limit}（第一处，第 {line} 行：{reason}），这个文件的内容一条也没有写入' },
  'import.failed': { en: 'import failed: {why}', zh: '导入失败：{why}' },
  'import.threadStopped': { en: '{file}: the reading thread stopped ({why})', zh: '{file}：读取线程意外停止（{why}）' },
  'import.zoneMoved': { en: '--tz {zone}: {source} was imported in {before}, and another zone would move its orders to other days; leave --tz out (the stored zone is used), or import into another shop (--shop NAME)', zh: '--tz {zone}：{source} 之前按 {before} 导入，换时区会把订单挪到别的日期；请去掉 --tz（沿用已存时区），或导入到另一个店铺（--shop 名称）' },
  'read.cannotRead': { en: '{file}: cannot read: {why}', zh: '{file}：读不了：{why}' },
  'read.noSuchFile': { en: 'no such file', zh: '文件不存在' },
  'read.isDirectory': { en: 'is a directory', zh: '这是文件夹' },
  'read.permission': { en: 'permission denied', zh: '没有读取权限' },
  'read.encodingInvalid': {
    en: 'the headers fit no export when read as {encoding}: its bytes are not valid {encoding} and look like {looks}; leave --encoding out (auto) or give --encoding {looks}',
    zh: '按 {encoding} 读取时表头无法识别：文件的字节不是有效的 {encoding}，看起来是 {looks}；请去掉 --encoding（自动识别）或用 --encoding {looks}',
  },
  'read.encodingMisfit': {
    en: 'the headers fit no export when read as {encoding}: its bytes look like {looks} and read as {encoding} they make other characters; leave --encoding out (auto) or give --encoding {looks}',
    zh: '按 {encoding} 读取时表头无法识别：文件的字节看起来是 {looks}，按 {encoding} 读会变成别的字符（乱码）；请去掉 --encoding（自动识别）或用 --encoding {looks}',
  },
  'read.unknownEncoding': { en: 'unknown encoding \'{value}\': use {forms}', zh: '无法识别编码 \'{value}\'：请用 {forms}' },
  'read.legacyXls': { en: '{file}: legacy .xls files are not read (no maintained library reads them safely); open it in Excel, LibreOffice or WPS and save as .xlsx or CSV (UTF-8), or run: libreoffice --headless --convert-to csv {path}', zh: '{file}：不读取旧版 .xls 文件（没有可靠维护的库能安全读取）；请用 Excel、LibreOffice 或 WPS 打开后另存为 .xlsx 或 CSV（UTF-8），或运行：libreoffice --headless --convert-to csv {path}' },
  'read.binary': { en: '{file}: looks like a binary file, not a CSV export', zh: '{file}：看起来是二进制文件，不是 CSV 导出' },
  'read.empty': { en: 'the file is empty', zh: '文件是空的' },
  'read.noDataRows': { en: 'no data rows below the header', zh: '表头下面没有数据行' },
  'limits.cellOver': { en: 'cell over {size} (the limit of one cell)', zh: '单元格超过 {size}（一个单元格的上限）' },
  'limits.rowOver': { en: 'row over {size} (the limit of one row)', zh: '这一行超过 {size}（一行的上限）' },
  'limits.rowCells': { en: 'row of more than {cells} cells (the limit of one row)', zh: '这一行超过 {cells} 个单元格（一行的上限）' },
  'read.xlsxLimit': { en: '{file}: over a limit: {why}; see the README\'s limits (split the export, or export CSV)', zh: '{file}：超出限制：{why}；见 README 的“限制”一节（把导出拆小，或改导出 CSV）' },
  'read.badXlsx': { en: '{file}: not a readable .xlsx workbook ({why}); save it again from Excel, or export CSV', zh: '{file}：.xlsx 工作簿无法读取（{why}）；请用 Excel 重新保存，或改导出 CSV' },
  'read.noSheet': { en: '{file}: no worksheet \'{sheet}\' (worksheets: {list})', zh: '{file}：没有名为 \'{sheet}\' 的工作表（现有：{list}）' },
  'read.noRows': { en: '{file}: the workbook has no rows', zh: '{file}：工作簿里没有数据' },
  'detect.ambiguous': { en: 'ambiguous export: it looks like {what}; choose with --platform NAME', zh: '无法确定是哪个平台的导出：像是 {what}；请用 --platform 平台名 指定' },
  'detect.closest': { en: 'closest: {list}; ', zh: '最接近的：{list}；' },
  'columns.missing': { en: 'missing {n:column|columns} {names} for a {label}; name the column with --map {first}=HEADER, or import the file with --platform generic', zh: '作为{label}缺少 {n} 列：{names}；请用 --map {first}=表头 指明，或用 --platform generic 按通用文件导入' },
  'columns.mapNoColumn': { en: '--map {pair}: no column \'{name}\'; headers are: {headers}', zh: '--map {pair}：没有 \'{name}\' 这一列；现有表头：{headers}' },
  'columns.mapNoField': { en: '--map {pair}: a {label} has no field \'{field}\'; its fields are {fields}', zh: '--map {pair}：{label}没有 \'{field}\' 字段；它的字段有：{fields}' },
  'generic.missing': { en: 'cannot find the {fields} {n:column|columns}; headers are: {headers}; name {n:it|them} with --map {first}=HEADER', zh: '找不到 {fields} 列（共 {n} 列）；现有表头：{headers}；请用 --map {first}=表头 指明' },
  'reject.noOrderId': { en: 'missing order id', zh: '缺少订单号' },
  'reject.noOrderIdIn': { en: 'no order id in \'{column}\'', zh: '\'{column}\' 列没有订单号' },
  'reject.noDate': { en: 'no order date', zh: '缺少下单日期' },
  'reject.notAmount': { en: '\'{text}\' in \'{column}\' is not an amount', zh: '\'{column}\' 列的 \'{text}\' 不是金额' },
  'reject.scientific': { en: 'order id \'{text}\' in \'{column}\' was rounded by a spreadsheet (scientific notation); export the file again without opening and saving it in Excel', zh: '\'{column}\' 列的订单号 \'{text}\' 被表格软件改成了科学计数法（已丢位）；请重新导出，不要用 Excel 打开再保存' },
  'reject.scientificGeneric': { en: 'order id \'{text}\' was mangled into scientific notation by a spreadsheet', zh: '订单号 \'{text}\' 被表格软件改成了科学计数法' },
  'reject.notAdjacent': { en: 'order {id} continues here after other orders; the rows of one order must be adjacent (sort the file by \'{column}\')', zh: '订单 {id} 在其他订单之后又出现；同一订单的行必须相邻（请按 \'{column}\' 排序）' },
  'reject.missingDate': { en: 'missing date', zh: '缺少日期' },
  'reject.unreadableDate': { en: 'unreadable date \'{text}\'', zh: '日期 \'{text}\' 无法识别' },
  'reject.unknownCurrency': { en: 'unknown currency \'{text}\'', zh: '无法识别币种 \'{text}\'' },
  'reject.unreadableRefund': { en: 'unreadable refund \'{text}\'', zh: '退款金额 \'{text}\' 无法识别' },
  'reject.noColumnValue': { en: 'no \'{column}\'', zh: '\'{column}\' 为空' },
  'reject.notQuantity': { en: '\'{text}\' in \'{column}\' is not a quantity', zh: '\'{column}\' 列的 \'{text}\' 不是数量' },
  'reject.notDate': { en: '\'{text}\' in \'{column}\' is not a date', zh: '\'{column}\' 列的 \'{text}\' 不是日期' },
  'reject.orderRows': { en: 'order {id} has more than {n} rows (the limit of one order): this row is left out', zh: '订单 {id} 超过 {n} 行（单个订单的上限）：这一行不计入' },
  'reject.longBuyer': { en: 'customer value over {n} characters (the limit of a buyer identifier)', zh: '客户值超过 {n} 个字符（买家标识的上限）' },
  'reject.noCountry': { en: 'cannot tell the currency of this {label} (no Country column); pass --currency (MYR, SGD, PHP, THB, VND, IDR, TWD …)', zh: '无法判断这份{label}的币种（没有 Country 列）；请用 --currency 指定（MYR、SGD、PHP、THB、VND、IDR、TWD …）' },
  'reject.shopifyCut': { en: 'order {id} starts without its order fields (Financial Status, Total); the export may be cut in the middle of an order', zh: '订单 {id} 开头缺少订单字段（Financial Status、Total）；导出文件可能在某个订单中间被截断' },
  'reject.dateOrderClash': { en: 'date \'{text}\' reads {how} first, but line {line} (\'{other}\') read {otherHow} first: say which with --date-order mdy or dmy', zh: '日期 \'{text}\' 要按{how}在前读，但第 {line} 行（\'{other}\'）是按{otherHow}在前读的：请用 --date-order mdy 或 dmy 说明' },
  'reject.missingAmount': { en: 'missing amount', zh: '缺少金额' },
  'reject.unreadableAmount': { en: 'unreadable amount \'{text}\'', zh: '金额 \'{text}\' 无法识别' },
  'reject.missingPrice': { en: 'missing price', zh: '缺少单价' },
  'reject.unreadablePrice': { en: 'unreadable price \'{text}\'', zh: '单价 \'{text}\' 无法识别' },
  'reject.unreadableQuantity': { en: 'unreadable quantity \'{text}\'', zh: '数量 \'{text}\' 无法识别' },
  'reject.ambiguousDate': { en: 'ambiguous date \'{text}\': say how to read it with --date-order mdy (month first) or dmy', zh: '日期 \'{text}\' 有歧义：请用 --date-order mdy（月在前）或 dmy（日在前）说明' },
  'reject.otherCustomer': { en: 'order {id} has another customer on this row than on line {line}: two purchases under one order id are not merged; give each its own order id', zh: '订单 {id} 这一行的客户和第 {line} 行不同：同一订单号下的两笔购买不会合并；请给它们各自的订单号' },
  'db.missing': { en: 'no database at {path}: run \'orderlens import FILE\' first, or pass --db PATH', zh: '找不到数据库 {path}：请先运行 \'orderlens import 文件\' 导入订单，或用 --db 路径 指定数据库' },
  'db.waitFirstImport': { en: '{path}: its first import is still running, and a new database is read once that import has committed: waiting for it (up to {s} s, --wait SECONDS)', zh: '{path}：首次导入仍在进行，新数据库要等这次导入提交后才能读取：等待中（最多 {s} 秒，可用 --wait 秒数 调整）' },
  'db.unfinished': { en: '{path} holds nothing: its first import was stopped before it stored anything (killed?); run \'orderlens import FILE\', which takes it as a new database', zh: '{path} 里什么也没有：它的首次导入在存入任何数据前就被中止了（进程被杀？）；请运行 \'orderlens import 文件\'，它会把这个文件当作新数据库' },
  'import.unfinishedDb': { en: '{path}: its first import was stopped before it stored anything: taken as a new database', zh: '{path}：它的首次导入在存入任何数据前就被中止了：当作新数据库使用' },
  'db.cannotCreate': { en: 'cannot create database {path}: {why}', zh: '无法创建数据库 {path}：{why}' },
  'db.cannotOpen': { en: 'cannot open database {path}: {why}', zh: '无法打开数据库 {path}：{why}' },
  'db.notOurs': { en: '{path} is not an orderlens database: {why}', zh: '{path} 不是 orderlens 数据库：{why}' },
  'db.newer': { en: '{path} was written by a newer orderlens (schema {version}, this one knows {known}): upgrade orderlens', zh: '{path} 是更新版本的 orderlens 写的（数据库版本 {version}，本版本只认到 {known}）：请升级 orderlens' },
  'db.notOursSqlite': { en: '{path} is a SQLite file but not an orderlens database (it has none of orderlens\'s tables)', zh: '{path} 是 SQLite 文件，但不是 orderlens 数据库（没有 orderlens 的表）' },
  'db.damaged': { en: '{path} is a damaged orderlens database: it has no {what} (dropped by hand?); run \'orderlens doctor\' for details', zh: '{path} 是已损坏的 orderlens 数据库：缺少 {what}（被手动删了？）；运行 \'orderlens doctor\' 查看详情' },
  'db.badVersion': { en: '{path} has schema version {version}, which no orderlens writes: the file was changed by another program; run \'orderlens doctor\' for details', zh: '{path} 的数据库版本是 {version}，orderlens 不会写出这个版本：文件被别的程序改过；运行 \'orderlens doctor\' 查看详情' },
  'db.needsUpgrade': { en: '{path} needs a schema upgrade: run any import on it first', zh: '{path} 需要升级数据库结构：请先对它运行一次导入' },
  'sqlite.damaged': { en: 'the database file is damaged ({why}): run \'orderlens doctor\' to see what is wrong, then restore a backup or re-import the exports into a new database', zh: '数据库文件已损坏（{why}）：运行 \'orderlens doctor\' 查看问题，然后从备份恢复，或把导出文件重新导入一个新数据库' },
  'sqlite.busy': { en: 'the database is busy: another orderlens (an import) is writing it; try again when it is done, or wait longer with --wait SECONDS', zh: '数据库正忙：另一个 orderlens（导入）正在写入；等它结束再试，或用 --wait 秒数 等久一点' },
  'sqlite.full': { en: 'the disk is full ({why}): nothing of this run was stored; free some space and run it again', zh: '磁盘已满（{why}）：这次运行什么也没写入；请腾出空间后重试' },
  'sqlite.readonly': { en: 'the database cannot be written ({why}): check the file\'s and its folder\'s permissions', zh: '数据库无法写入（{why}）：请检查文件及其所在文件夹的权限' },
  'sqlite.cantOpen': { en: 'the database cannot be opened ({why}): check the path and its folder\'s permissions', zh: '数据库无法打开（{why}）：请检查路径及所在文件夹的权限' },
  'sqlite.io': { en: 'cannot read or write the database ({why}): check the disk', zh: '数据库读写失败（{why}）：请检查磁盘' },
  'sqlite.lacks': { en: 'the database lacks what orderlens expects ({why}): was it changed by hand? run \'orderlens doctor\' to see what is wrong, then restore a backup or re-import the exports into a new database', zh: '数据库缺少 orderlens 需要的内容（{why}）：被手动改过？运行 \'orderlens doctor\' 查看问题，然后从备份恢复，或重新导入到新数据库' },
  'sqlite.failed': { en: 'the database failed ({why}): run \'orderlens doctor\' to see what is wrong, then restore a backup or re-import the exports into a new database', zh: '数据库出错（{why}）：运行 \'orderlens doctor\' 查看问题，然后从备份恢复，或重新导入到新数据库' },
  'key.cannotRead': { en: 'cannot read the key file {file}: {why}', zh: '读不了密钥文件 {file}：{why}' },
  'key.notKey': { en: 'the key file {file} does not hold an orderlens key (one line of 64 hex digits): restore it from your copy, or point ORDERLENS_KEY_FILE at the right file', zh: '密钥文件 {file} 里不是 orderlens 密钥（应为一行 64 位十六进制数）：请从备份恢复，或把 ORDERLENS_KEY_FILE 指向正确的文件' },
  'key.cannotCreate': { en: 'cannot create the key file {file}: {why} (set ORDERLENS_KEY_FILE to a writable path)', zh: '无法创建密钥文件 {file}：{why}（请把 ORDERLENS_KEY_FILE 设为可写的路径）' },
  'key.moved': { en: 'moved the key that hashes buyer data out of {db} into {file}: keep that file (copy it to a second machine with the database; see README, Personal data)', zh: '已把加密买家信息用的密钥从 {db} 移到 {file}：请保管好这个文件（换电脑时和数据库一起拷过去；见 README“个人信息”一节）' },
  'key.made': { en: 'made a new key for hashing buyer data: {file} (keep it, and copy it to any machine that imports into the same database; see README, Personal data)', zh: '已生成加密买家信息用的新密钥：{file}（请保管好；在别的电脑上往同一个数据库导入时，要把它一起拷过去；见 README“个人信息”一节）' },
  'key.readable': { en: 'the key file {file} can be read by other users: chmod 600 {path}', zh: '密钥文件 {file} 其他用户也能读取：请运行 chmod 600 {path}' },
  'key.twoKeys': { en: '{db} still holds its own hashing key (made by an older orderlens), and the key file {file} holds another: set ORDERLENS_KEY_FILE to a new file name and import again to move this database\'s key there', zh: '{db} 里还存着自己的密钥（旧版 orderlens 生成），而密钥文件 {file} 里是另一个：请把 ORDERLENS_KEY_FILE 设为一个新文件名再导入一次，把这个数据库的密钥移过去' },
  'key.noRecord': { en: '{db} holds hashed buyers but no record of the key that hashed them (its meta table was changed): restore the database from a copy', zh: '{db} 里有加密的买家，却没有加密所用密钥的记录（meta 表被改过）：请从备份恢复数据库' },
  'key.missing': { en: '{db} was made with a hashing key (fingerprint {recorded}) and there is no key file at {file}: nothing was imported and no new key was made (it would not match); copy the key file this database was made with there, or point ORDERLENS_KEY_FILE at it (see README "Personal data")', zh: '{db} 是用一把密钥（指纹 {recorded}）建的，而 {file} 没有密钥文件：什么也没导入，也没有生成新密钥（新密钥对不上）；请把建这个数据库时用的密钥文件拷到那里，或把 ORDERLENS_KEY_FILE 指向它（见 README“个人信息”）' },
  'key.mismatch': { en: '{db} was made with another hashing key (fingerprint {recorded}) than the key file {file} (fingerprint {fingerprint}): buyers hashed under two keys would not match, so nothing was imported; point ORDERLENS_KEY_FILE at the key file this database was made with', zh: '{db} 用的密钥（指纹 {recorded}）和密钥文件 {file}（指纹 {fingerprint}）不是同一个：两把密钥加密的买家对不上，所以什么也没导入；请把 ORDERLENS_KEY_FILE 指向建这个数据库时用的密钥文件' },
  'import.idsKeyed': { en: 'keyed {n} order {n:id|ids} orderlens had made up for rows without one: {n:it was an unkeyed hash|they were unkeyed hashes} of the row, buyer included, that a copy of the database let anyone check a guess at a buyer against (see README, Personal data)', zh: '已为 {n} 个订单号加上密钥：这些是 orderlens 为没有订单号的行生成的编号，原先是整行（含买家）的无密钥哈希，拿到数据库副本的人能用它验证对买家的猜测（见 README“个人信息”）' },
  'key.theDatabase': { en: 'the database', zh: '数据库' },
  'info.database': { en: 'database', zh: '数据库' },
  'info.orders': { en: 'orders', zh: '订单数' },
  'info.customers': { en: 'customers', zh: '客户数' },
  'info.customersCounted': { en: 'customers with a counted order', zh: '有有效订单的客户' },
  'info.ordersWithoutBuyer': { en: 'orders without buyer', zh: '无买家标识的订单' },
  'info.firstDay': { en: 'first order day', zh: '最早下单日' },
  'info.lastDay': { en: 'last order day', zh: '最近下单日' },
  'info.revenue': { en: 'revenue', zh: '收入' },
  'info.currency': { en: '{currency} currency', zh: '{currency} 币种' },
  'info.currencyAssumed': { en: 'assumed for {sources} (nothing in the files named it): import with --currency to set', zh: '{sources} 的币种是假定的（文件里没写）：导入时用 --currency 指定' },
  'info.countedOrders': { en: '{currency} counted orders', zh: '{currency} 有效订单数' },
  'info.amounts': { en: '{currency} amounts', zh: '{currency} 金额' },
  'info.noAmounts': { en: 'none: purchases from transaction logs without amounts', zh: '无：来自不带金额的交易日志' },
  'info.gross': { en: '{currency} gross', zh: '{currency} 商品总额' },
  'info.discounts': { en: '{currency} discounts', zh: '{currency} 优惠' },
  'info.shipping': { en: '{currency} shipping', zh: '{currency} 运费' },
  'info.other': { en: '{currency} taxes and other charges', zh: '{currency} 税费及其他' },
  'info.refunds': { en: '{currency} refunds', zh: '{currency} 退款' },
  'info.returns': { en: '{currency} returns and credit notes', zh: '{currency} 退货及冲销' },
  'info.net': { en: '{currency} net', zh: '{currency} 净收入' },
  'info.platformShop': { en: 'platform/shop', zh: '平台/店铺' },
  'info.ordersCustomers': { en: '{orders} {orders:order|orders}, {customers} {customers:customer|customers}', zh: '{orders} 笔订单，{customers} 位客户' },
  'info.orderDays': { en: 'order days', zh: '下单日期' },
  'info.shopLastPurchase': { en: '{days}; last counted purchase {day}', zh: '{days}；最后一笔有效购买 {day}' },
  'info.shopNoPurchase': { en: '{days}; no counted purchase', zh: '{days}；没有有效购买' },
  'info.shopCounted': { en: '{days}; counted purchases {counted}', zh: '{days}；有效购买 {counted}' },
  'info.source': { en: 'source', zh: '数据来源' },
  'info.status': { en: 'status', zh: '订单状态' },
  'info.unknownStatus': { en: 'unknown status', zh: '未识别状态' },
  'info.import': { en: 'import', zh: '导入记录' },
  'info.importNote': { en: 'import note', zh: '导入提示' },
  // {days}: a day or info.dayRange, then the zone they are in (the source's: the zone its import times are shown in)
  'info.noteOnce': { en: '{source} ({days})', zh: '{source}（{days} 导入）' },
  'info.noteSaid': { en: '{source} ({days}, {n} {n:import|imports})', zh: '{source}（{days}，{n} 次导入）' },
  'info.daysShopZones': { en: "{days}, each in its shop's zone", zh: '{days}（各按所属店铺的时区）' },
  'info.earlierImports': { en: '{n} earlier {n:import|imports}', zh: '更早的 {n} 次导入' },
  'info.earlierImportsSummary': {
    en: '{days}: {files} {files:file|files}, {rejected} {rejected:row|rows} rejected; --all lists each',
    zh: '{days}：{files} 个文件，拒绝 {rejected} 行；--all 逐条列出',
  },
  'info.dayRange': { en: '{first} to {last}', zh: '{first} 至 {last}' },
  'info.unfinished': { en: 'unfinished', zh: '未完成' },
  // {more}: import.countStale, import.countSkipped, as in the import line
  'info.importCounts': { en: 'read {read}, inserted {inserted}, updated {updated}, unchanged {unchanged}{more}, rejected {rejected}', zh: '读取 {read}，新增 {inserted}，更新 {updated}，未变 {unchanged}{more}，拒绝 {rejected}' },
  'source.noZone': { en: 'zone not stored (imported by an older orderlens)', zh: '未存时区（旧版 orderlens 导入）' },
  'source.zone': { en: 'zone {zone}', zh: '时区 {zone}' },
  'source.zoneForced': { en: 'zone {zone} (--tz)', zh: '时区 {zone}（--tz）' },
  'source.currency': { en: 'currency {currency}', zh: '币种 {currency}' },
  'source.currencyAssumed': { en: 'currency {currency} (assumed)', zh: '币种 {currency}（假定）' },
  'source.currencyGiven': { en: 'currency {currency} (--currency)', zh: '币种 {currency}（--currency）' },
  'source.currencyFromFiles': { en: 'currency from the files', zh: '币种取自文件' },
  'source.dateOrder': { en: 'dates {order} (--date-order)', zh: '日期顺序 {order}（--date-order）' },
  'source.dateOrderInferred': { en: 'dates {order} (inferred from the last file)', zh: '日期顺序 {order}（从上一个文件推断）' },
  'source.decimalComma': { en: 'decimal comma yes', zh: '小数逗号：是' },
  'source.noDecimalComma': { en: 'decimal comma no', zh: '小数逗号：否' },
  'source.map': { en: 'map {map}', zh: '列映射 {map}' },
  'source.encoding': { en: 'encoding {encoding}', zh: '编码 {encoding}' },
  'source.workbook': { en: 'xlsx workbook (no text encoding)', zh: 'xlsx 工作簿（无文本编码）' },
  'status.pending': { en: 'pending', zh: '待付款' },
  'status.paid': { en: 'paid', zh: '已付款' },
  'status.shipped': { en: 'shipped', zh: '已发货' },
  'status.completed': { en: 'completed', zh: '交易成功' },
  'status.cancelled': { en: 'cancelled', zh: '已取消' },
  'status.refunded': { en: 'refunded', zh: '已退款' },
  'status.partially_refunded': { en: 'partially_refunded', zh: '部分退款' },
  'platforms.shopFrom': { en: 'its {columns} column, else --shop', zh: '取自“{columns}”列，没有时用 --shop' },
  'platforms.noShop': { en: 'none in the export: give --shop', zh: '导出文件里没有：请用 --shop 指定' },
  'platforms.currencyFromFile': { en: 'from the file (else --currency)', zh: '取自文件（没有时用 --currency）' },
  'demo.summary': { en: 'Database summary', zh: '数据库概况' },
  'demo.segments': { en: 'RFM segments as of {day} (orderlens rfm)', zh: 'RFM 客户细分，截至 {day}（orderlens rfm）' },
  'demo.top': { en: 'Top customers by net revenue', zh: '净收入最高的客户' },
  'demo.xlsx': { en: 'the demo prints several reports: --format table, csv, json or ndjson (xlsx is for one report, e.g. orderlens rfm --out rfm.xlsx)', zh: '演示会输出好几份报表：请用 --format table、csv、json 或 ndjson（xlsx 只能放一份报表，如 orderlens rfm --out rfm.xlsx）' },
  'demo.sort': { en: 'the demo prints several reports: --sort sorts one (e.g. orderlens customers --sort revenue:desc)', zh: '演示会输出好几份报表，--sort 只能排一份（如 orderlens customers --sort revenue:desc）' },
  'demo.kept': { en: 'kept the demo database at {path}: try orderlens --db {path} info', zh: '演示数据库已保留在 {path}：试试 orderlens --db {path} info' },
  'demo.keptReport': { en: 'the same shop as charts in one HTML file: orderlens --db {path} report --out demo-report.html', zh: '把这家店画成图表、存成一个 HTML 文件：orderlens --db {path} report --out demo-report.html' },
  'demo.report': { en: 'the same shop as charts in one HTML file: orderlens demo --keep demo.db, then orderlens --db demo.db report --out demo-report.html', zh: '把这家店画成图表、存成一个 HTML 文件：先 orderlens demo --keep demo.db，再 orderlens --db demo.db report --out demo-report.html' },
  'table.moreRows': { en: '… {n} more {n:row|rows}: --limit 0 for all, --format csv for a file', zh: '… 还有 {n} 行：--limit 0 显示全部，--format csv 输出到文件' },
  'import.dateOrder': { en: '; dates read {order} first (inferred: --date-order to set)', zh: '；日期按“{order}在前”读取（自动推断，用 --date-order 指定）' },
  'import.month': { en: 'month', zh: '月' },
  'import.day': { en: 'day', zh: '日' },
  'import.unknownPlatformShort': { en: 'unknown platform \'{name}\'', zh: '没有 \'{name}\' 这个平台' },
  'db.notOursSqliteShort': { en: '{path} is a SQLite file but not an orderlens database', zh: '{path} 是 SQLite 文件，但不是 orderlens 数据库' },
  'import.allRejected': { en: '{file}: all {n} {n:row was|rows were} rejected{example}; nothing from this file was stored', zh: '{file}：全部 {n} 行都被拒绝{example}，这个文件的内容一条也没有写入' },
  'import.tooManyRejects': { en: '{file}: {n} of {read} {read:row|rows} {n:was|were} rejected, more than --max-rejects {limit}{example}; nothing from this file was stored', zh: '{file}：{read} 行中有 {n} 行被拒绝，超过 --max-rejects {limit}{example}，这个文件的内容一条也没有写入' },
  'import.firstReject': { en: ' (the first, line {line}: {reason})', zh: '（第一处在第 {line} 行：{reason}）' },
  'detect.unrecognised': { en: 'unrecognised export (headers: {headers}); {why}{hint}force a platform with --platform NAME (see \'orderlens platforms\') or name the columns with --map customer=HEADER --map date=HEADER --map amount=HEADER', zh: '无法识别的导出文件（表头：{headers}）；{why}{hint}请用 --platform 平台名 指定平台（见 \'orderlens platforms\'），或用 --map customer=表头 --map date=表头 --map amount=表头 指明各列' },
  // (himp) an unrecognised file that lacks only some generic columns; a per-customer summary instead of orders
  'detect.unrecognisedMissing': { en: 'unrecognised export (headers: {headers}); {why}{hint}name its {field} column with --map {field}=HEADER, or force a platform with --platform NAME (see \'orderlens platforms\')', zh: '无法识别的导出文件（表头：{headers}）；{why}{hint}请用 --map {field}=表头 指明 {field} 列，或用 --platform 平台名 指定平台（见 \'orderlens platforms\'）' },
  'detect.customerSummary': { en: 'a per-customer summary (headers: {headers}), not orders: orderlens imports the orders or transactions such a summary is made from (one row per order or order line, with customer, date and amount)', zh: '这是按客户汇总的表（表头：{headers}），不是订单：orderlens 导入的是生成这种汇总所用的订单或交易明细（每行一笔订单或一行商品，含客户、日期、金额）' },
  'detect.genericMissing': { en: 'as a generic file it has no {fields} column; ', zh: '按通用文件读取缺少 {fields} 列；' },
  'detect.genericAll': { en: 'all generic columns found; ', zh: '通用文件所需的列都在；' },
  'platforms.label.taobaoItems': { en: 'taobao item report (宝贝报表)', zh: '淘宝/天猫宝贝报表' },
  'platforms.label.taobaoOrders': { en: 'taobao order report (订单报表)', zh: '淘宝/天猫订单报表' },
  'platforms.label.taobao': { en: 'taobao/tmall export', zh: '淘宝/天猫订单导出' },
  'platforms.files.taobao': { en: 'ExportOrderList*.csv (订单报表) with ExportOrderDetailList*.csv (宝贝报表); 千牛 order export (.xlsx/.csv, one row per 子订单)', zh: '订单报表 ExportOrderList*.csv，配合宝贝报表 ExportOrderDetailList*.csv；千牛订单导出（.xlsx/.csv，每个子订单一行）' },
  'platforms.buyer.taobao': { en: '买家会员名 (nickname; none in the 千牛 sub-order export)', zh: '买家会员名（昵称；千牛子订单导出里没有）' },
  'platforms.label.jd': { en: 'jd pop order export', zh: '京东 POP 订单导出' },
  'platforms.files.jd': { en: 'JD POP 订单导出 .csv (GBK) or .xlsx, one row per order × SKU', zh: '京东 POP 订单导出 .csv（GBK）或 .xlsx，每个订单 × SKU 一行' },
  'platforms.buyer.jd': { en: '下单帐号 (JD account name)', zh: '下单帐号（京东账号名）' },
  'platforms.label.pinduoduo': { en: 'pinduoduo order export', zh: '拼多多订单导出' },
  'platforms.files.pinduoduo': { en: '拼多多 订单查询 export (.csv or .xlsx), one row per order', zh: '拼多多“订单查询”导出（.csv 或 .xlsx），每个订单一行' },
  'platforms.buyer.pinduoduo': { en: 'none (older exports: 用户购买手机号 / 手机)', zh: '无（较早的导出有 用户购买手机号 / 手机）' },
  'platforms.label.douyin': { en: 'douyin shop order export', zh: '抖店订单导出' },
  'platforms.files.douyin': { en: '抖店 订单导出 .csv (UTF-8 BOM or GB18030) or .xlsx, one row per 子订单', zh: '抖店订单导出 .csv（UTF-8 BOM 或 GB18030）或 .xlsx，每个子订单一行' },
  'platforms.buyer.douyin': { en: 'none (收件人 / 收件人手机号 are encrypted)', zh: '无（收件人 / 收件人手机号 已加密）' },
  'platforms.label.shopify': { en: 'shopify orders export', zh: 'Shopify 订单导出' },
  'platforms.files.shopify': { en: 'orders_export*.csv (Orders → Export, one row per line item)', zh: 'orders_export*.csv（后台 Orders → Export，每个商品行一行）' },
  'platforms.buyer.shopify': { en: 'Email (else Phone / Billing Phone)', zh: 'Email（没有时用“Phone”或“Billing Phone”）' },
  'platforms.label.woocommerce': { en: 'woocommerce orders report', zh: 'WooCommerce 订单报表' },
  'platforms.files.woocommerce': { en: 'Analytics → Orders → Download .csv (one row per order); WebToffee order export .csv', zh: '后台 Analytics → Orders → Download 的 .csv（每个订单一行）；WebToffee 插件导出的 .csv' },
  'platforms.buyer.woocommerce': { en: 'Customer (a name; plugin export: customer_email)', zh: 'Customer（姓名；插件导出为 customer_email）' },
  'platforms.label.amazon': { en: 'amazon all orders report', zh: '亚马逊全部订单报告' },
  'platforms.files.amazon': { en: 'All Orders report (.txt, tab-delimited, one row per order item)', zh: 'All Orders 报告（.txt，制表符分隔，每个订单商品一行）' },
  'platforms.buyer.amazon': { en: 'none (the report has no buyer column)', zh: '无（报告里没有买家列）' },
  'platforms.label.etsy': { en: 'etsy sold orders export', zh: 'Etsy 已售订单导出' },
  'platforms.files.etsy': { en: 'EtsySoldOrderItems*.csv (one row per item) and EtsySoldOrders*.csv (one row per order)', zh: 'EtsySoldOrderItems*.csv（每件商品一行）和 EtsySoldOrders*.csv（每个订单一行）' },
  'platforms.buyer.etsy': { en: 'Buyer (username; else Buyer User ID)', zh: 'Buyer（用户名；没有时用“Buyer User ID”）' },
  'platforms.label.ebay': { en: 'ebay orders report', zh: 'eBay 订单报表' },
  'platforms.files.ebay': { en: 'Seller Hub orders report .csv (also localized, `;`-delimited with decimal commas)', zh: 'Seller Hub 订单报表 .csv（也支持本地化版本：分号分隔、小数逗号）' },
  'platforms.buyer.ebay': { en: 'Buyer Username', zh: 'Buyer Username（买家用户名）' },
  'platforms.label.shopee': { en: 'shopee order export', zh: 'Shopee（虾皮）订单导出' },
  'platforms.files.shopee': { en: 'Order.all.*.xlsx (My Orders → Export; English, 繁體中文 or Tiếng Việt headers), one row per item', zh: 'Order.all.*.xlsx（我的订单 → 导出；英文、繁体中文或越南语表头），每件商品一行' },
  'platforms.buyer.shopee': { en: 'Username (Buyer)', zh: 'Username (Buyer)（买家用户名）' },
  'platforms.label.lazada': { en: 'lazada order export', zh: 'Lazada 订单导出' },
  'platforms.files.lazada': { en: 'Seller Center order export (.xlsx or .csv, camelCase headers), one row per order item', zh: '卖家中心订单导出（.xlsx 或 .csv，驼峰式表头），每个订单商品一行' },
  'platforms.buyer.lazada': { en: 'customerName (a name)', zh: 'customerName（姓名）' },
  'platforms.label.generic': { en: 'generic orders file', zh: '通用订单文件' },
  'platforms.files.generic': { en: 'any CSV/TSV/xlsx with customer, date and amount columns (English or Chinese headers; --map for others); a customer,date transaction log without amounts', zh: '任何含客户、日期、金额列的 CSV/TSV/xlsx（中英文表头均可，其他表头用 --map）；也可以是只有客户、日期两列、不带金额的交易日志' },
  'platforms.buyer.generic': { en: 'customer_id / customer / email / 买家会员名 / 客户', zh: 'customer_id / customer / email / 买家会员名 / 客户' },
  'db.unknownCustomer': { en: 'purchase log names customer {id}, which is not in the database: the database is damaged', zh: '购买记录里的客户 {id} 不在数据库中：数据库已损坏' },
  'snapshot.exists': { en: "a snapshot labelled '{label}' exists already: drop it with 'orderlens snapshot --drop {label}', or add --replace", zh: "已有名为 '{label}' 的快照：用 'orderlens snapshot --drop {label}' 删除，或加 --replace 覆盖" },
  'snapshot.noneYet': { en: "no snapshot labelled '{label}': there are none yet: take one with 'orderlens snapshot'", zh: "没有名为 '{label}' 的快照：还没有任何快照，先用 'orderlens snapshot' 拍一个" },
  'snapshot.unknown': { en: "no snapshot labelled '{label}': there are {list}", zh: "没有名为 '{label}' 的快照：现有 {list}" },
  'campaign.twoGroups': { en: 'this customer is also on line {line} in the {group} group: a customer belongs to one group', zh: '这位客户也在第 {line} 行的 {group} 组里：一位客户只能属于一个组' },
  'campaign.exists': { en: "a campaign named '{name}' exists already: pick another --name, or add --replace", zh: "已有名为 '{name}' 的活动：换一个 --name，或加 --replace 覆盖" },
  'campaign.noneYet': { en: "no campaign named '{name}': import one with 'orderlens campaign import LIST.csv --name NAME'", zh: "没有名为 '{name}' 的活动：先用 'orderlens campaign import 名单.csv --name 名称' 导入一个" },
  'campaign.unknown': { en: "no campaign named '{name}': there are {list}", zh: "没有名为 '{name}' 的活动：现有 {list}" },
  'header.twice': { en: "two columns are named '{name}' (columns {a} and {b}), and the {field} could come from either: rename one of them", zh: "有两列都叫 '{name}'（第 {a} 列和第 {b} 列），{field} 不知该取哪一列：请改掉其中一个列名" },
  'reject.otherShop': {
    en: "this row is shop '{named}' ({column}), the file's first row shop '{first}': import one shop per file, or give --shop NAME to import every row as one shop",
    zh: "这一行的店铺是 '{named}'（{column} 列），而文件第一行是 '{first}'：请一个文件只放一个店铺，或用 --shop 名称 把所有行都算作一个店铺",
  },
  'reject.orderAgain': {
    en: 'order {id} appeared earlier in this file, apart from these rows: the rows of one order must stand next to each other (sort the file by order id), or this is a duplicate',
    zh: '订单 {id} 在文件前面出现过，和这几行不挨着：同一订单的行必须相邻（请按订单号排序），否则就是重复数据',
  },
  'reject.itemsWithoutOrder': { en: 'order {id} is not in the database: import its order report first (or in the same command)', zh: '订单 {id} 不在数据库里：请先导入它的订单报表（或在同一条命令里一起导入）' },
  'import.failedAt': { en: '{file}: {why}', zh: '导入 {file} 出错：{why}' },
  'import.maxRejectsShare': { en: '{percent}% of {read} {read:row|rows} read', zh: '读取的 {read} 行的 {percent}%' },
  'import.conflictSide': { en: '{time} UTC, {currency}, buyer {buyer}', zh: '{time} UTC，{currency}，买家 {buyer}' },
  'import.conflictExample': { en: '{id} (stored: {stored}; this file: {file})', zh: '{id}（库里：{stored}；本文件：{file}）' },
  'import.conflictExamples': { en: '{first} and {second}', zh: '{first} 和 {second}' },
  'import.conflicts': {
    en: '{file}: {n} {n:order|orders} in this file would change the buyer, creation time or currency of {n:an order|orders} already stored for {source}, e.g. {shown}; nothing from this file was stored. If it is another store\'s export, import it with --shop NAME',
    zh: '{file}：文件中有 {n} 笔订单会改动 {source} 已存订单的买家、下单时间或币种，例如 {shown}；这个文件的内容一条也没有写入。如果这是另一家店铺的导出，请用 --shop 名称 导入',
  },
  'encoding.utf8InLegacy': {
    en: '{n} {n:line|lines} (first: line {first}) {n:is|are} UTF-8 although the file reads as {encoding}: {n:it was|they were} garbled (张三 → 寮犱笁); a file mixing encodings? save it in one encoding, or give --encoding utf8',
    zh: '有 {n} 行（第一处在第 {first} 行）是 UTF-8，而文件按 {encoding} 读取：这些行成了乱码（张三 → 寮犱笁）；文件混用了编码？请统一保存为一种编码，或加 --encoding utf8',
  },
  'encoding.notUtf8': {
    en: '{n} {n:line|lines} (first: line {first}) {n:has|have} bytes that are not UTF-8, read as �: a file mixing encodings? save it in one encoding, or give --encoding gb18030',
    zh: '有 {n} 行（第一处在第 {first} 行）含非 UTF-8 字节，读成了 �：文件混用了编码？请统一保存为一种编码，或加 --encoding gb18030',
  },
  'generic.noAmounts': {
    en: 'the file has no amount column: {n} {n:purchase|purchases} stored without amounts (currency {currency}); purchase counts, recency, churn, cohorts and the purchase models work, money figures (monetary, pareto, revenue, Gamma-Gamma, CLV) are left out; a column of amounts under another name: --map amount=HEADER',
    zh: '文件没有金额列：{n} 次购买按无金额存入（币种 {currency}）；购买次数、最近购买、流失、同期群和购买模型照常可用，金额类指标（消费金额、帕累托、收入、Gamma-Gamma、CLV）不显示；如果金额列叫别的名字：--map amount=表头',
  },
  'generic.symbolCurrency': { en: "amounts are written like '{text}' and the file has no currency column: read as {currency} (set --currency to override)", zh: "金额写成 '{text}' 这样，文件又没有币种列：按 {currency} 读取（可用 --currency 改）" },
  'cdnow.header': { en: 'expected the header customer_id,order_date,amount', zh: '表头应为 customer_id,order_date,amount' },
  'cdnow.row': { en: 'expected customer_id,YYYY-MM-DD,amount', zh: '这一行应为 customer_id,YYYY-MM-DD,amount 的格式' },
  'campaignList.cannotRead': { en: 'cannot read {file}: {why}', zh: '读不了 {file}：{why}' },
  'campaignList.noColumn': { en: 'no column names the customers: add a header with one of {list}', zh: '没有哪一列写明客户：请加一个表头，用以下之一：{list}' },
  'campaignList.badGroup': { en: "group '{group}' is neither treatment nor control", zh: "分组 '{group}' 既不是 treatment（实验组）也不是 control（对照组）" },
  'read.badCsvReason': { en: 'not a readable CSV: {why}', zh: 'CSV 格式无法读取：{why}' },
  'import.fileNote': { en: '{file}: {note}', zh: '{file} 提示：{note}' },
  'out.databaseFile': { en: "the database's {suffix} file", zh: '数据库的 {suffix} 文件' },
  'out.cannotWrite': { en: 'cannot write {file}: {why}', zh: '无法写入 {file}：{why}' },
  'doctor.ok': { en: '{path}: every check passed', zh: '{path}：各项检查都通过了' },
  'pareto.summary': { en: '80% of revenue comes from {top} of {n} {n:customer|customers} ({share}); Gini {gini}', zh: '80% 的收入来自 {n} 位客户中的 {top} 位（{share}）；基尼系数 {gini}' },
  'cohorts.month': { en: 'month', zh: '月' },
  'cohorts.week': { en: 'week', zh: '周' },
  'cohorts.quarter': { en: 'quarter', zh: '季度' },
  'cohorts.splitBy': { en: ' split by {by}', zh: '，按 {by} 拆分' },
  'cohorts.summary': { en: '{n} {n:customer|customers} in {cohorts} {period}ly {cohorts:cohort|cohorts}{split}; orders before {day} count', zh: '{n} 位客户，分属 {cohorts} 个按{period}划分的同期群{split}；计入 {day} 之前的订单' },
  'cohorts.partial': { en: 'the last column is a partial {period}: it runs to {day}', zh: '最后一列不是完整的一{period}：只到 {day}' },
  'cohorts.notShown': { en: '… not shown: {first} to {last} (a wider terminal, --long or --format csv)', zh: '… 未显示：{first} 至 {last}（请加宽终端，或用 --long、--format csv）' },
  'cohorts.notShownOne': { en: '… not shown: {first} (a wider terminal, --long or --format csv)', zh: '… 未显示：{first}（请加宽终端，或用 --long、--format csv）' },
  'cohorts.average': { en: "the '{label}' row weights each cohort by its size", zh: '“{label}”（平均）行按各同期群的人数加权' },
  'cohorts.averageOwn': { en: "the '{label}' row weights each cohort by its size", zh: '“{label}”行按各同期群的人数加权' },
  'churn.gGiven': { en: 'G = {days} {days:day|days} (--days)', zh: 'G = {days} 天（--days）' },
  'churn.gMeasured': {
    en: 'G = {days} {days:day|days}: the {percentile}th percentile of {gaps} {gaps:gap|gaps} between purchase days of {repeat} repeat {repeat:customer|customers} (set with --days)',
    zh: 'G = {days} 天：{repeat} 位复购客户的 {gaps} 个购买间隔的第 {percentile} 百分位（可用 --days 指定）',
  },
  'churn.rule': { en: 'churned: days since last order > max(G, {k} × own median gap); at risk: above half of that; {g}', zh: '已流失：距末单天数 > max(G, {k} × 本人购买间隔中位数)；流失预警：超过其一半；{g}' },
  'churn.share': { en: '{share}', zh: '占 {share}' },
  'churn.shareRevenue': { en: '{share}, {revenue} to date', zh: '占 {share}，累计消费 {revenue}' },
  'churn.summary': {
    en: 'as of {day}: {n} {n:customer|customers}; {active} active, {atRisk} at risk ({atRiskShare}), {churned} churned ({churnedShare})',
    zh: '截至 {day}：共 {n} 位客户；活跃 {active} 位，流失预警 {atRisk} 位（{atRiskShare}），已流失 {churned} 位（占 {churnedShare}）',
  },
  'segments.fit': { en: 'k-means on standardized log R, F, M: k = {k}, seed {seed}, fitted on {n} {n:customer|customers}; mean silhouette {silhouette}', zh: '对标准化后的 log R、F、M 做 k-means 聚类：k = {k}，随机种子 {seed}，基于 {n} 位客户；平均轮廓系数 {silhouette}' },
  'segments.auto': { en: 'k chosen by silhouette: {list}; picked k = {k}', zh: '按轮廓系数选 k：{list}；选定 k = {k}' },
  'migration.fromTo': { en: 'from {from} (as of {fromDay}, {fromN} {fromN:customer|customers}) to {to} (as of {toDay}, {toN} {toN:customer|customers})', zh: '从 {from}（截至 {fromDay}，{fromN} 位客户）到 {to}（截至 {toDay}，{toN} 位客户）' },
  'migration.summary': { en: '{stayed} stayed in their segment, {moved} moved, {fresh} new, {left} left the base', zh: '{stayed} 位留在原分群，{moved} 位换了分群，{fresh} 位是新客户，{left} 位已不在客户群中' },
  'migration.revenue': { en: 'cells: net revenue between {fromDay} and {toDay} (monetary in {to} minus in {from})', zh: '单元格：{fromDay} 到 {toDay} 之间的净收入（{to} 的消费金额减去 {from} 的）' },
  'migration.backwards': { en: '--from {from} is later than --to {to}: the flow runs backwards in time', zh: '--from {from} 比 --to {to} 晚：流向是倒着的' },
  'migration.total': { en: 'total', zh: '合计' },
  'migration.asList': { en: '… one row per cell: the matrix is too wide for the terminal; --format csv has it', zh: '… 每个格子一行：矩阵比终端宽；完整矩阵请用 --format csv' },
  'snapshot.dropped': { en: "dropped snapshot '{label}'", zh: "已删除快照 '{label}'" },
  'snapshot.noCustomers': { en: '{day}: no customer has bought yet, no snapshot', zh: '{day}：还没有客户下过单，不拍快照' },
  'snapshot.stored': { en: 'stored {n} {n:snapshot|snapshots}', zh: '已保存 {n} 个快照' },
  'snapshot.none': { en: "no snapshots yet: take one with 'orderlens snapshot', or backfill with 'orderlens snapshot --every month --since DATE'", zh: "还没有快照：用 'orderlens snapshot' 拍一个，或用 'orderlens snapshot --every month --since 日期' 补拍历史" },
  'snapshot.skipExisting': {
    en: '{n} month-end {n:snapshot exists|snapshots exist} already ({labels}): kept as {n:it is|they are}; --replace takes {n:it|them} again',
    zh: '{n} 个月末快照已存在（{labels}）：保留不动；加 --replace 可重新拍摄',
  },
  'snapshot.allExist': { en: 'every month-end snapshot from {from} to {to} exists already: nothing new to store', zh: '从 {from} 到 {to} 的月末快照都已存在：没有新的可保存' },
  'snapshot.backfilling': { en: 'backfilling {n} month-end {n:snapshot|snapshots}, as of {from} to {to}', zh: '正在补拍 {n} 个月末快照，从 {from} 到 {to}' },
  'snapshot.noGaps': { en: '{day}: no customer has two purchase days yet, so churn status is left empty (set a threshold with --days N)', zh: '{day}：还没有客户在两天以上购买过，流失状态留空（可用 --days 天数 设定阈值）' },
  'snapshot.noRepeat': { en: '{day}: no customer has bought on two different days yet, so no {model} model is fitted: P(alive) and CLV are left empty', zh: '{day}：还没有客户在两个不同的日子购买过，不拟合 {model} 模型：P(alive) 和 CLV 留空' },
  'snapshot.oneRepeat': {
    en: '{day}: no customer bought on a third day, so how long customers keep buying cannot be estimated and no {model} model is fitted: P(alive) and CLV are left empty',
    zh: '{day}：没有客户在第三个日子购买，无法估计客户会持续购买多久，不拟合 {model} 模型：P(alive) 和 CLV 留空',
  },
  'snapshot.fewRepeat': {
    en: '{day}: only {repeat} repeat {repeat:customer|customers} (fewer than {n}): the {model} model\'s P(alive) and CLV are stored, but uncertain (as ltv warns)',
    zh: '{day}：复购客户只有 {repeat} 位（不足 {n} 位）：已保存 {model} 模型的 P(alive) 和 CLV，但不确定性大（与 ltv 的警告相同）',
  },
  'snapshot.notConverged': { en: '{day}: {tried}, with {repeat} repeat {repeat:customer|customers}: P(alive) and CLV are left empty', zh: '{day}：{tried}，复购客户 {repeat} 位：P(alive) 和 CLV 留空' },
  'snapshot.noSpend': { en: '{day}: the spend model could not be fitted: CLV is left empty', zh: '{day}：消费金额模型无法拟合：CLV 留空' },
  'import.sameAs': { en: '; the same bytes as import {id} of {day}, nothing changed since: not read again (--reread reads it)', zh: '；与 {day} 的第 {id} 次导入字节完全相同，之后也没有变动：不再重读（加 --reread 重读）' },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

/** The `{…}` slots of a template, as written (`n`, `n:order|orders`, `since:date`). */
type Slots<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Slots<Rest> : never;
type SlotName<P extends string> = P extends `${infer N}:${string}` ? N : P;
/** The names used with a kind (`{n:plain}`, `{n:order|orders}`, `{d:date}`): these take a number. */
type KindedName<P extends string> = P extends `${infer N}:${string}` ? N : never;

/**
 * The parameters message `K` takes (from its English text; the test holds the Chinese to the same). A name is a
 * number when any of its slots has a kind: `{n} {n:order|orders}` takes a number, never a text (a text would
 * type as string | number if each slot were typed on its own, and tsc would miss it).
 */
export type MessageParams<K extends MessageKey> = {
  [N in SlotName<Slots<(typeof MESSAGES)[K]['en']>>]: N extends KindedName<Slots<(typeof MESSAGES)[K]['en']>> ? number : string | number | readonly string[];
};

type ParamArgs<K extends MessageKey> = keyof MessageParams<K> extends never ? [] : [params: MessageParams<K>];

const SLOT = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}/g;

/** One parameter as text: grouped integers, trimmed decimals, escaped text. */
function show(lang: Lang, value: string | number | readonly string[], kind: string | undefined, key: string, name: string): string {
  if (kind === undefined) {
    if (Array.isArray(value)) return value.map((v) => escapeControls(String(v))).join(lang === 'zh' ? '、' : ', ');
    if (typeof value === 'string') return escapeControls(value);
    if (!Number.isFinite(value)) throw new Error(`message ${key}: {${name}} is ${value}`);
    return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`message ${key}: {${name}:${kind}} needs a number, got ${String(value)}`);
  if (kind === 'plain') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (kind === 'date') {
    if (!Number.isInteger(value)) throw new Error(`message ${key}: {${name}:date} needs an epoch day, got ${value}`);
    return formatDay(value);
  }
  const words = kind.split('|');
  if (words.length !== 2) throw new Error(`message ${key}: {${name}:${kind}} is none of :date, :plain, :one|many`);
  return value === 1 || value === -1 ? words[0] : words[1];
}

/** Message `key` in `lang`, its parameters put in. */
export function say<K extends MessageKey>(lang: Lang, key: K, ...params: ParamArgs<K>): string {
  const template: string = MESSAGES[key][lang];
  const values = (params[0] ?? {}) as Record<string, string | number | readonly string[]>;
  return template.replace(SLOT, (_m, name: string, kind: string | undefined) => {
    if (!Object.hasOwn(values, name)) throw new Error(`message ${key}: no value for {${name}}`);
    return show(lang, values[name], kind, key, name);
  });
}

/** Message `key` in `lang` when the catalogue has it (a name made at run time: `segment.${name}`). */
export function sayKnown(lang: Lang, key: string): string | undefined {
  return Object.hasOwn(MESSAGES, key) ? (say as (l: Lang, k: string) => string)(lang, key) : undefined;
}

/** The parameter names a template uses (messages.test.ts compares en with zh). */
export function templateParams(template: string): { name: string; kind: string | undefined }[] {
  return [...template.matchAll(SLOT)].map((m) => ({ name: m[1], kind: m[2] }));
}
