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
} as const;
