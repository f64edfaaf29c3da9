/**
 * Every platform adapter orderlens knows. Adding a platform = one module in this folder + one entry here.
 * Order matters only for listing; detection ranks by score.
 */
import type { Adapter } from '../adapter.js';
import { generic } from './generic.js';

export const ADAPTERS: readonly Adapter[] = [generic];

export function adapterById(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
