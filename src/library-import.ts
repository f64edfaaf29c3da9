/**
 * `importFile` for library callers: the importer takes its key file from its caller (the CLI passes the one its
 * io's environment names), and a library caller who names none gets the key file of process.env
 * ($ORDERLENS_KEY_FILE, else the user's config directory), read here, at the library's entry, and nowhere deeper.
 */
import type { Db } from './db/open.js';
import { keyFilePath } from './db/key-file.js';
import { importFile as importWithKey, type ImportOptions as KeyedImportOptions, type ImportResult } from './import/importer.js';

export type { ImportResult, Reject } from './import/importer.js';

/** The importer's options, the key file optional (default: keyFilePath(process.env)). */
export type ImportOptions = Omit<KeyedImportOptions, 'keyFile'> & { keyFile?: string };

export function importFile(db: Db, file: string, opts: ImportOptions): Promise<ImportResult> {
  return importWithKey(db, file, { ...opts, keyFile: opts.keyFile ?? keyFilePath(process.env) });
}
