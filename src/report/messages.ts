/**
 * The message catalogue: every sentence and label a person reads, once, in English and Chinese (beside the
 * column dictionary, columns.ts, which holds the headers). Usage:
 *
 *   import { say } from '../report/messages.js';
 *   say(lang, 'churn.reason.gap', { status: 'at_risk', days: 140, usual: 30, orders: 3, revenue: '¥1,200.00' })
 *
 * - A key is typed: a key not in MESSAGES, or a missing/unknown parameter, fails `tsc`.
 * - `{name}` puts a parameter in: numbers grouped (1,234), text with control characters escaped, never re-read
 *   as a template. `{name:date}` takes an epoch day and prints YYYY-MM-DD. `{name:one|many}` (English only)
 *   picks the word by the number `name`: `{n} {n:order|orders}` (one for exactly 1).
 * - messages.test.ts fails when a key lacks either language, when en and zh take different parameters, or
 *   when a zh text has no Chinese in it. Add a message: one entry below, both languages, same parameters.
 */
import { formatDay } from '../domain/day.js';
import { escapeControls } from '../excerpt.js';

/** The two languages orderlens speaks. */
export type Lang = 'en' | 'zh';

interface Message {
  readonly en: string;
  readonly zh: string;
}

export const MESSAGES = {
  // churn reasons (per customer): the status with the numbers behind it
  'churn.status.active': { en: 'active', zh: '活跃' },
  'churn.status.at_risk': { en: 'at_risk', zh: '有流失风险' },
  'churn.status.churned': { en: 'churned', zh: '已流失' },
  'churn.reason.repeat': {
    en: '{status}: {days} {days:day|days} since last order; usual gap {gap} {gap:day|days}; {orders} {orders:order|orders}, {revenue}',
    zh: '{status}：距末单 {days} 天，常规间隔 {gap} 天；共 {orders} 单，{revenue}',
  },
  'churn.reason.once': {
    en: '{status}: {days} {days:day|days} since their only order; no repeat order yet; {orders} {orders:order|orders}, {revenue}',
    zh: '{status}：距唯一一单 {days} 天，尚未复购；共 {orders} 单，{revenue}',
  },
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
  if (kind === 'date') {
    if (!Number.isInteger(value)) throw new Error(`message ${key}: {${name}:date} needs an epoch day, got ${value}`);
    return formatDay(value);
  }
  const words = kind.split('|');
  if (words.length !== 2) throw new Error(`message ${key}: {${name}:${kind}} is neither :date nor :one|many`);
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

/** The parameter names a template uses (messages.test.ts compares en with zh). */
export function templateParams(template: string): { name: string; kind: string | undefined }[] {
  return [...template.matchAll(SLOT)].map((m) => ({ name: m[1], kind: m[2] }));
}
