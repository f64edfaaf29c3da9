/**
 * DuckDB for the tests that run generated SQL or read written Parquet (`@duckdb/node-api`, a
 * devDependency with prebuilt bindings): null, with the reason, where it cannot load here, so that those
 * tests skip with a named reason instead of failing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Duck {
  /** Runs one statement and returns its rows as plain JSON values (big integers and dates as text). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

async function load(): Promise<{ duck: Duck | null; reason: string }> {
  try {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection: DuckDBConnection = await instance.connect();
    const duck: Duck = {
      async rows(sql) {
        return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
      },
    };
    return { duck, reason: '' };
  } catch (e) {
    return { duck: null, reason: `@duckdb/node-api cannot load here (${(e as Error).message.split('\n')[0]})` };
  }
}

/** DuckDB, loaded once per test file. */
export const { duck, reason: duckSkipReason } = await load();
