/**
 * The handle of an open store, as a type on its own: the migrations (schema.ts) and the purchase runs take
 * one without importing open.ts, which runs the migrations (no import cycle).
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;
