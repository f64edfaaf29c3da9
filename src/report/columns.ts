/**
 * The column dictionary: every column any report prints, once, with its type, unit, what it means in
 * English, its Chinese header (`--lang zh`) and its table format. Commands name columns (`col('revenue')`)
 * instead of spelling out headers, so the same column reads the same in every command.
 *
 * A name is the CSV header and JSON key. Where one name carries another quantity in another report (the
 * BTYD `frequency` counts repeat purchase days, RFM's counts orders), the dictionary has a variant,
 * `name@variant`, with its own meaning and header; the CSV header stays `name`.
 */
import type { Column, ColumnKind } from '../output/report.js';

/** currency: the report's currency (money columns, minor units inside); fraction: 0.25 = 25%. */
export type ColumnUnit = 'currency' | 'days' | 'weeks' | 'years' | 'count' | 'fraction' | 'date' | 'score';

export interface ColumnSpec {
  type: ColumnKind;
  unit?: ColumnUnit;
  /** What the column holds, in English (the English header is the name itself). */
  en: string;
  /** The header under `--lang zh`. */
  zh: string;
  /** Decimal places in the table view (number, percent). */
  digits?: number;
  /** A shorter header for a terminal too narrow for the full one (table view only), and its Chinese form. */
  short?: string;
  zhShort?: string;
  /** An identifier or a name a reader may copy (a customer key, a segment for --segment): a narrow table leaves out columns rather than cut it (table view only). */
  whole?: boolean;
  /** Long text (sentences, paths, lists) that wraps onto more lines in a narrow table instead of being cut (table view only). */
  wrap?: boolean;
  /**
   * How long a narrow table keeps the column when it must leave out more than a report's `drop` list (table view
   * only; 0 when not given): what a report is read for outlasts the figures beside it.
   */
  keep?: number;
}

const text = (en: string, zh: string): ColumnSpec => ({ type: 'text', en, zh });
const count = (en: string, zh: string): ColumnSpec => ({ type: 'int', unit: 'count', en, zh });
const money = (en: string, zh: string): ColumnSpec => ({ type: 'money', unit: 'currency', en, zh });
const share = (en: string, zh: string, digits = 1): ColumnSpec => ({ type: 'percent', unit: 'fraction', en, zh, digits });
const num = (en: string, zh: string, digits: number, unit?: ColumnUnit): ColumnSpec => ({ type: 'number', en, zh, digits, ...(unit ? { unit } : {}) });
const day = (en: string, zh: string): ColumnSpec => ({ type: 'day', unit: 'date', en, zh });
/** The column with a short header (and a short Chinese one) for narrow terminals. */
const shortHead = (spec: ColumnSpec, short: string, zhShort?: string): ColumnSpec => ({ ...spec, short, ...(zhShort ? { zhShort } : {}) });
/** A text column of long values that wrap in a narrow table. */
const long = (en: string, zh: string): ColumnSpec => ({ ...text(en, zh), wrap: true });

