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
  'doctor.check.purchase_runs': { en: 'purchase_runs', zh: '购买记录（purchase_runs）' },
  'doctor.checks.1': { en: '{a}', zh: '{a}这一项' },
  'doctor.checks.2': { en: '{a}, {b}', zh: '{a}、{b}两项' },
  'doctor.checks.3': { en: '{a}, {b}, {c}', zh: '{a}、{b}、{c}三项' },
  'doctor.line.ok': { en: '{check}: ok — {detail}', zh: '{check}：正常 — {detail}' },
  'doctor.line.problem': { en: '{check}: PROBLEM — {detail}', zh: '{check}：有问题 — {detail}' },
  'doctor.integrity.ok': { en: 'ok', zh: '数据库文件完好' },
  'doctor.integrity.found': { en: '{lines}', zh: 'SQLite 报告：{lines}' },
  'doctor.integrity.foundMore': { en: '{lines} (and {n} more)', zh: 'SQLite 报告：{lines}（另有 {n} 条）' },
  'doctor.schema.version': { en: 'schema version {version}, expected {expected}', zh: '表结构版本为 {version}，应为 {expected}' },
  'doctor.schema.ok': { en: 'version {version}, every table and view present', zh: '版本 {version}，所需的表和视图都在' },
  'doctor.schema.missing': { en: 'missing {list}', zh: '缺少 {list}' },
  'doctor.runs.ok': { en: '{n} entries match the orders', zh: '{n} 条记录与订单一致' },
  'doctor.runs.differ': { en: '{n} entries differ from the orders (first: {first})', zh: '{n} 条记录与订单不一致（第一条：{first}）' },
  'doctor.runs.entry': { en: '{currency} customer {customer:plain} day {day:plain}', zh: '{currency} 客户 {customer:plain}，第 {day:plain} 日' },
  'doctor.runs.repaired': { en: 'repaired: {detail}', zh: '已修复：{detail}' },
  'doctor.couldNotRun': { en: '{why}', zh: '检查无法进行：{why}' },
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
  'migration.movers': { en: '{n} {n:customer|customers}', zh: '{n} 位客户' },
  'migration.moversFrom': { en: '{n} {n:customer|customers} from {from}', zh: '{n} 位客户来自 {from}' },
  'migration.moversTo': { en: '{n} {n:customer|customers} to {to}', zh: '{n} 位客户转入 {to}' },
  'migration.moversFromTo': { en: '{n} {n:customer|customers} from {from} to {to}', zh: '{n} 位客户从 {from} 转入 {to}' },
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
  'selftest.failed': { en: 'selftest: {failed} of {n} checks FAILED', zh: '自检：{n} 项检查中有 {failed} 项未通过' },
  'selftest.passed': { en: 'selftest: all {n} checks passed ({seconds} s)', zh: '自检：{n} 项检查全部通过（{seconds} 秒）' },
} as const;
