/**
 * The message catalogue: every sentence and label a person reads, once, in English and Chinese (beside the
 * column dictionary, columns.ts, which holds the headers). Usage:
 *
 *   import { say } from '../report/messages.js';
 *   say(lang, 'churn.reason.repeat', { status: 'at_risk', days: 140, gap: 30, orders: 3, revenue: '¥1,200.00' })
 *
 * - A key is typed: a key not in MESSAGES, or a missing/unknown parameter, fails `tsc`.
 * - `{name}` puts a parameter in: numbers grouped (1,234), text with control characters escaped, never re-read
 *   as a template. `{name:plain}`: a number without grouping (1234, as CSV cells had it). `{name:date}` takes an
 *   epoch day and prints YYYY-MM-DD. `{name:one|many}` (English only) picks the word by the number `name`:
 *   `{n} {n:order|orders}` (one for exactly 1).
 * - messages.test.ts fails when a key lacks either language, when en and zh take different parameters, or
 *   when a zh text has no Chinese in it. Add a message: one entry below, both languages, same parameters.
 */
import { formatDay } from '../domain/day.js';
import { escapeControls } from '../excerpt.js';
import { HELP_MESSAGES } from './help-messages.js';

/** The two languages orderlens speaks. */
export type Lang = 'en' | 'zh';

interface Message {
  readonly en: string;
  readonly zh: string;
}

export const MESSAGES = {
  ...HELP_MESSAGES,
  // churn reasons (per customer): the status with the numbers behind it
  'churn.status.active': { en: 'active', zh: '活跃' },
  'churn.status.at_risk': { en: 'at_risk', zh: '有流失风险' },
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
    en: 'the Gamma-Gamma spend model did not converge ({stop}): expected spend and CLV are uncertain',
    zh: 'Gamma-Gamma 消费模型未收敛（{stop}）：预期客单价和 CLV 不确定',
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
    en: 'only {repeatCustomers:plain} repeat customers (fewer than {need:plain}): the estimates are uncertain',
    zh: '复购客户只有 {repeatCustomers:plain} 位（少于 {need:plain}）：估计值不确定',
  },
  'ltv.warning.short_history': {
    en: 'only {days:plain} days of history (less than {need:plain}): dropout is hard to tell from a pause',
    zh: '历史数据只有 {days:plain} 天（少于 {need:plain} 天）：难以区分流失与暂停购买',
  },
  // ltv: what a reader should know (LtvNote)
  'ltv.note.bgnbd_one_time_alive': {
    en: 'BG/NBD gives every one-time buyer P(alive) = 1 (a known property of the model); --model mbgnbd or pnbd does not',
    zh: 'BG/NBD 模型给每位只购买一次的客户的存活概率都是 1（模型的已知特性）；--model mbgnbd 或 pnbd 没有这个问题',
  },
  'ltv.note.spend_excluded': {
    en: '{customers:plain} repeat customers with mean repeat spend ≤ 0 (refunds, free orders) are left out of the spend model; their expected spend is shrunk from 0',
    zh: '{customers:plain} 位平均复购金额 ≤ 0 的复购客户（退款、免费订单）不参与消费模型；其预期客单价从 0 向总体收缩',
  },
  'ltv.note.first_after_calibration': {
    en: '{customers:plain} customers first bought after the calibration end {end:date} and are not in the fit',
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
  'segment.At risk': { en: 'At risk', zh: '有流失风险客户' },
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
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

/** The `{…}` slots of a template, as written (`n`, `n:order|orders`, `since:date`). */
type Slots<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Slots<Rest> : never;
type SlotName<P extends string> = P extends `${infer N}:${string}` ? N : P;
type SlotValue<P extends string> = P extends `${string}:${string}` ? number : string | number;

/** The parameters message `K` takes (from its English text; the test holds the Chinese to the same). */
export type MessageParams<K extends MessageKey> = { [P in Slots<(typeof MESSAGES)[K]['en']> as SlotName<P>]: SlotValue<P> };

type ParamArgs<K extends MessageKey> = keyof MessageParams<K> extends never ? [] : [params: MessageParams<K>];

const SLOT = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}/g;

/** One parameter as text: grouped integers, trimmed decimals, escaped text. */
function show(value: string | number, kind: string | undefined, key: string, name: string): string {
  if (kind === undefined) {
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
  const values = (params[0] ?? {}) as Record<string, string | number>;
  return template.replace(SLOT, (_m, name: string, kind: string | undefined) => {
    if (!Object.hasOwn(values, name)) throw new Error(`message ${key}: no value for {${name}}`);
    return show(values[name], kind, key, name);
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
