/** The Pareto report's group values (`top 5%`, `80% of revenue`, A/B/C, `all`) as a person reads them. */
import { say, type Lang } from './messages.js';

export function paretoGroupName(lang: Lang, group: string): string {
  const top = /^top (.+)%$/.exec(group);
  if (top) return say(lang, 'pareto.top', { p: top[1] });
  if (group === '80% of revenue') return say(lang, 'pareto.top80');
  if (group === 'A' || group === 'B' || group === 'C') return say(lang, 'pareto.class', { class: group });
  if (group === 'all') return say(lang, 'pareto.all');
  return group;
}
