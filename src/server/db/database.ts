import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// `date` columns stay 'YYYY-MM-DD' strings so a date never shifts with the process time zone.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint counters (audit sequence) fit in a JS number for the life of any real deployment.
pg.types.setTypeParser(20, (value: string) => Number(value));

export type Db = Kysely<Database>;

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // A pooled connection that dies with the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