export const COLUMNS = {
  // who: the identity columns every per-customer report starts with (report/identity.ts)
  customer_key: { ...text('the buyer, uniquely within its platform and shop and the same in every rebuild: the opaque platform id, or h: + a keyed hash of personal data', '客户标识'), whole: true },
  customer: text('the buyer as shown: the opaque id, or a masked form (zh***@gmail.com)', '客户'),
  platform: text('the platform the orders came from', '平台'),
  shop: text('the shop (import --shop)', '店铺'),
  contact: text('the clear buyer name, email or phone (only where the database keeps personal data: import --keep-pii)', '联系方式'),

  // orders and money
  orders: count('counted orders', '订单数'),
  revenue: money('net revenue of counted orders (after refunds)', '净收入'),
  'revenue@gross': money('gross revenue of counted orders (before refunds)', '总收入'),
  first_order: day('the day of the first counted order', '首单日期'),
  last_order: day('the day of the last counted order', '末单日期'),
  aov: money('average order value', '客单价'),
  purchases: count('purchase days (orders on one day count once)', '购买天数'),

  // RFM
  recency_days: shortHead({ type: 'int', unit: 'days', en: 'days from the last purchase to the as-of day', zh: '最近购买距今天数' }, 'recency', '距今天数'),
  frequency: count('counted orders', '购买次数'),
  'frequency@days': count('distinct purchase days', '购买天数'),
  'frequency@repeat': count('repeat purchase days (purchase days after the first)', '复购次数'),
  'frequency@band': text('customers by counted orders: 1, 2, 3, 4-5, 6-9, 10+', '订单数分组'),
  monetary: money('net revenue before the as-of day', '净消费金额'),
  'monetary@gross': money('gross revenue before the as-of day', '消费金额'),
  r: { type: 'int', unit: 'score', en: 'recency score (k = best)', zh: 'R' },
  f: { type: 'int', unit: 'score', en: 'frequency score (k = best)', zh: 'F' },
  m: { type: 'int', unit: 'score', en: 'monetary score (k = best)', zh: 'M' },
  rfm: text('the three scores as one code', 'RFM'),
  // whole: a name `rfm --segment` takes, never cut short
  // keep: a per-customer table at 40 columns shows each customer's segment before the numbers behind it
  segment: { ...text('the customer segment', '客户分群'), whole: true, keep: 1 },
  customers: count('customers', '客户数'),
  'customers@active': shortHead(count('customers with a purchase in the period', '活跃客户'), 'active', '活跃'),
  share_customers: shortHead(share('share of the customers', '客户占比'), 'cust%', '客户%'),
  share_revenue: shortHead(share('share of the revenue', '收入占比'), 'rev%', '收入%'),
  'share_revenue@customer': shortHead(share("one customer's share of the revenue", '收入占比', 2), 'rev%', '收入%'),
  avg_recency_days: shortHead(num('mean recency in days', '平均最近购买距今天数', 1, 'days'), 'avg_recency', '平均距今天数'),
  avg_frequency: shortHead(num('mean counted orders', '平均购买次数', 2, 'count'), 'avg_freq', '平均次数'),
  'avg_frequency@days': shortHead(num('mean purchase days', '平均购买天数', 2, 'count'), 'avg_freq', '平均天数'),
  avg_monetary: shortHead(money('mean monetary value (net, or gross with --monetary gross)', '平均消费金额'), 'avg_spend', '平均金额'),
  variable: text('recency_days, frequency or monetary (in a Chinese table: as its column is headed there)', '指标'),
  method: text('how the scores are cut: quantile or fixed (a Chinese table: 分位数 or 固定阈值)', '分箱方法'),
  score: { type: 'int', unit: 'score', en: 'a score', zh: '得分' },
  min: num('lowest value with this score', '最小值', 2),
  max: num('highest value with this score', '最大值', 2),

  // segments (k-means)
  cluster: count('k-means cluster number', '簇'),
  centroid_recency_days: num('cluster centre: recency in days', '中心-最近购买距今天数', 1, 'days'),
  centroid_frequency: num('cluster centre: frequency', '中心-购买次数', 2, 'count'),
  centroid_monetary: money('cluster centre: monetary value', '中心-消费金额'),

  // pareto
  group: text('the group', '分组'),
  rank: count('rank by revenue', '排名'),
  cumulative_share: shortHead(share('share of the revenue of this customer and all above', '累计收入占比'), 'cum_rev%', '累计收入%'),
  class: text('ABC class: A the top 80% of revenue, B the next 15%, C the rest', 'ABC分类'),
  gini: num('Gini coefficient of revenue (0 equal, 1 one customer has all)', '基尼系数', 3),

  // churn
  status: text('active, at_risk or churned', '状态'),
  reason: text('why the status', '原因'),
  days_since_last: shortHead({ type: 'int', unit: 'days', en: 'days since the last purchase', zh: '距末单天数' }, 'days_since'),
  usual_gap_days: shortHead(num("median gap between the customer's purchase days", '常规间隔天数', 1, 'days'), 'usual_gap', '常规间隔'),
  threshold_days: shortHead(num('the churn line for this customer', '流失线天数', 1, 'days'), 'threshold', '流失线'),
  churned: count('churned customers', '已流失'),
  churn_rate: shortHead(share('share of the customers churned', '流失率'), 'churn%'),
  at_risk: count('customers at risk', '流失预警'),
  revenue_at_risk: shortHead(money('net revenue to date of the customers at risk', '预警客户累计净收入'), 'rev_at_risk', '预警收入'),
  model_churned: count('customers the purchase model counts as churned', '模型判定流失'),
  model_churn_rate: shortHead(share('share the purchase model counts as churned', '模型流失率'), 'model_churn%'),
  model_status: text("the purchase model's status", '模型状态'),
  p_alive: share('probability the customer is still active (purchase model)', '存活概率'),
  'p_alive@mean': shortHead(share('mean probability still active', '平均存活概率'), 'p_alive', '存活概率'),

  // cohorts
  cohort: text('acquisition period: month, week or quarter of the first order', '同期群'),
  cohort_size: shortHead(count('new customers in the cohort', '新客数'), 'size', '新客'),
  period: count('periods since acquisition (0 = the acquisition period)', '期数'),
  retention: share('share of the cohort buying in the period', '留存率'),
  cumulative_revenue_per_customer: shortHead(money('net revenue per cohort customer up to the period', '人均累计净收入'), 'cum/cust', '人均累计'),

  // ltv
  model: text('purchase model', '模型'),
  parameter: text('model parameter', '参数'),
  estimate: num('maximum likelihood estimate', '估计值', 4),
  se: num('standard error', '标准误', 4),
  log_likelihood: num('log-likelihood of the fit', '对数似然', 2),
  aic: num('Akaike information criterion', 'AIC', 2),
  converged: text('whether the fit converged: yes or no', '收敛'),
  chosen: text('whether the fit is the one used: yes or no', '选用'),
  unit: text('unit of the estimate: the time unit (alpha, beta), currency (gamma), none for pure numbers', '单位'),
  'recency_days@btyd': num('days from the first to the last purchase day', '首末单间隔(天)', 2, 'days'),
  recency_weeks: num('weeks from the first to the last purchase day', '首末单间隔(周)', 2, 'weeks'),
  age_days: num('days from the first purchase day to the end of calibration', '客龄(天)', 2, 'days'),
  age_weeks: num('weeks from the first purchase day to the end of calibration', '客龄(周)', 2, 'weeks'),
  expected_purchases: shortHead(num('expected purchase days over the horizon', '预期购买次数', 3, 'count'), 'exp_purch', '预期次数'),
  'expected_purchases@total': shortHead(num('expected purchase days over the horizon, summed', '预期购买次数', 1, 'count'), 'exp_purch', '预期次数'),
  expected_spend: money('expected spend per purchase day', '预期客单价'),
  clv: money('predicted customer lifetime value (discounted margin over the horizon)', '预测CLV'),
  expected_purchases_low: shortHead(num('expected purchase days: low end of the interval (--interval; parameter uncertainty, delta method)', '预期购买次数下限', 3, 'count'), 'purch_low', '次数下限'),
  expected_purchases_high: shortHead(num('expected purchase days: high end of the interval (--interval)', '预期购买次数上限', 3, 'count'), 'purch_high', '次数上限'),
  clv_low: money('predicted lifetime value: low end of the interval (--interval; parameter uncertainty, delta method)', '预测CLV下限'),
  clv_high: money('predicted lifetime value: high end of the interval (--interval)', '预测CLV上限'),
  frequency_cal: shortHead(count('repeat purchase days in the calibration period', '校准期复购次数'), 'freq_cal', '校准复购'),
  recency_cal: shortHead(num('first to last purchase day in the calibration period (model unit)', '校准期首末单间隔', 2), 'rec_cal', '校准间隔'),
  T_cal: num('first purchase day to the end of calibration (model unit)', '校准期客龄', 2),
  monetary_value_cal: shortHead(money('mean net of the repeat purchase days in calibration (0 when none)', '校准期平均复购金额'), 'spend_cal', '校准金额'),
  frequency_holdout: shortHead(count('purchase days in the holdout', '验证期购买天数'), 'freq_hold', '验证天数'),
  monetary_value_holdout: shortHead(money('mean net per purchase day in the holdout (0 when none)', '验证期平均金额'), 'spend_hold', '验证金额'),
  revenue_holdout: shortHead(money('net revenue in the holdout', '验证期净收入'), 'rev_hold', '验证收入'),
  duration_holdout: shortHead(num('holdout length (model unit)', '验证期长度', 2), 'dur_hold', '验证长度'),
  'clv@total': shortHead(money('predicted customer lifetime value, summed', '预测CLV合计'), 'clv', 'CLV合计'),
  clv_per_customer: shortHead(money('predicted customer lifetime value per customer', '人均预测CLV'), 'clv/cust'),
  'clv@simple': money('textbook lifetime value: aov × purchases a year × margin × discounted years', '教科书CLV'),
  'clv@simple_total': money('textbook lifetime value, summed', '教科书CLV合计'),
  'clv_per_customer@simple': money('textbook lifetime value per customer', '人均教科书CLV'),
  span_years: num('years the purchases span', '计算年数', 2, 'years'),
  purchases_per_year: num('purchase days a year', '年购买次数', 3, 'count'),
  lifetime_years: num('expected remaining years', '预期剩余年限', 2, 'years'),
  margin: share('margin', '毛利率', 0),
  discount_factor: num('discount factor over the lifetime', '折现系数', 4),
  calibration_frequency: shortHead(text('repeat purchase days in calibration', '校准期复购次数'), 'freq_cal', '校准复购'),
  actual_purchases: shortHead(count('purchase days in the holdout', '实际购买'), 'actual'),
  predicted_purchases: shortHead(num('predicted purchase days in the holdout', '预测购买', 1, 'count'), 'predicted'),
  actual_per_customer: shortHead(num('purchase days in the holdout per customer', '人均实际', 3, 'count'), 'act/cust'),
  predicted_per_customer: shortHead(num('predicted purchase days per customer', '人均预测', 3, 'count'), 'pred/cust'),
  mae_per_customer: shortHead(num('mean absolute error per customer', '人均绝对误差', 3, 'count'), 'mae/cust', '人均误差'),

  // snapshots, trend and migration
  from_segment: { ...text('segment in the earlier snapshot', '原分群'), whole: true },
  to_segment: { ...text('segment in the later snapshot', '现分群'), whole: true },
  total: count('all of the row', '合计'),
  revenue_between: shortHead(money('net revenue between the two snapshots', '期间收入'), 'rev_between'),
  churn_status: text('churn status at the snapshot: active, at_risk or churned', '流失状态'),
  share: share('share of the customers', '占比'),
  share_of_from: shortHead(share('share of the from-segment row: of its customers, or of its revenue (migration, table view of a matrix too wide)', '占原分群比例'), 'from%', '占原%'),
  new_customers: shortHead(count('customers first seen since the previous snapshot', '新增客户'), 'new', '新增'),
  repeat_rate: shortHead(share('share of the customers with more than one order', '复购率'), 'repeat%'),
  active_share: shortHead(share('share of the customers active', '活跃占比'), 'active%', '活跃%'),
  at_risk_share: shortHead(share('share of the customers at risk', '流失预警占比'), 'at_risk%', '预警%'),
  churned_share: shortHead(share('share of the customers churned', '流失占比'), 'churned%', '流失%'),
  'churn_rate@period': shortHead(share('share of the previous snapshot\'s customers churned since', '期间流失率'), 'churn%', '期间流失%'),
  avg_p_alive: shortHead(share('mean probability still active', '平均存活概率'), 'p_alive', '存活概率'),
  avg_clv: shortHead(money('mean predicted customer lifetime value', '平均预测CLV'), 'clv', 'CLV'),
  // campaigns
  campaign: text('campaign name', '活动'),
  sent: day('the day the campaign was sent', '发送日'),
  rows: count('rows in the list', '名单行数'),
  unmatched_rows: count('list rows that match no customer', '未匹配行数'),
  treatment: count('customers in the treatment group', '实验组'),
  control: count('customers in the control group', '对照组'),
  'source@campaign': text('the list file', '名单文件'),
  'created_at@campaign': text('when the list was imported (UTC)', '导入时间'),
  buyers: count('customers who bought after the send', '购买客户'),
  conversion: share('share of the group who bought', '转化率', 2),
  conversion_low: share('lower bound of the conversion lift', '转化提升下限', 2),
  conversion_high: share('upper bound of the conversion lift', '转化提升上限', 2),
  conversion_relative: share('conversion lift relative to control', '转化相对提升'),
  conversion_p: num('p-value of the conversion difference', '转化p值', 4),
  revenue_per_customer: money('net revenue per customer', '人均收入'),
  rpc_low: money('lower bound of the revenue-per-customer lift', '人均提升下限'),
  rpc_high: money('upper bound of the revenue-per-customer lift', '人均提升上限'),
  rpc_relative: share('revenue-per-customer lift relative to control', '人均相对提升'),
  rpc_p: num('p-value of the revenue-per-customer difference', '人均p值', 4),
  // ltv --what-if
  measure: text('what is compared', '指标'),
  'unit@measure': text('the unit of the measure', '单位'),
  before: num('value before the change', '之前', 2),
  after: num('value after the change', '之后', 2),
  change: num('after − before', '变化', 2),
  change_pct: share('change relative to before', '变化率'),
  // snapshots
  label: text('snapshot label', '快照'),
  as_of: day('the as-of day (exclusive)', '截至'),
  currency: text('currency', '币种'),
  scheme: text('segment scheme', '分群方案'),
  bins: count('scores per variable', '分档'),
  churn_threshold_days: shortHead(num('churn line in days', '流失阈值天数', 1, 'days'), 'churn_days', '流失天数'),
  created_at: text('when the snapshot was taken (UTC)', '创建时间'),

  // selftest
  quantity: long('the published quantity checked', '量'),
  expected: num('the published value', '发表值', 4),
  computed: num('the value orderlens computes', '计算值', 4),
  tolerance: shortHead(num('the largest difference accepted', '容差', 4), 'tol'),
  result: { ...text('pass or fail', '结果'), keep: 1 },
  source: long('where the published value comes from', '出处'),

  // info and platforms
  section: long('part of the summary', '类别'),
  item: long('what is counted', '项目'),
  value: long('the value', '值'),
  detected_as: long('what the file is recognised as', '识别为'),
  files: long('files the platform exports', '文件'),
  buyer_identity: long('the column that names the buyer', '买家标识列'),
  shop_from: long('where the shop name comes from when --shop is not given', '店铺来自'),
  default_tz: text('default time zone', '默认时区'),
  default_currency: long('default currency', '默认币种'),
} satisfies Record<string, ColumnSpec>;

