/**
 * Where the shared real-data folder is: $ORDERLENS_SHARED/data, else ../shared/data beside the repository.
 * Integration tests skip cleanly when it is absent (a user's clone has none).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function sharedDataDir(): string | null {
  const base = process.env.ORDERLENS_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  const dir = path.join(base, 'data');
  return existsSync(dir) ? dir : null;
}

/** A file in the shared data folder, or null when the folder or the file is missing. */
export function sharedFile(...parts: string[]): string | null {
  const dir = sharedDataDir();
  if (!dir) return null;
  const file = path.join(dir, ...parts);
  return existsSync(file) ? file : null;
}
