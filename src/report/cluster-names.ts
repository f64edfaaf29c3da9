/**
 * The names of the k-means value clusters (analytics/kmeans.ts): cluster 1 is the key customers, cluster k the
 * small ones, the ones between ordinary (numbered 1, 2 … when there is more than one).
 */
import type { ValueCluster } from '../analytics/kmeans.js';
import { say, type Lang } from './messages.js';

export function clusterName(lang: Lang, c: Pick<ValueCluster, 'label' | 'cluster'>, k: number): string {
  if (c.label !== 'ordinary') return say(lang, `cluster.${c.label}`);
  return k - 2 > 1 ? say(lang, 'cluster.ordinary_n', { n: c.cluster - 1 }) : say(lang, 'cluster.ordinary');
}
