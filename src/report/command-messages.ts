/**
 * What the commands say that the older blocks of messages.ts did not cover (issue 22: every note, warning and
 * error a Chinese shop owner meets), one block per command. Spread into MESSAGES (messages.ts); the same rules:
 * both languages, the same parameters, Chinese written for a shop owner rather than word for word.
 */
export const COMMAND_MESSAGES = {
  // ---- help: what commander adds after an option's description (src/cli/help-lang.ts) ----
  'helpExtra.choices': { en: 'choices: {list}', zh: '可选：{list}' },
  'helpExtra.default': { en: 'default: {value}', zh: '默认：{value}' },
  'helpExtra.env': { en: 'env: {name}', zh: '环境变量：{name}' },
  'helpExtra.usageOptions': { en: '[options]', zh: '[选项]' },
  'helpExtra.usageCommand': { en: '[command]', zh: '[命令]' },

  // ---- doctor (src/cli/commands/doctor.ts, src/db/check.ts): one line per check on stdout ----
  'doctor.check.integrity': { en: 'integrity', zh: 'SQLite 完整性' },
  'doctor.check.schema': { en: 'schema', zh: '表结构' },
  'doctor.check.imports': { en: 'imports', zh: '导入记录' },
  'doctor.check.purchase_runs': { en: 'purchase_runs', zh: '购买记录（purchase_runs）' },
  'doctor.checks.1': { en: '{a}', zh: '{a}这一项' },
  'doctor.checks.2': { en: '{a}, {b}', zh: '{a}、{b}两项' },
  'doctor.checks.3': { en: '{a}, {b}, {c}', zh: '{a}、{b}、{c}三项' },
  'doctor.line.ok': { en: '{check}: ok — {detail}', zh: '{check}：正常 — {detail}' },
  'doctor.line.problem': { en: '{check}: PROBLEM — {detail}', zh: '{check}：有问题 — {detail}' },
  'doctor.integrity.ok': { en: 'the database file is intact', zh: '数据库文件完好' },
  'doctor.integrity.found': { en: '{lines}', zh: 'SQLite 报告：{lines}' },
  'doctor.integrity.foundMore': { en: '{lines} (and {n} more)', zh: 'SQLite 报告：{lines}（另有 {n} 条）' },
  'doctor.schema.version': { en: 'schema version {version}, expected {expected}', zh: '表结构版本为 {version}，应为 {expected}' },
  'doctor.schema.ok': { en: 'version {version}, every table and view present', zh: '版本 {version}，所需的表和视图都在' },
  'doctor.schema.missing': { en: 'missing {list}', zh: '缺少 {list}' },
  'doctor.imports.ok': { en: '{n} {n:file|files} imported', zh: '已导入 {n} 个文件' },
  'doctor.imports.again': { en: '{files} {files:file|files} imported, {n} {n:import|imports} in all', zh: '已导入 {files} 个文件，共 {n} 次导入' },
  'doctor.imports.none': { en: 'none: no import ever stored anything here', zh: '没有：还没有任何一次导入在这里存入数据' },
  'doctor.noImport': {
    en: "{path} holds no import yet: its first import was stopped before it stored anything (killed?), or none has run; run 'orderlens import FILE', which takes it as a new database",
    zh: "{path} 里还没有任何导入：它的首次导入在存入任何数据前就被中止了（进程被杀？），或者从未导入过；请运行 'orderlens import 文件'，它会把这个文件当作新数据库",
  },
  'doctor.rolledBack': { en: '{path}: rolled back a write that never finished (an import stopped by kill -9 or a power cut?), as the next import or report would have', zh: '{path}：回滚了一次没有完成的写入（导入被 kill -9 或断电中止？），下一次导入或报表本来也会这样做' },
  'doctor.runs.ok': { en: '{n} {n:entry matches|entries match} the orders', zh: '{n} 条记录与订单一致' },
  'doctor.runs.differ': { en: '{n} {n:entry differs|entries differ} from the orders (first: {first})', zh: '{n} 条记录与订单不一致（第一条：{first}）' },
  'doctor.runs.entry': { en: '{currency} customer {customer:plain} day {day:plain}', zh: '{currency} 客户 {customer:plain}，第 {day:plain} 日' },
  'doctor.runs.repaired': { en: 'repaired: {detail}', zh: '已修复：{detail}' },
  'doctor.couldNotRun': { en: '{why}', zh: '检查无法进行：{why}' },
  'doctor.waiting': { en: '{path}: another orderlens (an import) is writing it: waiting for it to finish (up to {s} s, --wait SECONDS)', zh: '{path}：另一个 orderlens（导入）正在写入：等待它结束（最多 {s} 秒，可用 --wait 秒数 调整）' },
  'doctor.busy': {
    en: '{path} is busy: another orderlens (an import) kept writing it for {s} s; nothing was checked: run doctor again when it has finished, or wait longer with --wait SECONDS',
    zh: '{path} 正忙：另一个 orderlens（导入）已写入 {s} 秒仍未结束；没有做任何检查：等它结束后再运行 doctor，或用 --wait 秒数 等久一点',
  },
  'doctor.noDatabase': { en: 'no database at {path}: pass --db PATH', zh: '找不到数据库 {path}：请用 --db 路径 指定' },
  'doctor.notSqlite': { en: '{path} cannot be opened as a SQLite database ({why})', zh: '{path} 无法作为 SQLite 数据库打开（{why}）' },
  'doctor.failed': { en: '{path}: {checks} check failed', zh: '{path}：{checks} 检查未通过' },
  'doctor.failedRepair': {
    en: "{path}: {checks} check failed; 'orderlens doctor --repair' rebuilds the purchase runs from the orders",
    zh: "{path}：{checks} 检查未通过；运行 'orderlens doctor --repair' 可由订单重建购买记录",
  },
  'doctor.failedRestore': {
    en: '{path}: {checks} check failed; restore a backup, or re-import the exports into a new database',
    zh: '{path}：{checks} 检查未通过；请恢复备份，或把导出文件重新导入到一个新数据库',
  },
  // ---- Ctrl-C and SIGTERM (src/cli/interrupt.ts): the one line printed on the way out ----
  'interrupt.stopped': { en: 'orderlens: interrupted', zh: 'orderlens: 已中断' },
  'interrupt.stoppedUndone': { en: 'orderlens: interrupted: {undone}', zh: 'orderlens: 已中断：{undone}' },
  'interrupt.nothingStored': { en: 'nothing from {file} was stored', zh: '没有存入 {file} 中的任何订单' },
  'interrupt.stdin': { en: 'stdin', zh: '标准输入' },

  // ---- trend, migration (src/cli/commands/trend.ts, migration.ts) ----
  'trend.currencies': {
    en: 'the snapshots are in {n} currencies ({list}): drop the ones you do not want in the trend',
    zh: '快照涉及 {n} 种币种（{list}）：请删掉不想放进趋势里的快照',
  },
  'trend.schemes': { en: 'warning: the snapshots use different segment schemes', zh: '注意：这些快照用的分群方案不一样' },
  'migration.needsByCustomer': { en: '--from-segment and --to-segment pick customers: add --by customer', zh: '--from-segment 和 --to-segment 用来挑选客户：请加上 --by customer' },
  'migration.schemes': {
    en: 'snapshots {a} and {b} use different segment schemes ({schemeA}, {schemeB}): take both with the same --scheme',
    zh: "快照 '{a}' 和 '{b}' 的分群方案不同（{schemeA}、{schemeB}）：请用同一个 --scheme 重新拍这两个快照",
  },
  'migration.settings': {
    en: 'warning: the snapshots differ in {setting} ({a} and {b}): moves partly reflect the settings',
    zh: '注意：两个快照的 {setting} 设置不同（{a} 和 {b}）：分群变动有一部分来自设置不同',
  },
  'migration.currencies': { en: 'snapshots {a} and {b} are in different currencies ({currencyA}, {currencyB})', zh: "快照 '{a}' 和 '{b}' 的币种不同（{currencyA}、{currencyB}）" },
  'migration.notSegment': {
    en: "'{name}' is not a segment of the {scheme} scheme: use one of {list}, or '{extra}'",
    zh: "'{name}' 不是 {scheme} 方案里的分群：请用 {list} 之一，或 '{extra}'",
  },
  'migration.movers': {
    en: '{n} {n:customer|customers} moved to another segment; {stayed} {stayed:customer|customers} who stayed in the same segment {stayed:is|are} not listed (--from-segment S --to-segment S lists who stayed in S)',
    zh: '{n} 位客户换了分群；留在原分群的 {stayed} 位不列出（--from-segment S --to-segment S 列出留在 S 的客户）',
  },
  'migration.moversNew': {
    en: '{n} {n:customer|customers} moved to another segment, {fresh} {fresh:is|are} new and {left} left the base; {stayed} {stayed:customer|customers} who stayed in the same segment {stayed:is|are} not listed (--from-segment S --to-segment S lists who stayed in S)',
    zh: '{n} 位客户换了分群，{fresh} 位是新客户，{left} 位离开了客户群；留在原分群的 {stayed} 位不列出（--from-segment S --to-segment S 列出留在 S 的客户）',
  },
  'migration.moversFrom': { en: '{n} {n:customer|customers} moved out of {from}; {stayed} {stayed:customer|customers} who stayed {stayed:is|are} not listed', zh: '{n} 位客户离开了 {from}；留下的 {stayed} 位不列出' },
  'migration.moversTo': { en: '{n} {n:customer|customers} moved into {to}; {stayed} {stayed:customer|customers} already there {stayed:is|are} not listed', zh: '{n} 位客户转入 {to}；原本就在的 {stayed} 位不列出' },
  'migration.moversFromTo': { en: '{n} {n:customer|customers} from {from} to {to}', zh: '{n} 位客户从 {from} 转入 {to}' },
  'migration.stayers': { en: '{n} {n:customer|customers} stayed in {segment}', zh: '{n} 位客户留在 {segment}' },
  'migration.noneAfter': { en: 'no snapshot after {label}: name one with --to', zh: "快照 '{label}' 之后没有快照：请用 --to 指定" },
  'migration.noneBefore': { en: 'no snapshot before {label}: name one with --from', zh: "快照 '{label}' 之前没有快照：请用 --from 指定" },
  'migration.needsTwo': {
    en: "migration compares two snapshots and there {n:is one|are none}: take them with 'orderlens snapshot', or backfill with 'orderlens snapshot --every month --since DATE'",
    zh: "客户迁移要比较两个快照，现在有 {n} 个：用 'orderlens snapshot' 拍快照，或用 'orderlens snapshot --every month --since 日期' 补拍历史",
  },

  // ---- sql, sql-plan, selftest ----
  'sql.failed': { en: 'sql: {why}', zh: 'SQL 出错：{why}' },
  'sql.noSuchTable': { en: 'sql: no such table: {name}', zh: 'SQL 出错：没有名为 {name} 的表或视图' },
  'sql.noSuchColumn': { en: 'sql: no such column: {name}', zh: 'SQL 出错：没有名为 {name} 的列' },
  'sql.syntax': { en: 'sql: near {near}: syntax error', zh: 'SQL 出错：{near} 附近有语法错误' },
  'sql.view': { en: 'sql: cannot modify {name} because it is a view', zh: 'SQL 出错：{name} 是视图，不能修改' },
  'sql.incomplete': { en: 'sql: incomplete input', zh: 'SQL 出错：语句不完整' },
  'sql.readOnly': {
    en: 'sql: only a query that returns rows and changes nothing (SELECT …); the database is read-only here',
    zh: 'SQL：只能执行返回结果、不做修改的查询（SELECT …）；这里数据库是只读的',
  },
  'sql.sameName': { en: 'sql: two result columns share a name ({list}): name them with AS', zh: 'SQL：结果中有两列同名（{list}）：请用 AS 分别命名' },
  'sqlPlan.unknown': { en: "sql-plan: unknown aggregate '{name}': use {list} (or rfm, ltv, churn)", zh: "sql-plan：没有 '{name}' 这种汇总：请用 {list}（rfm、ltv、churn 也可以）" },
  'sqlPlan.fileNeedsDuckdb': {
    en: '--table {table}: a file is read by DuckDB only; load it into a {dialect} table and name that',
    zh: '--table {table}：只有 DuckDB 能直接读文件；请先把它载入 {dialect} 的表，再写表名',
  },
  'sqlPlan.badTable': {
    en: "--table '{table}' is not a table name: letters, digits, _ - and $, up to three dotted parts (project.dataset.orders)",
    zh: "--table '{table}' 不是表名：只能用字母、数字、_、- 和 $，最多三段、以点分隔（如 project.dataset.orders）",
  },
  'sqlPlan.periodOnlyCohorts': { en: '--period is for sql-plan cohorts', zh: '--period 只用于 sql-plan cohorts' },
  'sqlPlan.piiOnlyCustomers': { en: '--keep-pii is for sql-plan customers', zh: '--keep-pii 只用于 sql-plan customers' },
  'sqlPlan.badZone': {
    en: "--tz '{zone}' is not a time zone: use an IANA name such as Asia/Shanghai or America/New_York",
    zh: "--tz '{zone}' 不是时区：请用 IANA 时区名，如 Asia/Shanghai 或 America/New_York",
  },
  'sqlPlan.sqliteZone': {
    en: '--tz: SQLite has no time zones; give it a table with order_day (orderlens export writes it)',
    zh: '--tz：SQLite 没有时区功能；请给它一张带 order_day 列的表（orderlens export 会写出这一列）',
  },
  'sqlPlan.churnGaps': {
    en: 'churn --summary also reads the gap histogram for its threshold: orderlens sql-plan gaps (or give churn --days N)',
    zh: 'churn --summary 还要读购买间隔分布来定阈值：用 orderlens sql-plan gaps 生成（或给 churn 加 --days 天数）',
  },
  'sqlPlan.theSql': { en: 'the SQL', zh: 'SQL 语句' },
  'selftest.cannotRead': { en: 'cannot read the CDNOW sample {path}: {why}', zh: '无法读取 CDNOW 样本 {path}：{why}' },
  'selftest.cannotReadBundled': { en: 'cannot read the CDNOW sample {path}: {why}; reinstall orderlens', zh: '无法读取 CDNOW 样本 {path}：{why}；请重新安装 orderlens' },
  'selftest.failed': { en: 'selftest: {failed} of {n} {n:check|checks} FAILED', zh: '自检：{n} 项检查中有 {failed} 项未通过' },
  'selftest.passed': { en: 'selftest: all {n} checks passed ({seconds} s)', zh: '自检：{n} 项检查全部通过（{seconds} 秒）' },
  // the words in selftest's cells (a Chinese table, or a file under an explicit --lang zh); parameters and formulas stay
  'selftest.result.pass': { en: 'PASS', zh: '通过' },
  'selftest.result.fail': { en: 'FAIL', zh: '未通过' },
  'selftest.quantity.customers': { en: 'customers', zh: '客户数' },
  'selftest.quantity.repeatTransactions': { en: 'repeat transactions Σx', zh: '重复购买次数 Σx' },
  'selftest.quantity.repeatCustomers': { en: 'repeat customers', zh: '有重复购买的客户数' },
  'selftest.quantity.logLikelihood': { en: 'log-likelihood', zh: '对数似然' },
  'selftest.quantity.converged': { en: 'converged (1 = yes)', zh: '已收敛（1 = 是）' },
  'selftest.source.sample': { en: 'CDNOW sample', zh: 'CDNOW 样本' },
  'selftest.source.thisFit': { en: 'this fit', zh: '本次拟合' },
  // ---- what every report may refuse (src/cli/with-purchase-log.ts) ----
  'noCustomer.before': { en: 'no customer has a counted purchase before {day}: check --as-of and the filters', zh: '{day} 之前没有任何客户有计入的购买：请检查 --as-of 和筛选条件' },
  'noAmounts.refused': { en: 'the purchases have no amounts (a transaction log): {why}', zh: '这些购买记录没有金额（只是交易日志）：{why}' },
  'noAmounts.ltv': { en: '{what} values money; the purchase model (the default method) works without', zh: '{what} 要算钱；默认的购买模型不需要金额' },
  'noAmounts.segments': { en: 'k-means value clusters need monetary value; rfm, churn, cohorts and ltv work without', zh: '价值聚类需要消费金额；rfm、churn、cohorts 和 ltv 不需要' },
  'noAmounts.report': { en: 'the HTML report shows revenue in every section (80/20, value clusters, CLV); rfm, churn, cohorts and ltv work without', zh: '网页报告的各部分（二八分析、价值聚类、CLV）都要用到收入；rfm、churn、cohorts 和 ltv 不需要金额' },
  'noAmounts.pareto': { en: 'pareto ranks customers by revenue; rfm, churn, cohorts and ltv work without', zh: 'pareto 按收入给客户排序；rfm、churn、cohorts 和 ltv 不需要金额' },

  // ---- ltv (src/cli/commands/ltv.ts): the fit, the totals, the holdout, errors ----
  'ltv.paramsSimple': { en: '--params prints fitted model parameters: --method simple fits none', zh: '--params 输出拟合出的模型参数，而 --method simple 不拟合模型' },
  'ltv.whatIfAlone': { en: '--what-if values the whole shop: leave out --holdout, --params and --by', zh: '--what-if 评估的是整个店铺：请去掉 --holdout、--params 和 --by' },
  'ltv.lifetimeSimple': { en: '--lifetime is for --method simple (the models estimate how long customers stay)', zh: '--lifetime 只用于 --method simple（模型会自己估计客户能留多久）' },
  'ltv.holdoutSummary': {
    en: '--holdout compares predictions with the purchases after {holdout}, which {file} does not have (one as-of day): compute the summary as of the holdout day and compare with the database',
    zh: '--holdout 要把预测与 {holdout} 之后的实际购买对比，而 {file} 只有一个截止日的数据：请按留出日重新计算汇总，再与数据库对比',
  },
  'ltv.streamNeedsSummary': { en: '--stream goes with --summary FILE (it streams the summary file)', zh: '--stream 要和 --summary 文件 一起用（它逐行处理汇总文件）' },
  'ltv.summaryNoMatch': { en: '{file}: no customer matches: nothing to analyse (check --platform, --shop and --currency)', zh: '{file}：没有符合条件的客户，无从分析（请检查 --platform、--shop 和 --currency）' },
  'ltv.heldStream': {
    en: '{held} needs every customer at once, and --stream writes them as they come: run it on the database, or on a smaller summary',
    zh: '{held} 需要一次拿到全部客户，而 --stream 是边算边写：请在数据库上运行，或换一个较小的汇总文件',
  },
  'ltv.heldLarge': {
    en: '{held} needs every customer at once, and {file} has {n} customers (more than {limit} are streamed): run it on the database, or on a smaller summary',
    zh: '{held} 需要一次拿到全部客户，而 {file} 有 {n} 位客户（超过 {limit} 位时逐行处理）：请在数据库上运行，或换一个较小的汇总文件',
  },
  'ltv.holdoutTooLate': { en: '--holdout {holdout} leaves no holdout period before --as-of {asOf}: pick an earlier date', zh: '--holdout {holdout} 到 --as-of {asOf} 之间没有留出期：请选一个更早的日期' },
  'ltv.simpleUnused': { en: '{flags}: not used by --method simple (its horizon is the expected lifetime; it fits no model)', zh: '{flags}：--method simple 用不到（它的时间跨度就是预期生命周期，也不拟合模型）' },
  'ltv.nothingToFit': { en: 'no customer has a counted purchase on or before {day}: nothing to fit (check --as-of and the filters)', zh: '{day} 及之前没有任何客户有计入的购买，无从拟合（请检查 --as-of 和筛选条件）' },
  'ltv.nothingToFitHoldout': { en: 'no customer has a counted purchase on or before {day}: nothing to fit (check --as-of, --holdout and the filters)', zh: '{day} 及之前没有任何客户有计入的购买，无从拟合（请检查 --as-of、--holdout 和筛选条件）' },
  'ltv.warning': { en: 'warning: {text}', zh: '注意：{text}' },
  'ltv.whatIfNoFit': { en: '--what-if needs a fitted model: {model} has no usable parameters (see the warnings above)', zh: '--what-if 需要一个拟合好的模型：{model} 没有可用的参数（见上面的提示）' },
  'span.d': { en: '{n}d', zh: '{n} 天' },
  'span.w': { en: '{n}w', zh: '{n} 周' },
  'span.mo': { en: '{n}mo', zh: '{n} 个月' },
  'span.y': { en: '{n}y', zh: '{n} 年' },
  'rate.d': { en: '{rate}/d', zh: '{rate}/天' },
  'rate.w': { en: '{rate}/w', zh: '{rate}/周' },
  'rate.mo': { en: '{rate}/mo', zh: '{rate}/月' },
  'rate.y': { en: '{rate}/yr', zh: '{rate}/年' },
  'ltv.valuesOver': { en: 'values over {horizon} ({days} days), discount {discount}, margin {margin}', zh: '价值按 {horizon}（{days} 天）计，贴现率 {discount}，毛利率 {margin}' },
  'ltv.clvOver': {
    en: 'CLV over {horizon} ({days} days), discount {discount}, margin {margin}; monthly steps of 30.4375 days',
    zh: '客户生命周期价值（CLV）按 {horizon}（{days} 天）计，贴现率 {discount}，毛利率 {margin}；按月折现，每月 30.4375 天',
  },
  'ltv.segmentsNote': { en: 'segments: the RFM segments of `orderlens rfm` (default map), as of the same day', zh: '分群：与 orderlens rfm 相同的 RFM 客户细分（默认方案），截至同一天' },
  'ltv.noAmounts': {
    en: 'the purchases have no amounts (a transaction log): the purchase model alone (expected purchases, P(alive)); no spend model, no CLV',
    zh: '这些购买记录没有金额（只是交易日志）：只用购买模型（预期购买次数、P(alive)），不拟合消费模型，也不算 CLV',
  },
  'ltv.flat': {
    en: 'each customer ({n} in all) bought on a single day up to {day} (T = 0 for all), so the data say nothing about how often customers buy or when they stop: no prediction is made; use a later --as-of, or import a longer history',
    zh: '截至 {day}，全部 {n} 位客户都只在同一天买过（T 全为 0），数据说明不了客户多久买一次、何时流失：不做预测；请用更晚的 --as-of，或导入更长的历史',
  },
  'ltv.noRepeat': {
    en: 'no customer bought on two different days up to {day} ({n} {n:customer|customers} in all): a repeat-purchase model cannot be fitted, so there is no lifetime value to show. What can still be said: the history (revenue per customer so far: orderlens customers) and the textbook value (orderlens ltv --method simple, which assumes a lifetime)',
    zh: '截至 {day}，没有客户在两个不同的日子购买过（共 {n} 位客户）：无法拟合复购模型，因此没有客户生命周期价值可给。仍然可以说的是：历史（每位客户至今的收入：orderlens customers）和教科书公式的价值（orderlens ltv --method simple，它假定一个生命周期）',
  },
  'fit.workerStopped': { en: 'a long step of this report ({step}) stopped in its worker thread: {why}', zh: '本报告的一个耗时步骤（{step}）在工作线程中中止：{why}' },
  'rfm.shopsTogether': {
    en: 'the scores rank each customer against the customers of all {n} shops together (one ranking for the store); one shop ranked on its own: --shop NAME',
    zh: '评分把每位客户与全部 {n} 家店铺的客户放在一起排名（整个数据库一个排名）；只在一家店铺内排名：--shop 店铺名',
  },
  'rfm.shopsTogetherCn8': {
    en: 'the splits are taken over the customers of all {n} shops together (one split for the store); one shop split on its own: --shop NAME',
    zh: '高低分界取自全部 {n} 家店铺的客户（整个数据库一个分界）；只按一家店铺自己的分界：--shop 店铺名',
  },
  'ltv.oneFit': {
    en: 'the model is one fit over the customers of all {n} shops together, not one per shop; one shop fitted on its own: --shop NAME',
    zh: '模型是在全部 {n} 家店铺的客户上合起来拟合的一个模型，不是逐店拟合；只拟合一家店铺：--shop 店铺名',
  },
  'ltv.triedOne': { en: '{model} did not converge ({stop})', zh: '{model} 未收敛（{stop}）' },
  'ltv.triedThree': { en: 'no model converged ({m1}: {s1}; {m2}: {s2}; {m3}: {s3})', zh: '没有一个模型收敛（{m1}：{s1}；{m2}：{s2}；{m3}：{s3}）' },
  'ltv.triedAll': { en: 'no model converged ({list})', zh: '没有一个模型收敛（{list}）' },
  'ltv.noFallback': {
    en: '{tried} on {n:this|these} {n} {n:customer|customers}; with {repeat} repeat {repeat:buyer|buyers} (fewer than about {need}) no other model is fitted in its place: ask for one with --model (auto fits all three), or try --unit day, another --as-of, or --method simple',
    zh: '{tried}（{n} 位客户）；复购客户只有 {repeat} 位（不足约 {need} 位），不会自动改用其他模型：可用 --model 指定另一个（auto 三个都拟合），或试试 --unit day、换一个 --as-of，或 --method simple',
  },
  'ltv.noConvergence': {
    en: '{tried} on {n:this|these} {n} {n:customer|customers} ({repeat} repeat {repeat:buyer|buyers}); try --unit day, another --as-of, or --method simple',
    zh: '{tried}（{n} 位客户，其中复购 {repeat} 位）；可试试 --unit day、换一个 --as-of，或 --method simple',
  },
  'ltv.totalsMissing': {
    en: 'no totals: the model gives no expected purchases for {missing} of {n} {n:customer|customers} at the fitted parameters (a fit at its boundary, see above), so the expected_purchases and clv of {missing:that customer|those customers} and the sums of {missing:its group|their groups} are left empty; try another --model',
    zh: '不给合计：在这组参数下，模型对 {n} 位客户中的 {missing} 位给不出预期购买次数（拟合落在参数边界上，见上方），其 expected_purchases、clv 以及所在分组的合计都留空；请换一个 --model',
  },
  'ltv.oneRepeat': {
    en: 'none of the {n} {n:customer|customers} bought on a third day up to {day}: {repeat} came back once (a median of {gap} {gap:day|days} after the first purchase day) and none came back again, so the data cannot tell how long customers keep buying; no model is fitted and no prediction is made. What can still be said: the history (revenue per customer so far: orderlens customers) and the textbook value (orderlens ltv --method simple, which assumes a lifetime)',
    zh: '截至 {day}，{n} 位客户中没有人在第三个日子购买：{repeat} 位回购过一次（中位数为首次购买后 {gap} 天），之后再没有人回购，数据无法说明客户会持续购买多久；因此不拟合模型，也不做预测。仍然可以说的是：历史（每位客户至今的收入：orderlens customers）和教科书公式的价值（orderlens ltv --method simple，它假定一个生命周期）',
  },
  'ltv.history': {
    en: 'history up to {day}: {revenue} net from {n} {n:customer|customers}, {perCustomer} a customer; {repeat} ({share}) came back',
    zh: '截至 {day} 的历史：{n} 位客户净收入 {revenue}，每位 {perCustomer}；{repeat} 位（{share}）回购过',
  },
  'ltv.fitted': { en: 'fitted on {n} {n:customer|customers} ({repeat} repeat) up to {day}; time unit: {unit}', zh: '基于截至 {day} 的 {n} 位客户拟合（其中复购 {repeat} 位）；时间单位：{unit}' },
  'ltv.fallback': {
    en: '{from} did not converge ({stop}); using {to} instead, the lowest AIC of the models that converged',
    zh: '{from} 未收敛（{stop}）；改用 {to}，它是已收敛模型中 AIC 最低的',
  },
  'ltv.pickedAic': { en: 'picked {model}: lowest AIC', zh: '选用 {model}：AIC 最低' },
  'ltv.pickedAicConverged': { en: 'picked {model}: lowest AIC of the models that converged', zh: '选用 {model}：已收敛模型中 AIC 最低' },
  'ltv.pickedMae': { en: 'picked {model}: lowest holdout MAE per customer', zh: '选用 {model}：留出期每位客户的 MAE 最低' },
  'ltv.pickedMaeConverged': { en: 'picked {model}: lowest holdout MAE per customer of the models that converged', zh: '选用 {model}：已收敛模型中留出期每位客户的 MAE 最低' },
  'ltv.spendFit': { en: '{line} (gamma in {currency})', zh: '{line}（gamma 以 {currency} 计）' },
  'ltv.paramsSteadySpend': {
    en: 'Gamma-Gamma reached its limit p → ∞, gamma → 0 (each customer spends alike every time): p and gamma are left empty (the values there are stand-ins, not estimates); p*gamma, which the data do fix, is given with its standard error',
    zh: 'Gamma-Gamma 到达极限 p → ∞、gamma → 0（每位客户每次消费都差不多）：p 和 gamma 留空（那里的数值只是替身，不是估计值）；给出数据能确定的 p*gamma 及其标准误',
  },
  'ltv.paramsNoDropout': {
    en: '{model} reached its limit {a} → 0 (no dropout seen): {a} and {b} are left empty (the value of {a} there is a stand-in, not an estimate, and at the limit {b} makes no difference)',
    zh: '{model} 到达极限 {a} → 0（看不到流失）：{a} 和 {b} 留空（{a} 的数值只是替身，不是估计值；在极限处 {b} 不起作用）',
  },
  'ltv.paramsOneRate': {
    en: '{model} reached its limit r, alpha → ∞ (one purchase rate for everyone): r and alpha are left empty (the values there are stand-ins, not estimates); r/alpha, that rate per {unit}, is given with its standard error',
    zh: '{model} 到达极限 r、alpha → ∞（所有人的购买频率相同）：r 和 alpha 留空（那里的数值只是替身，不是估计值）；给出这个每{unit}的购买频率 r/alpha 及其标准误',
  },
  'ltv.paramsAllOrNone': {
    en: '{model} reached its limit a, b → 0 (each customer either never drops out or drops out at the first chance): a and b are left empty (the values there are stand-ins, not estimates); a/(a+b), the share that drops out at the first chance, is given with its standard error',
    zh: '{model} 到达极限 a、b → 0（每位客户要么从不流失，要么一有机会就流失）：a 和 b 留空（那里的数值只是替身，不是估计值）；给出一有机会就流失的客户占比 a/(a+b) 及其标准误',
  },
  'ltv.paramsSameDropout': {
    en: '{model} reached its limit a, b → ∞ (one dropout probability for everyone): a and b are left empty (the values there are stand-ins, not estimates); a/(a+b), that probability, is given with its standard error',
    zh: '{model} 到达极限 a、b → ∞（所有人的流失概率相同）：a 和 b 留空（那里的数值只是替身，不是估计值）；给出这个流失概率 a/(a+b) 及其标准误',
  },
  'ltv.paramsSameDropoutRate': {
    en: '{model} reached its limit s, beta → ∞ (one dropout rate for everyone): s and beta are left empty (the values there are stand-ins, not estimates); s/beta, that rate per {unit}, is given with its standard error',
    zh: '{model} 到达极限 s、beta → ∞（所有人的流失率相同）：s 和 beta 留空（那里的数值只是替身，不是估计值）；给出这个每{unit}的流失率 s/beta 及其标准误',
  },
  'ltv.paramsSameSpendLevel': {
    en: 'Gamma-Gamma reached its limit q, gamma → ∞ (one spend level for everyone): q and gamma are left empty (the values there are stand-ins, not estimates); q/gamma, which the data do fix, is given with its standard error',
    zh: 'Gamma-Gamma 到达极限 q、gamma → ∞（所有人的消费水平相同）：q 和 gamma 留空（那里的数值只是替身，不是估计值）；给出数据能确定的 q/gamma 及其标准误',
  },
  'ltv.fitLine': { en: '{model}: {params}; LL {ll}, AIC {aic}, {n} {n:customer|customers}, {status}', zh: '{model}：{params}；LL {ll}，AIC {aic}，{n} 位客户，{status}' },
  'ltv.fitLineFailed': { en: '{model}: {status}, {n} {n:customer|customers}; no estimates shown (a fit that did not converge gives none)', zh: '{model}：{status}，{n} 位客户；未收敛的拟合不给出估计值' },
  'ltv.fitConverged': { en: 'converged', zh: '已收敛' },
  'ltv.fitConvergedAt': { en: 'converged: {how}', zh: '已收敛：{how}' },
  'ltv.fitNotConverged': { en: 'NOT converged: {stop}', zh: '未收敛：{stop}' },
  'ltv.holdoutPeriod': { en: 'holdout: {from} to {to} ({days} {days:day|days} = {duration} {units})', zh: '留出期：{from} 至 {to}（{days} 天 = {duration} {units}）' },
  'ltv.unit.week': { en: 'week', zh: '周' },
  'ltv.unit.day': { en: 'day', zh: '天' },
  'ltv.units.week': { en: 'weeks', zh: '周' },
  'ltv.units.day': { en: 'days', zh: '天' },
  'ltv.holdoutModel': {
    en: '{model}: AIC {aic}, holdout MAE per customer {mae}; predicted {predicted} vs actual {actual} purchase {actual:day|days} ({err}){rest}',
    zh: '{model}：AIC {aic}，留出期每位客户 MAE {mae}；预测 {predicted} 个购买日，实际 {actual} 个（{err}）{rest}',
  },
  'ltv.holdoutModelFailed': {
    en: '{model}: did not converge ({stop}): left out of the comparison (no AIC, holdout MAE or prediction from where the fit stopped)',
    zh: '{model}：未收敛（{stop}）：不参与比较（拟合停下的位置给不出 AIC、留出期 MAE 或预测）',
  },
  'ltv.holdoutPicked': { en: ' ← picked', zh: ' ← 选用' },
  'ltv.badInterval': { en: "--interval '{value}' must be a level between 0 and 1, such as 0.9 or 90%, or none", zh: "--interval '{value}' 必须是 0 到 1 之间的置信水平，如 0.9 或 90%，或者 none" },
  'ltv.noIntervals': { en: 'no intervals: the fitted model has no standard errors', zh: '没有区间：拟合出的模型没有标准误' },
  'ltv.totals': { en: 'total expected purchase days {purchases} ({ranges})', zh: '预期购买日合计 {purchases}（{ranges}）' },
  'ltv.totalsClv': { en: 'total expected purchase days {purchases} ({ranges}); total CLV {clv} ({clvRanges})', zh: '预期购买日合计 {purchases}（{ranges}）；CLV 合计 {clv}（{clvRanges}）' },
  'ltv.intervalsMeaning': {
    en: "intervals (clv_low, clv_high, expected_purchases_low/high: {level}): how far the expected values move with the uncertainty of the fitted parameters (delta method on the log-parameters), not how much one customer's purchases vary",
    zh: '区间（clv_low、clv_high、expected_purchases_low/high：{level}）反映的是模型参数估计的不确定性会让预期值变动多少（对数参数上的 delta 方法），不是单个客户购买多少的波动',
  },
  'ltv.intervalsMeaningPurchases': {
    en: "intervals (expected_purchases_low/high: {level}): how far the expected purchases move with the uncertainty of the fitted parameters (delta method on the log-parameters), not how much one customer's purchases vary",
    zh: '区间（expected_purchases_low/high：{level}）反映的是模型参数估计的不确定性会让预期购买次数变动多少（对数参数上的 delta 方法），不是单个客户购买多少的波动',
  },
  // ---- ltv --holdout's table and --by customer --holdout (src/report/ltv.ts, ltv-simple.ts) ----
  'ltvHoldout.title': {
    en: '{model} predictions over the {days}-day holdout, by calibration frequency (repeat purchase days up to {day})',
    zh: '{model} 在 {days} 天留出期内的预测，按校准期频次分组（截至 {day} 的复购天数）',
  },
  'ltvHoldout.titleTextbook': {
    en: 'textbook predictions over the {days}-day holdout, by calibration frequency (repeat purchase days up to {day})',
    zh: '教科书公式在 {days} 天留出期内的预测，按校准期频次分组（截至 {day} 的复购天数）',
  },
  'ltvHoldout.customerUnits': {
    en: 'recency_cal, T_cal and duration_holdout in {units}; monetary values are mean net amounts per purchase day (0 when there is none, as lifetimes)',
    zh: 'recency_cal、T_cal 和 duration_holdout 以{units}为单位；金额是每个购买日的平均净额（没有时为 0，与 lifetimes 一致）',
  },

  // ---- ltv --method simple and --what-if (src/cli/ltv-textbook.ts) ----
  'ltvSimple.lifetimeGiven': { en: 'expected remaining lifetime {years} years: given with --lifetime {lifetime}', zh: '预期剩余生命周期 {years} 年：由 --lifetime {lifetime} 指定' },
  'ltvSimple.summaryNeedsLifetime': {
    en: '--method simple measures the yearly churn rate over the year before {day}, which a summary as of one day cannot give: set the expected lifetime with --lifetime, e.g. --lifetime 3y',
    zh: '--method simple 要测量 {day} 之前一年的年流失率，只有一个截止日的汇总给不出：请用 --lifetime 指定预期生命周期，如 --lifetime 3y',
  },
  'ltvSimple.noneChurned': { en: 'none of the {base} {base:customer|customers} who {base:was|were} not churned on {start} churned by {end}, so 1 / churn is unbounded', zh: '{start} 时未流失的 {base} 位客户到 {end} 一个也没有流失，1 / 流失率 没有上限' },
  'ltvSimple.noGapsAtStart': { en: 'no customer had two purchase days before {start}, so orderlens churn has no churn line on that day', zh: '{start} 之前没有客户在两个不同的日子下过单，那天定不出流失阈值' },
  'ltvSimple.noHistory': { en: 'no customer bought before {start} ({days} {days:day|days} before {end}), so a yearly churn rate cannot be measured', zh: '{start}（{end} 之前 {days} 天）之前没有客户下过单，测不出年流失率' },
  'ltvSimple.noChurnRate': {
    en: '--method simple needs a yearly churn rate over {start} to {end}: {why}; give the expected lifetime with --lifetime, e.g. --lifetime 3y',
    zh: '--method simple 需要 {start} 至 {end} 的年流失率：{why}；请用 --lifetime 指定预期生命周期，如 --lifetime 3y',
  },
  'ltvSimple.lifetimeMeasured': {
    en: 'expected remaining lifetime {years} years = 1 / yearly churn {rate}: of {base} {base:customer|customers} not churned on {start}, {churned} {churned:was|were} churned on {end} (the rule of orderlens churn, G = {gStart} and {gEnd} days; or set --lifetime)',
    zh: '预期剩余生命周期 {years} 年 = 1 / 年流失率 {rate}：{start} 时未流失的 {base} 位客户中，到 {end} 有 {churned} 位已流失（按 orderlens churn 的规则，G 分别为 {gStart} 天和 {gEnd} 天；也可用 --lifetime 指定）',
  },
  'ltvSimple.doubtBase': { en: 'only {base} {base:customer|customers} in its base (fewer than {need})', zh: '计算基数只有 {base} 位客户（少于 {need} 位）' },
  'ltvSimple.doubtHistory': { en: 'only {days} {days:day|days} of purchases before {start} to judge who was churned then (less than {need})', zh: '{start} 之前只有 {days} 天的购买记录来判断当时谁已流失（不足 {need} 天）' },
  'ltvSimple.uncertain': { en: 'warning: the yearly churn rate is uncertain: {doubts}; give --lifetime if you know the lifetime better', zh: '注意：年流失率不太可靠：{doubts}；如果你更清楚客户生命周期，请用 --lifetime 指定' },
  'ltvSimple.uncertainBoth': { en: 'warning: the yearly churn rate is uncertain: {a}, and {b}; give --lifetime if you know the lifetime better', zh: '注意：年流失率不太可靠：{a}；而且{b}；如果你更清楚客户生命周期，请用 --lifetime 指定' },
  'ltvSimple.nothingToValue': { en: 'no customer has a counted purchase on or before {day}: nothing to value (check --as-of and the filters)', zh: '{day} 及之前没有任何客户有计入的购买，无从估值（请检查 --as-of 和筛选条件）' },
  'ltvSimple.formula': {
    en: 'the textbook formula: CLV = AOV × purchases per year × expected lifetime × margin × discount; it assumes every customer is still buying (the model-based ltv, without --method, weighs each by P(alive))',
    zh: '教科书公式：CLV = 客单价（AOV）× 年购买次数 × 预期生命周期 × 毛利率 × 贴现；它假定每位客户都还在买（不加 --method 的模型版 ltv 会按 P(alive) 给每位客户加权）',
  },
  'ltvSimple.perYear': { en: 'purchases per year = purchase days / max(observed years, {years}-year minimum span, set with --min-span)', zh: '年购买次数 = 购买天数 / max(观察年数, 最短 {years} 年；用 --min-span 设定)' },
  'ltvSimple.holdout': {
    en: 'holdout: {from} to {to} ({days} {days:day|days}); textbook: predicted {predicted} vs actual {actual} purchase {actual:day|days}, MAE per customer {mae}',
    zh: '留出期：{from} 至 {to}（{days} 天）；教科书公式：预测 {predicted} 个购买日，实际 {actual} 个，每位客户 MAE {mae}',
  },
  'ltvSimple.shop': {
    en: 'shop: {n} {n:customer|customers}, AOV {aov}, {perYear} purchases a year, lifetime {years} years, margin {margin}, discount factor {factor}: CLV {clv} ({perCustomer} per customer)',
    zh: '全店：{n} 位客户，客单价 {aov}，每年购买 {perYear} 次，生命周期 {years} 年，毛利率 {margin}，贴现系数 {factor}：CLV {clv}（每位客户 {perCustomer}）',
  },
  'whatIf.textbook': { en: 'the textbook method', zh: '教科书公式' },
  'whatIf.noRetention': {
    en: '--what-if {change}: the {model} fit gives no one-year retention (its parameters are unusable: see the warnings above); try another --model, or --method simple',
    zh: '--what-if {change}：{model} 的拟合给不出一年留存率（参数不可用，见上面的提示）；请换一个 --model，或用 --method simple',
  },
  'whatIf.unreachable': {
    en: '--what-if {change}: retention {before} cannot become {target} by changing {how}; it reaches {low} to {high}: try a smaller change',
    zh: '--what-if {change}：靠调整{how}，留存率无法从 {before} 变为 {target}，只能在 {low} 到 {high} 之间：请换一个小一点的变化',
  },
  'whatIf.unreachableSimple': {
    en: '--what-if {change}: retention {before} cannot become {target} by changing {how}; it reaches {low} to {high} (churn must stay above 0): try a smaller change',
    zh: '--what-if {change}：靠调整{how}，留存率无法从 {before} 变为 {target}，只能在 {low} 到 {high} 之间（流失率必须大于 0）：请换一个小一点的变化',
  },
  'whatIf.howSimple': { en: 'the yearly churn rate', zh: '年流失率' },
  'whatIf.howModel': { en: 'the dropout parameter of {model}', zh: ' {model} 的流失参数' },
  'whatIf.mapSimple': {
    en: 'what-if: yearly churn {before} → {after} (retention {points} points), so the expected lifetime 1 / churn goes from {yearsBefore} to {yearsAfter} years; every customer is assumed to stay that long (the textbook), values are over the lifetime',
    zh: '假设分析：年流失率 {before} → {after}（留存率变化 {points} 个百分点），预期生命周期 1 / 流失率 从 {yearsBefore} 年变为 {yearsAfter} 年；假定每位客户都留这么久（教科书做法），价值按整个生命周期计',
  },
  'whatIf.dropoutRate': { en: 'mean dropout rate s/β {before} → {after} per {unit}; every dropout rate × {factor}', zh: '平均流失率 s/β 每{unit} {before} → {after}；每位客户的流失率都 × {factor}' },
  'whatIf.dropoutProbability': { en: 'mean dropout probability per purchase a/(a+b) {before} → {after}', zh: '每次购买后的平均流失概率 a/(a+b) {before} → {after}' },
  'whatIf.mapModel': {
    en: 'what-if: {model} {parameter} {before} → {after} ({dropout}) so that one-year retention (the expected share of the customers alive now still alive 365.25 days later) moves {points} points; P(alive) now is kept for every customer',
    zh: '假设分析：{model} 的参数 {parameter} {before} → {after}（{dropout}），使一年留存率（现在仍活跃的客户中 365.25 天后预计仍活跃的比例）变化 {points} 个百分点；每位客户当前的 P(alive) 保持不变',
  },
  'whatIf.horizonLifetime': { en: 'the expected lifetime', zh: '预期生命周期内' },
  'whatIf.horizonDays': { en: 'the horizon ({days} days)', zh: '预测期（{days} 天）内' },
  'whatIf.noPurchases': {
    en: '{model} gives no expected purchases at these parameters (a fit at a boundary: see the warnings above), so purchases and money are left empty; try another --model',
    zh: '{model} 在这组参数下给不出预期购买次数（拟合落在参数边界上，见上面的提示），购买次数和金额留空；请换一个 --model',
  },
  'whatIf.noSpend': {
    en: 'no customer has an expected spend (the spend model could not be fitted): revenue, margin and the break-even cost are left empty',
    zh: '没有客户有预期消费额（消费模型拟合不出来）：收入、毛利和盈亏平衡成本留空',
  },
  'whatIf.someUnvalued': { en: '{n} {n:customer|customers} without an expected spend {n:is|are} left out of revenue and margin', zh: '{n} 位没有预期消费额的客户不计入收入和毛利' },
  'whatIf.margin': {
    en: 'over {horizon}: margin {before} → {after} ({change}); {more} more customers still buying a year from now, {each}',
    zh: '{horizon}：毛利 {before} → {after}（{change}）；一年后仍在购买的客户多 {more} 位，{each}',
  },
  'whatIf.marginFewer': {
    en: 'over {horizon}: margin {before} → {after} ({change}); {fewer} fewer customers still buying a year from now, {each}',
    zh: '{horizon}：毛利 {before} → {after}（{change}）；一年后仍在购买的客户少 {fewer} 位，{each}',
  },
  'whatIf.each': { en: '{amount} each', zh: '每位 {amount}' },
  'whatIf.noEach': { en: 'no margin per retained customer', zh: '算不出每位留住客户的毛利' },
  'whatIf.ruleOfThumb': {
    en: 'the rule of thumb "+5% retention → +25–85% profit" (read as 5 points): for this shop {change} over {horizon}',
    zh: '经验法则“留存率 +5% → 利润 +25–85%”（按 5 个百分点理解）：本店{horizon}为 {change}',
  },
  'whatIf.breakEven': {
    en: 'break-even: a retention effort spent on all {n} {n:customer|customers} pays while it costs less than {amount} per customer (margin change / customers)',
    zh: '盈亏平衡：对全部 {n} 位客户做留存投入，每位客户成本低于 {amount} 就划算（毛利增量 / 客户数）',
  },
  'whatIf.noBreakEven': {
    en: 'no break-even cost: this change lowers margin by {amount} per customer over all {n} {n:customer|customers} (margin change / customers)',
    zh: '没有盈亏平衡成本：这一变化使全部 {n} 位客户的毛利每位减少 {amount}（毛利变化 / 客户数）',
  },
  'whatIf.pays': { en: 'at {cost} per customer the effort costs {total} and returns {gain}: it pays (net {net})', zh: '按每位客户 {cost} 计，投入 {total}，带来 {gain}：划算（净得 {net}）' },
  'whatIf.doesNotPay': { en: 'at {cost} per customer the effort costs {total} and returns {gain}: it does not pay (net {net})', zh: '按每位客户 {cost} 计，投入 {total}，带来 {gain}：不划算（净得 {net}）' },
  // ---- campaign (src/cli/commands/campaign.ts): split, import, report, drop ----
  'campaign.noneToDrop': { en: "no campaign named '{name}' to drop: see 'orderlens campaign list'", zh: "没有名为 '{name}' 的活动可删：见 'orderlens campaign list'" },
  'campaign.dropped': { en: "dropped campaign '{name}'", zh: "已删除活动 '{name}'" },
  'campaign.badHoldout': { en: "--holdout '{value}' must be a share between 0 and 100% (exclusive), such as 10%", zh: "--holdout '{value}' 必须是介于 0 和 100% 之间（不含两端）的比例，如 10%" },
  'campaign.notSegment': { en: "--segment '{name}' is not a segment: use one of {list}", zh: "--segment '{name}' 不是分群：请用 {list} 之一" },
  'campaign.emptySegment': { en: 'no customer is in {segment} as of {day}: nothing to split', zh: '截至 {day}，{segment} 里没有客户：无从拆分' },
  'campaign.split': {
    en: '{n} {n:customer|customers} in {segment} as of {day}: {treatment} treatment, {control} control ({share}, seed {seed})',
    zh: '截至 {day}，{segment} 共 {n} 位客户：实验组 {treatment} 位，对照组 {control} 位（{share}，随机种子 {seed}）',
  },
  'campaign.smallControl': {
    en: 'warning: a control group of {n} can only show large effects; a larger segment or --holdout narrows the interval',
    zh: '注意：对照组只有 {n} 位，只能看出很大的效果；分群更大或 --holdout 更高，区间才会变窄',
  },
  'campaign.shopsNoControl': {
    en: "warning: {share} rounds to no control member in {shops} {shops:shop|shops} ({list}; {n} {n:customer|customers}): campaign report compares each shop with its own control members, so it leaves {n:that customer|those customers} out",
    zh: '注意：{list} 共 {shops} 个店铺按 {share} 四舍五入后没有对照组成员（{n} 位客户）：效果报告只拿每个店铺自己的对照组比较，这些客户不计入',
  },
  'campaign.noControlDrawn': {
    en: 'warning: {share} of {n} {n:customer|customers} rounds to no control group: campaign report can then only compare with untargeted customers (weaker evidence); a higher --holdout draws one',
    zh: '注意：{n} 位客户的 {share} 四舍五入后没有对照组：效果报告只能拿未触达的客户比较（证据较弱）；提高 --holdout 才能抽出对照组',
  },
  'campaign.sendHint': {
    en: 'send to the treatment rows only; afterwards: orderlens campaign import FILE --name NAME --sent DATE',
    zh: '只向 treatment（实验组）这些行发送；发送后运行：orderlens campaign import 文件 --name 名称 --sent 日期',
  },
  'campaign.sendHintFile': {
    en: 'send to the treatment rows only; afterwards: orderlens campaign import {file} --name NAME --sent DATE',
    zh: '只向 treatment（实验组）这些行发送；发送后运行：orderlens campaign import {file} --name 名称 --sent 日期',
  },
  'campaign.emptyName': { en: '--name must not be empty', zh: '--name 不能为空' },
  'campaign.noMatch': {
    en: '{file}: none of the {n} {n:row|rows} matches a customer in this database (columns read: {columns})',
    zh: '{file}：{n} 行中没有一行能对应到本数据库里的客户（读取的列：{columns}）',
  },
  'campaign.unmatched': { en: '{file}: {n} {n:row matches|rows match} no customer (line {lines})', zh: '{file}：有 {n} 行对应不到客户（第 {lines} 行）' },
  'campaign.unmatchedMany': { en: '{file}: {n} {n:row matches|rows match} no customer (lines {lines})', zh: '{file}：有 {n} 行对应不到客户（第 {lines} 行）' },
  'campaign.blank': { en: '{file}: {n} {n:row names|rows name} nobody (line {lines})', zh: '{file}：有 {n} 行没写客户（第 {lines} 行）' },
  'campaign.duplicates': { en: '{file}: {n} {n:row repeats|rows repeat} a customer already listed (counted once)', zh: '{file}：有 {n} 行重复了已列出的客户（只算一次）' },
  'campaign.manyShops': {
    en: '{file}: {n} {n:row names a customer|rows name customers} of more than one shop (the same buyer or order id in each; every one is a member; lines {lines}): add platform and shop columns (campaign split writes both) to name one',
    zh: '{file}：有 {n} 行对应到不止一家店铺的客户（各店铺里同一买家或订单号；都算成员；第 {lines} 行）：加上 platform 和 shop 两列（campaign split 输出就有）即可只指一家',
  },
  'campaign.noGroup': {
    en: 'no group column: every customer is treatment; the report compares them with untargeted customers of the same segments (weaker evidence than a control group)',
    zh: '没有 group 列：所有客户都算实验组；效果报告会拿他们与同分群中未触达的客户比较（证据不如对照组有力）',
  },
  'campaign.noSent': { en: 'no --sent day: campaign report needs one (import again with --sent DATE --replace)', zh: '没有 --sent 发送日期：效果报告需要它（请加 --sent 日期 --replace 重新导入）' },
  'campaign.sentBeforeAsOf': {
    en: "warning: --sent {sent} is before {day}, the day the list was drawn as of ({n} {n:row|rows}): campaign report's window would count the purchases that chose {n:that customer|those customers}; if the date is wrong, import again with --sent DATE --replace",
    zh: '注意：--sent {sent} 早于名单的截至日 {day}（{n} 行）：效果报告的观察期会把选出这些客户的购买也算进去；日期若写错，请加 --sent 日期 --replace 重新导入',
  },
  'campaign.sentLongAfterAsOf': {
    en: 'warning: --sent {sent} is {days} {days:day|days} after {day}, the day the list was drawn as of ({n} {n:row|rows}): {n:that customer|those customers} may have left the segment by the send; if the date is wrong, import again with --sent DATE --replace',
    zh: '注意：--sent {sent} 比名单的截至日 {day} 晚了 {days} 天（{n} 行）：发送时这些客户可能已不在该分群；日期若写错，请加 --sent 日期 --replace 重新导入',
  },
  'campaign.sentBeforeAsOfShop': {
    en: "warning: --sent {sent} is before {day}, the day the list was drawn as of in {shop} ({n} {n:row|rows}): campaign report's window would count the purchases that chose {n:that customer|those customers}; if the date is wrong, import again with --sent DATE --replace",
    zh: '注意：--sent {sent} 早于名单在 {shop} 的截至日 {day}（{n} 行）：效果报告的观察期会把选出这些客户的购买也算进去；日期若写错，请加 --sent 日期 --replace 重新导入',
  },
  'campaign.sentLongAfterAsOfShop': {
    en: 'warning: --sent {sent} is {days} {days:day|days} after {day}, the day the list was drawn as of in {shop} ({n} {n:row|rows}): {n:that customer|those customers} may have left the segment by the send; if the date is wrong, import again with --sent DATE --replace',
    zh: '注意：--sent {sent} 比名单在 {shop} 的截至日 {day} 晚了 {days} 天（{n} 行）：发送时这些客户可能已不在该分群；日期若写错，请加 --sent 日期 --replace 重新导入',
  },
  'campaign.sentAfterData': {
    en: "warning: --sent {sent} is {days} {days:day|days} after the last order of the listed customers' shops ({day}): campaign report measures the orders from the send day on; if the date is wrong, import again with --sent DATE --replace",
    zh: '注意：--sent {sent} 比名单客户所在店铺的最后一笔订单（{day}）晚了 {days} 天：效果报告只统计发送日及之后的订单；日期若写错，请加 --sent 日期 --replace 重新导入',
  },
  'campaign.badWindow': { en: "--window '{value}' must be a span such as 30d, 4w or 2mo", zh: "--window '{value}' 必须是时间跨度，如 30d、4w 或 2mo" },
  'campaign.noSentDay': { en: "campaign '{name}' has no sent day: import its list again with --sent DATE --replace", zh: "活动 '{name}' 没有发送日期：请加 --sent 日期 --replace 重新导入名单" },
  'campaign.noTreatment': { en: "campaign '{name}' has no treatment group: nothing to measure", zh: "活动 '{name}' 没有实验组：无从衡量" },
  'campaign.absent': {
    en: '{n} listed {n:customer has|customers have} no counted {currency} purchase at all: {n:it counts as a customer who|they count as customers who} did not buy',
    zh: '名单中有 {n} 位客户没有任何计入的 {currency} 购买：按未购买计',
  },
  'campaign.shopEnded': {
    en: 'warning: {n} listed {n:customer|customers} of {shop} {n:is|are} left out: its orders end {day}, before the send day {sent}, so the data cannot show what {n:that customer|those customers} did after it',
    zh: '注意：名单中 {shop} 的 {n} 位客户未计入：该店铺的订单到 {day} 就结束了，早于发送日 {sent}，数据看不到这些客户之后的购买',
  },
  'campaign.shopNoOrders': {
    en: 'warning: {n} listed {n:customer|customers} of {shop} {n:is|are} left out: the shop has no counted {currency} purchase to measure',
    zh: '注意：名单中 {shop} 的 {n} 位客户未计入：该店铺没有可衡量的 {currency} 有效购买',
  },
  'campaign.shopsMore': {
    en: 'warning: and {n} listed {n:customer|customers} of {shops} more {shops:shop|shops} like {n:it|them} (left out)',
    zh: '注意：另有 {shops} 个店铺的 {n} 位客户同样未计入',
  },
  'campaign.shopShort': {
    en: 'warning: the orders of {shop} run to {day}, {have} {have:day|days} of the {days}-day window: its {n} listed {n:customer is|customers are} measured over {have:that day|those days} only',
    zh: '注意：{shop} 的订单只到 {day}，观察期 {days} 天中只有 {have} 天：该店铺名单中的 {n} 位客户只按这几天统计',
  },
  'campaign.shortMore': {
    en: 'warning: and {shops} more {shops:shop|shops} whose orders end inside the window ({n} listed {n:customer|customers}), measured up to {shops:its|each one\'s} own end',
    zh: '注意：另有 {shops} 个店铺的订单在观察期内结束（名单中 {n} 位客户），各按自己的截止日统计',
  },
  'campaign.noLaterOrders': { en: 'no orders on or after the send day {day} yet: import later orders first', zh: '发送日 {day} 当天及之后还没有订单：请先导入之后的订单' },
  'campaign.noLaterOrdersShops': {
    en: "no orders of the listed customers' {shops:shop|shops} on or after the send day {day} yet: import {shops:its|their} later orders first",
    zh: '名单中客户所在的 {shops} 个店铺在发送日 {day} 当天及之后还没有订单：请先导入这些店铺之后的订单',
  },
  'campaign.window': { en: 'window {from} to {to} ({days} {days:day|days})', zh: '观察期 {from} 至 {to}（{days} 天）' },
  'campaign.membersCurrency': {
    en: "in {currency}, the currency of the listed customers' shops (another: --currency CODE)",
    zh: '按 {currency} 统计：名单中客户所在店铺的币种（换一种：--currency 代码）',
  },
  'campaign.shortWindow': {
    en: 'warning: the orders run to {day}, {have} {have:day|days} of the {days}-day window: the numbers cover {have:that day|those days} only',
    zh: '注意：订单只到 {day}，观察期 {days} 天中只有 {have} 天有数据：以下数字只覆盖这几天',
  },
  'campaign.noComparison': {
    en: "campaign '{name}' has no control group, and no untargeted customer shares a segment with the targeted ones: nothing to compare with",
    zh: "活动 '{name}' 没有对照组，也没有未触达的客户与触达客户同属一个分群：没有可比较的对象",
  },
  'campaign.controlLeftOut': {
    en: "campaign '{name}' has a control group, but none of its members is in a shop with orders to measure after the send: nothing to compare with (untargeted customers are no stand-in for a random control group)",
    zh: "活动 '{name}' 有对照组，但对照组里没有一位客户所在的店铺在发送日之后有可衡量的订单：没有可比较的对象（未触达的客户不能代替随机对照组）",
  },
  'campaign.peers': {
    en: 'no control group: comparing with the {n} {n:customer|customers} who {n:was|were} not targeted and {n:was|were} in the same RFM segments on {day} — weaker evidence than a random control group, because who was targeted was chosen',
    zh: '没有对照组：改与 {day} 时同属这些 RFM 分群、但未被触达的 {n} 位客户比较——证据不如随机对照组有力，因为触达谁是挑过的',
  },
  'campaign.peersShops': {
    en: "no control group: comparing with the {n} {n:customer|customers} of the targeted customers' shops who {n:was|were} not targeted and {n:was|were} in the same RFM segments on {day} — weaker evidence than a random control group, because who was targeted was chosen",
    zh: '没有对照组：改与触达客户所在店铺中、{day} 时同属这些 RFM 分群但未被触达的 {n} 位客户比较——证据不如随机对照组有力，因为触达谁是挑过的',
  },
  'campaign.noShopWithBoth': {
    en: "campaign '{name}': no shop has both targeted and control members to measure after the send: nothing to compare within a shop (another shop's customers are no random control group)",
    zh: "活动 '{name}'：发送日之后没有一个店铺同时有可衡量的触达客户和对照组客户：无法在店铺内比较（别的店铺的客户不能当随机对照组）",
  },
  'campaign.shopNoControl': {
    en: 'warning: {n} targeted {n:customer|customers} of {shop} {n:is|are} left out: the shop has no control member of its own to compare with (another shop\'s customers are no random control group)',
    zh: '注意：{shop} 的 {n} 位触达客户未计入：该店铺没有自己的对照组成员可比较（别的店铺的客户不能当随机对照组）',
  },
  'campaign.shopNoPeers': {
    en: 'warning: {n} targeted {n:customer|customers} of {shop} {n:is|are} left out: no untargeted customer of that shop was in the same RFM segments',
    zh: '注意：{shop} 的 {n} 位触达客户未计入：该店铺没有同属这些 RFM 分群、但未被触达的客户',
  },
  'campaign.shopControlOnly': {
    en: 'warning: {n} control {n:member|members} of {shop} {n:is|are} left out: the shop has no targeted customer to compare {n:it|them} with',
    zh: '注意：{shop} 的 {n} 位对照组成员未计入：该店铺没有触达客户可与之比较',
  },
  'campaign.shopsControlOnlyMore': {
    en: 'warning: and {n} control {n:member|members} of {shops} more {shops:shop|shops} with no targeted customer (left out)',
    zh: '注意：另有 {shops} 个店铺的 {n} 位对照组成员所在店铺没有触达客户，未计入',
  },
  'campaign.ciPDisagreeIn': {
    en: 'borderline: the {level}% interval includes 0 while p {p} is below {alpha}: the interval (Wilson score limits) and the p-value (pooled z-test) are two methods, which can disagree this close to the edge; the verdict above follows the interval',
    zh: '临界：{level}% 置信区间包含 0，而 p {p} 低于 {alpha}：置信区间（Wilson 得分法）与 p 值（合并 z 检验）是两种方法，在临界附近可能不一致；上面的结论以置信区间为准',
  },
  'campaign.ciPDisagreeOut': {
    en: 'borderline: the {level}% interval leaves out 0 while p {p} is not below {alpha}: the interval (Wilson score limits) and the p-value (pooled z-test) are two methods, which can disagree this close to the edge; the verdict above follows the interval',
    zh: '临界：{level}% 置信区间不含 0，而 p {p} 不低于 {alpha}：置信区间（Wilson 得分法）与 p 值（合并 z 检验）是两种方法，在临界附近可能不一致；上面的结论以置信区间为准',
  },
  'campaign.shopsNoControlMore': {
    en: 'warning: and {n} targeted {n:customer|customers} of {shops} more {shops:shop|shops} with nothing of {shops:its|their} own to compare with (left out)',
    zh: '注意：另有 {shops} 个店铺的 {n} 位触达客户同样没有本店的比较对象，未计入',
  },
  'campaign.byShop': {
    en: 'measured shop by shop: each of the {n} shops compares its targeted customers with its own {other}, and the differences are averaged with the targeted customers as weights ({list}); the {other} row is weighted the same way (pooled without weights: {conversion} conversion, {rpc} per customer)',
    zh: '逐店衡量：{n} 个店铺各自拿触达客户与本店的{other}比较，再以各店触达客户数为权重平均（{list}）；{other}一行按同样的权重计（不加权合并：转化率 {conversion}，人均 {rpc}）',
  },
  'campaign.methodByShop': {
    en: "method: per shop, combined with the weights above: conversion: each shop's Wilson score intervals combined (MOVER; for one shop, Newcombe's), z-test of the weighted difference; revenue per customer: t interval and test with Welch–Satterthwaite degrees of freedom; 95%",
    zh: '方法：逐店计算，再按上面的权重合并：转化率用各店 Wilson 得分区间合并（MOVER；单个店铺即 Newcombe 区间）和加权差的 z 检验；人均收入用 Welch–Satterthwaite 自由度的 t 区间和检验；置信水平 95%',
  },
  'campaign.rpcThin': {
    en: 'revenue per customer: in {shops} {shops:shop|shops} ({list}) a group has fewer than 2 customers, so there is no spread to measure from: no interval',
    zh: '人均收入：{list} 共 {shops} 个店铺中有一组不足 2 位客户，没有离散程度可据以计算：算不出区间',
  },
  'campaign.roughGroup': { en: 'warning: the {group} group has {n} {n:customer|customers} with {buyers} {buyers:buyer|buyers}: the intervals are rough', zh: '注意：{group}只有 {n} 位客户、{buyers} 位购买者：区间很粗' },
  'campaign.method': {
    en: 'method: conversion: Newcombe score interval, two-proportion z-test; revenue per customer: Welch t interval and test; 95%',
    zh: '方法：转化率用 Newcombe 得分区间和两比例 z 检验；人均收入用 Welch t 区间和检验；置信水平 95%',
  },
  'campaign.weaker': { en: 'without a control group (weaker evidence): ', zh: '（没有对照组，证据较弱）' },
  'campaign.other.control': { en: 'control', zh: '对照组' },
  'campaign.other.peers': { en: 'untargeted peers', zh: '未触达的同类客户' },
  'campaign.ci': { en: '{level}% CI {low} to {high} points{p}', zh: '{level}% 置信区间 {low} 至 {high} 个百分点{p}' },
  'campaign.ciMoney': { en: '{level}% CI {low} to {high}{p}', zh: '{level}% 置信区间 {low} 至 {high}{p}' },
  'campaign.p': { en: '; p = {p}', zh: '；显著性 p = {p}' },
  'campaign.pSmall': { en: '; p < 0.001', zh: '；显著性 p < 0.001' },
  'campaign.raised': { en: '{prefix}the campaign raised {days}-day conversion from {from} to {to}; {ci}', zh: '{prefix}活动把 {days} 天转化率从 {from} 提高到 {to}；{ci}' },
  'campaign.lowered': { en: '{prefix}the campaign lowered {days}-day conversion from {from} to {to}; {ci}', zh: '{prefix}活动把 {days} 天转化率从 {from} 降到了 {to}；{ci}' },
  'campaign.noEffect': {
    en: '{prefix}no detectable effect on {days}-day conversion: {treated} targeted vs {other} {otherName}; {ci}',
    zh: '{prefix}看不出活动对 {days} 天转化率有影响：触达客户 {treated}，{otherName} {other}；{ci}',
  },
  'campaign.noBuyers': {
    en: '{prefix}nobody bought in the {days}-day window in either group ({treated} targeted, {other} {otherName}): the data cannot say whether the campaign changed conversion or revenue; the conversion difference is only bounded, {ci}',
    zh: '{prefix}{days} 天窗口内两组都没有人购买（触达客户 {treated} 位，{otherName} {other} 位）：数据回答不了活动是否改变了转化率或收入；转化率之差只能给出范围，{ci}',
  },
  'campaign.rpcNoSpread': {
    en: 'revenue per customer: every customer in each group spent the same in the window, so there is no spread to draw an interval from',
    zh: '人均收入：每组内每位客户在窗口内的消费都一样，没有离散程度可以算区间',
  },
  'campaign.rpcNone': { en: 'revenue per customer: a group has fewer than 2 customers, no interval', zh: '人均收入：有一组不足 2 位客户，算不出区间' },
  'campaign.rpcRaised': { en: '{prefix}revenue per customer raised: {treated} targeted vs {other} {otherName}; {ci}', zh: '{prefix}人均收入提高了：触达客户 {treated}，{otherName} {other}；{ci}' },
  'campaign.rpcLowered': { en: '{prefix}revenue per customer lowered: {treated} targeted vs {other} {otherName}; {ci}', zh: '{prefix}人均收入降低了：触达客户 {treated}，{otherName} {other}；{ci}' },
  'campaign.rpcNoEffect': {
    en: '{prefix}no detectable effect on revenue per customer: {treated} targeted vs {other} {otherName}; {ci}',
    zh: '{prefix}看不出活动对人均收入有影响：触达客户 {treated}，{otherName} {other}；{ci}',
  },
  'campaign.group.treatment': { en: 'treatment', zh: '实验组' },
  'campaign.group.control': { en: 'control', zh: '对照组' },
  'campaign.group.comparison': { en: 'comparison (not targeted, same segments)', zh: '比较组（未触达、同分群）' },
  'campaign.group.lift': { en: 'lift', zh: '提升' },
  'campaign.measure': { en: 'measure', zh: '指标' },
  'campaign.turned': { en: '… one line per measure to fit the terminal; --format csv has one row per group', zh: '… 为适应终端宽度，每行一个指标；--format csv 每行一个组' },
  // ---- rfm (src/cli/commands/rfm.ts): flags and the segment map file ----
  'rfm.edgesNumbers': { en: "{flag} '{text}' must be numbers separated by commas, e.g. 30,60,90,180", zh: "{flag} '{text}' 必须是用逗号分隔的数字，如 30,60,90,180" },
  'rfm.edgesIncrease': { en: "{flag} '{text}': thresholds must increase strictly", zh: "{flag} '{text}'：阈值必须严格递增" },
  'rfm.edgesIncreaseMinor': { en: "{flag} '{text}': thresholds must increase strictly at the {digits} decimals of {currency}", zh: "{flag} '{text}'：按 {currency} 的 {digits} 位小数计，阈值必须严格递增" },
  'rfm.fixedNeedsAll': { en: '--scoring fixed needs thresholds for every variable: add {flags}', zh: '--scoring fixed 要给每个指标都设阈值：请加上 {flags}' },
  'rfm.edgesBinsFlag': {
    en: '--{v}-edges has {n} {n:threshold|thresholds}, which makes {bins} bins, but --bins is {want}: give {need} {need:threshold|thresholds}',
    zh: '--{v}-edges 有 {n} 个阈值，分成 {bins} 档，但 --bins 是 {want} 档：请给 {need} 个阈值',
  },
  'rfm.edgesBinsEdges': {
    en: '--{v}-edges has {n} {n:threshold|thresholds}, which makes {bins} bins, but --{first}-edges makes {want}: give {need} {need:threshold|thresholds}',
    zh: '--{v}-edges 有 {n} 个阈值，分成 {bins} 档，但 --{first}-edges 分成 {want} 档：请给 {need} 个阈值',
  },
  'rfm.edgesRange': { en: 'edges must make 2 to 9 bins, not {bins}', zh: '阈值必须分出 2 到 9 档，而不是 {bins} 档' },
  'rfm.splitCn8': { en: '--split applies to --scheme cn8 only', zh: '--split 只用于 --scheme cn8' },
  'rfm.segmentsCn8': { en: '--segments replaces the default map; it cannot be combined with --scheme cn8', zh: '--segments 会替换默认分群方案，不能和 --scheme cn8 一起用' },
  'rfm.mapUnreadable': { en: 'cannot read segment map {file}: {why}', zh: '无法读取分群方案 {file}：{why}' },
  'rfm.mapNotJsonAt': { en: 'segment map {file} is not valid JSON: at line {line}, column {column}', zh: '分群方案 {file} 不是有效的 JSON：第 {line} 行第 {column} 列有误' },
  'rfm.mapNotJson': { en: 'segment map {file} is not valid JSON: {why}', zh: '分群方案 {file} 不是有效的 JSON：{why}' },
  'rfm.mapInvalid': { en: '{file}: {why}', zh: '{file} 有误：{why}' },
  // ---- rfm's report notes (src/report/rfm.ts) ----
  'rfm.segmentCustomers': { en: '{n} {n:customer|customers} in segment {segment}', zh: '分群 {segment} 共 {n} 位客户' },
  'rfm.noContact': {
    en: 'no clear contact details are stored (buyers are kept as keyed hashes); re-import with --keep-pii to include them',
    zh: '数据库没有保存明文联系方式（买家以带密钥的哈希保存）；要包含联系方式，请加 --keep-pii 重新导入',
  },
  'rfm.method.quantile': { en: 'quantile', zh: '分位数' },
  'rfm.method.fixed': { en: 'fixed', zh: '固定阈值' },
  'rfm.edgesScale': { en: 'scores 1..{bins}, {bins} = best; recency reversed; monetary in {currency}', zh: '得分 1..{bins}，{bins} 为最好；距今天数越少得分越高；消费金额单位 {currency}' },
  'rfm.notSegment': { en: "--segment '{name}' is not a segment of this scheme: use one of {list}", zh: "--segment '{name}' 不是本方案里的分群：请用 {list} 之一" },
  'export.unknownTable': { en: "export: unknown table '{table}': use {list}", zh: "export：没有 '{table}' 这张表：请用 {list}" },
  'export.formatClash': { en: '--out {file} is a .{ext} name but --format is {format}: name the file .{format}, or drop --format', zh: '--out {file} 的扩展名是 .{ext}，而 --format 是 {format}：请把文件名改成 .{format}，或去掉 --format' },
  'export.wroteOrders': { en: '{n} {n:order|orders} ({format})', zh: '{n} 笔订单，{format}' },
  'export.wroteRows': { en: '{n} {n:row|rows} ({format})', zh: '{n} 行，{format}' },
  'export.contactKept': { en: '--keep-pii: the file carries clear contact data (the database keeps it for {n} {n:customer|customers}): keep it private', zh: '--keep-pii：这个文件含明文联系方式（数据库为 {n} 位客户保存了明文）：请妥善保管，不要外传' },
  'export.contactNone': { en: '--keep-pii: this database keeps no clear contact data (it was imported without --keep-pii): the file has no contact column', zh: '--keep-pii：这个数据库没有保存明文联系方式（导入时没有加 --keep-pii）：文件里没有联系方式一列' },
  'export.parquetNeedsFile': { en: '--format parquet writes a binary file: give it a file with --out orders.parquet', zh: '--format parquet 写的是二进制文件：请用 --out orders.parquet 指定文件' },
  // ---- snapshot, churn, cohorts, segments, customers, report: the rarer errors and notes ----
  'snapshot.noneToDrop': { en: "no snapshot labelled '{label}' to drop: see 'orderlens snapshots'", zh: "没有标签为 '{label}' 的快照可删：见 'orderlens snapshots'" },
  'snapshot.nothing': { en: 'no customer has a counted purchase before {day}: nothing to snapshot (check --as-of and the filters)', zh: '{day} 之前没有任何客户有计入的购买，无从拍快照（请检查 --as-of 和筛选条件）' },
  'snapshot.noMonthEnd': { en: 'no month end in the range has customers: nothing to snapshot', zh: '范围内没有哪个月末有客户：无从拍快照' },
  'snapshot.gapMultiplier': { en: "--gap-multiplier must be above 0: it multiplies a customer's median gap", zh: '--gap-multiplier 必须大于 0：它乘的是客户购买间隔的中位数' },
  'snapshot.rangeNeedsEvery': { en: '--since and --until set the range of a backfill: add --every month', zh: '--since 和 --until 设定补拍的范围：请加上 --every month' },
  'snapshot.asOfBackfill': { en: '--as-of names one snapshot day; a backfill (--every month) takes --since and --until', zh: '--as-of 只指定一个快照日；补拍（--every month）请用 --since 和 --until' },
  'snapshot.labelBackfill': { en: 'a backfill labels each snapshot by its as-of day: drop --label', zh: '补拍时每个快照以截止日作标签：请去掉 --label' },
  'snapshot.everyNeedsSince': { en: '--every month needs --since DATE, the first month end to snapshot', zh: '--every month 需要 --since 日期，即要拍的第一个月末' },
  'snapshot.sinceAfterUntil': { en: '--since is after --until', zh: '--since 晚于 --until' },
  'snapshot.emptyLabel': { en: '--label must not be empty', zh: '--label 不能为空' },
  'snapshot.noOrders': { en: 'no counted orders match: nothing to snapshot (check the filters, or import orders first)', zh: '没有符合条件的计入订单，无从拍快照（请检查筛选条件，或先导入订单）' },
  'snapshot.noMonthEnds': { en: 'no month ends between {from} and {to}: nothing to backfill', zh: '{from} 到 {to} 之间没有月末：无从补拍' },
  'churn.kAboveZero': { en: "{flag} must be above 0: it multiplies a customer's median gap", zh: '{flag} 必须大于 0：它乘的是客户购买间隔的中位数' },
  'churn.statusByCustomer': { en: '--status lists customers: use it with --by customer (or without --by), not --by {by}', zh: '--status 列出的是客户：请和 --by customer 一起用（或不加 --by），不能用 --by {by}' },
  'churn.acquiredLater': {
    en: 'no customer was acquired before {day} (--as-of): the first counted purchase is on {first}; pick a later --as-of',
    zh: '{day}（--as-of）之前还没有获得任何客户：第一笔计入的购买在 {first}；请选一个更晚的 --as-of',
  },
  'acquired.none': {
    en: 'no customer was acquired before {day}: nothing to analyse (check --acquired-since/--acquired-until, --as-of and the filters)',
    zh: '{day} 之前没有获得任何客户，无从分析（请检查 --acquired-since/--acquired-until、--as-of 和筛选条件）',
  },
  'acquired.between': {
    en: 'no customer was acquired between {since} and {until} before {day}: nothing to analyse (check --acquired-since/--acquired-until, --as-of and the filters)',
    zh: '{day} 之前没有在 {since} 至 {until} 之间获得的客户，无从分析（请检查 --acquired-since/--acquired-until、--as-of 和筛选条件）',
  },
  'acquired.since': {
    en: 'no customer was acquired on or after {since} before {day}: nothing to analyse (check --acquired-since/--acquired-until, --as-of and the filters)',
    zh: '{day} 之前没有在 {since} 及之后获得的客户，无从分析（请检查 --acquired-since/--acquired-until、--as-of 和筛选条件）',
  },
  'acquired.until': {
    en: 'no customer was acquired on or before {until} before {day}: nothing to analyse (check --acquired-since/--acquired-until, --as-of and the filters)',
    zh: '{day} 之前没有在 {until} 及之前获得的客户，无从分析（请检查 --acquired-since/--acquired-until、--as-of 和筛选条件）',
  },
  'churn.modelRefused': { en: 'model: no model converged on these customers ({n} repeat {n:buyer|buyers}); the model columns are left empty', zh: '模型：在这些客户上没有一个模型收敛（复购客户 {n} 位）；模型列留空' },
  'churn.modelNoRepeat': {
    en: 'model: no customer bought on two different days, so a repeat-purchase model cannot be fitted; the model columns are left empty',
    zh: '模型：没有客户在两个不同的日子购买过，无法拟合复购模型；模型列留空',
  },
  'churn.modelOneRepeat': {
    en: 'model: {n} repeat {n:buyer|buyers} and none bought on a third day, so how long customers keep buying cannot be estimated: no model is fitted; the model columns are left empty',
    zh: '模型：{n} 位复购客户，但没有人在第三个日子购买，无法估计客户会持续购买多久：不拟合模型；模型列留空',
  },
  'churn.modelFit': { en: 'model: {model} on {n} {n:customer|customers}, {status}; churned when P(alive) < {p}', zh: '模型：{model}，{n} 位客户，{status}；P(alive) < {p} 即视为流失' },
  'churn.modelOneFit': {
    en: 'the model is one fit over all {n} {n:shop|shops} together, not one per shop: P(alive) weighs each customer against the whole store',
    zh: '模型是在全部 {n} 家店铺上合起来拟合的一个模型，不是逐店拟合：P(alive) 拿每位客户与整个数据库相比',
  },
  'churn.modelNotConverged': { en: 'NOT converged ({stop})', zh: '未收敛（{stop}）' },
  'churn.agree': { en: 'rule and model agree on churned / not churned for {agree} of {n} {n:customer|customers} ({share})', zh: '规则与模型在是否流失上一致的客户：{n} 位中有 {agree} 位（{share}）' },
  'segments.tooFew': {
    en: '{k} clusters need at least {k} customers; there {n:is|are} {n} before {day} (check --as-of and the filters, or use a smaller --k)',
    zh: '分成 {k} 类至少需要 {k} 位客户，{day} 之前只有 {n} 位（请检查 --as-of 和筛选条件，或用更小的 --k）',
  },
  'customers.none': { en: 'no customer has a counted order that matches: nothing to list (check the filters, or import orders first)', zh: '没有客户有符合条件的计入订单，无从列出（请检查筛选条件，或先导入订单）' },
  'report.openIt': { en: 'open {file} in a browser', zh: '用浏览器打开 {file}' },
  // ---- rfm notes, ltv flag errors ----
  'rfm.ties': {
    en: '{name}: ties leave {n:score|scores} {scores} empty ({bins} bins asked, {used} used); values per score {ranges} (see --show-edges)',
    zh: '{name}：取值并列太多，有 {n} 个得分（{scores}）没有客户（要求 {bins} 档，实际用到 {used} 档）；各得分的取值 {ranges}（见 --show-edges）',
  },
  'rfm.cn8Split': {
    en: 'cn8: split at the {split}: recent when recency_days < {r}, frequent when frequency > {f}, high value when monetary > {m}',
    zh: 'cn8：以{split}划分：recency_days < {r} 为近，frequency > {f} 为频，monetary > {m} 为高价值',
  },
  'rfm.cn8.mean': { en: 'mean', zh: '均值' },
  'rfm.cn8.median': { en: 'median', zh: '中位数' },
  'rfm.mapBins': { en: 'the segment map is written for {mapBins} bins; scores of {bins} bins are mapped onto it', zh: '分群方案按 {mapBins} 档写成；{bins} 档的得分会换算到它上面' },
  'ltv.costNeedsWhatIf': { en: '--cost-per-customer goes with --what-if (the cost of the retention effort)', zh: '--cost-per-customer 要和 --what-if 一起用（它是留存投入的成本）' },
  'ltv.badWhatIf': { en: "--what-if '{value}' must be a retention change under 100 points: retention+5%, retention+0.05 or retention-5%", zh: "--what-if '{value}' 必须是小于 100 个百分点的留存率变化，如 retention+5%、retention+0.05 或 retention-5%" },
  'ltv.badCost': { en: "--cost-per-customer '{value}' must be an amount in the report currency, such as 5 or 12.50", zh: "--cost-per-customer '{value}' 必须是报表币种的金额，如 5 或 12.50" },
  'ltv.badSpan': { en: "{flag} '{value}' must be a number with a unit: 90d, 52w, 18mo, 3y", zh: "{flag} '{value}' 必须是带单位的数字：90d、52w、18mo、3y" },
} as const;
