/**
 * The one line every error is: `orderlens: error: <what>, <where>, <what to do>`, in the language asked for;
 * with --debug a Chinese line is followed by its English form (to search for, or to report).
 */
import type { Lang } from '../analytics/rfm-segments.js';
import { messageLine } from '../excerpt.js';
import { say, translateSaid } from '../report/said.js';

export function errorLine(message: string, lang: Lang, debug: boolean): string {
  const english = `orderlens: error: ${messageLine(message)}\n`;
  if (lang === 'en') return english;
  const zh = `${say('cli.error', { text: messageLine(translateSaid(message, 'zh')) }, 'zh')}\n`;
  return debug && zh !== english ? zh + english : zh;
}
