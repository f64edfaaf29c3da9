/**
 * The one line every error is: `orderlens: error: <what>, <where>, <what to do>`, in the language asked for;
 * with --debug a Chinese line is followed by its English form (to search for, or to report).
 */
import { errorText } from '../errors.js';
import { messageLine } from '../excerpt.js';
import { say, type Lang } from '../report/messages.js';

export function errorLine(e: Error | string, lang: Lang, debug: boolean): string {
  const text = (l: Lang) => messageLine(typeof e === 'string' ? e : errorText(e, l));
  const english = `orderlens: error: ${text('en')}\n`;
  if (lang === 'en') return english;
  const zh = `${say('zh', 'cli.error', { text: text('zh') })}\n`;
  return debug ? zh + english : zh;
}