export type ColumnName = keyof typeof COLUMNS;

/**
 * What a report may add to a dictionary column: how the output layer shows it (the row field it reads, a heat
 * scale, decimal places where the data decides them, such as a currency's own digits). Never the header.
 */
export type ColumnUse = Omit<Partial<Column>, 'key' | 'zh' | 'kind' | 'short' | 'zhShort'>;

/** The column `name` (or `name@variant`) as the output layer takes it: the CSV header is `name`. */
export function col(name: ColumnName, use: ColumnUse = {}): Column {
  const spec: ColumnSpec = COLUMNS[name];
  const at = name.indexOf('@');
  const key = at < 0 ? name : name.slice(0, at);
  const c: Column = { key, zh: spec.zh, kind: spec.type };
  if (spec.digits !== undefined) c.digits = spec.digits;
  if (spec.short !== undefined) c.short = spec.short;
  if (spec.whole) c.whole = true;
  if (spec.wrap) c.wrap = true;
  if (spec.keep !== undefined) c.keep = spec.keep;
  if (spec.zhShort !== undefined) c.zhShort = spec.zhShort;
  for (const [k, v] of Object.entries(use) as [keyof ColumnUse, unknown][]) if (v !== undefined) (c as unknown as Record<string, unknown>)[k] = v;
  if (c.field === key) delete c.field;
  return c;
}

