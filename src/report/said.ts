/**
 * A message as data: its catalogue key and parameters (messages.ts), for layers that speak but do not know to
 * whom. Import and db throw errors, note things and reject rows with a `Said`; the CLI says it in the user's
 * language (`speak(lang, said)`), while an error's `.message` and the --rejects file keep the English. A Said is a
 * plain object, so it crosses from the reading worker thread as it is, and a parameter may be a Said itself (the
 * reason of the first rejected row inside "all rows were rejected").
 */
import { MESSAGES, say, type Lang, type MessageKey, type MessageParams } from './messages.js';

type Value = string | number | readonly string[] | Said;

export interface Said {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, Value>>;
}

/** A parameter may also be a Said, said in the same language first (not one that takes a number: a count, a day). */
type SaidParams<K extends MessageKey> = { [P in keyof MessageParams<K>]: MessageParams<K>[P] extends number ? number : MessageParams<K>[P] | Said };
export type SaidArgs<K extends MessageKey> = keyof MessageParams<K> extends never ? [] : [params: SaidParams<K>];

/** Message `key` with its parameters, to be said later in a language. */
export function said<K extends MessageKey>(key: K, ...params: SaidArgs<K>): Said {
  return { key, params: (params[0] ?? {}) as Record<string, Value> };
}

/** An adapter's label (`taobao/tmall export`) as its catalogue message (platforms.label.*), or as it is. */
export function platformLabel(label: string): Said | string {
  const key = (Object.keys(MESSAGES) as MessageKey[]).find((k) => k.startsWith('platforms.label.') && MESSAGES[k].en === label);
  return key ? said(key as 'platforms.label.generic') : label;
}

export function isSaid(x: unknown): x is Said {
  return typeof x === 'object' && x !== null && typeof (x as Said).key === 'string' && typeof (x as Said).params === 'object';
}

/** A text in `lang`: a Said rendered (its Said parameters first), a plain string as it is. */
export function speak(lang: Lang, text: string | Said): string {
  if (typeof text === 'string') return text;
  // a message stored by another orderlens (an import's notes) whose key this one does not have
  if (!Object.hasOwn(MESSAGES, text.key)) return text.key;
  const params: Record<string, string | number | readonly string[]> = {};
  for (const [name, v] of Object.entries(text.params)) params[name] = isSaid(v) ? speak(lang, v) : v;
  return (say as (lang: Lang, key: MessageKey, params: object) => string)(lang, text.key, params);
}
