/**
 * What the CLI calls a platform's export in the user's language: an adapter's label (`taobao/tmall export`,
 * or the file kind it read: `taobao order report (订单报表)`), and its files and buyer column (`orderlens platforms`).
 */
import { MESSAGES, say, type Lang, type MessageKey } from '../report/messages.js';


/** Adapter labels by their text (an import result names the label it read the file as). */
const LABEL_KEYS = new Map<string, MessageKey>(
  (Object.keys(MESSAGES) as MessageKey[]).filter((k) => k.startsWith('platforms.label.')).map((k) => [MESSAGES[k].en as string, k]),
);

export function platformLabel(label: string, lang: Lang): string {
  const key = LABEL_KEYS.get(label);
  return key ? say(lang, key as 'platforms.label.generic') : label;
}

/** The files a platform accepts, or its buyer column, in `lang` (every adapter has both: platforms.test). */
export function platformText(kind: 'files' | 'buyer', id: string, lang: Lang): string {
  const key = `platforms.${kind}.${id}`;
  if (!Object.hasOwn(MESSAGES, key)) throw new Error(`the message catalogue has no ${key}`);
  return say(lang, key as 'platforms.files.generic');
}