/** A column whose CSV name is given at run time (a group key, cohort periods): its header still comes from here. */
export function namedCol(key: string, name: ColumnName, use: ColumnUse = {}): Column {
  return { ...col(name, use), key };
}

const PERIOD_ZH = { month: '月', week: '周', quarter: '季' } as const;

/**
 * A cohort matrix column: the metric in period `k` since acquisition (`第3月` under --lang zh); its CSV name
 * comes from the cohort report, its type from the metric.
 */
export function cohortPeriodCol(key: string, k: number, period: keyof typeof PERIOD_ZH, type: ColumnKind, use: ColumnUse = {}): Column {
  const c: Column = { key, zh: `第${k}${PERIOD_ZH[period]}`, kind: type, digits: 1 };
  for (const [name, v] of Object.entries(use)) if (v !== undefined) (c as unknown as Record<string, unknown>)[name] = v;
  return c;
}

/** Revenue and monetary value follow --monetary; frequency follows --frequency. */
export function revenueCol(basis: 'net' | 'gross'): Column {
  return col(basis === 'gross' ? 'revenue@gross' : 'revenue');
}
export function monetaryCol(basis: 'net' | 'gross'): Column {
  return col(basis === 'gross' ? 'monetary@gross' : 'monetary');
}
export function frequencyCol(basis: 'orders' | 'days'): Column {
  return col(basis === 'days' ? 'frequency@days' : 'frequency');
}
export function avgFrequencyCol(basis: 'orders' | 'days'): Column {
  return col(basis === 'days' ? 'avg_frequency@days' : 'avg_frequency');
}
