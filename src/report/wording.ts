/**
 * Counts in notes, in words that agree with the number: `1 order`, `2,345 orders`, `1 quarterly cohort`.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
