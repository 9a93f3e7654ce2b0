import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-programs-schedules-attendance.js';
import * as m0003 from './migrations/0003-audit-chain-shards.js';
import * as m0004 from './migrations/0004-audit-take-shard.js';
import * as m0005 from './migrations/0005-front-door-admissions.js';
import * as m0006 from './migrations/0006-safety.js';
import * as m0007 from './migrations/0007-measures.js';
import * as m0008 from './migrations/0008-safety-plan-links.js';
import * as m0009 from './migrations/0009-clinical-documentation.js';
import * as m0010 from './migrations/0010-record-shares.js';
import * as m0011 from './migrations/0011-group-note-cosign.js';
import * as m0012 from './migrations/0012-patient-language.js';
import * as m0013 from './migrations/0013-cosigner-reassign.js';

// Forward-only migrations, listed explicitly so a reader sees the order without directory magic.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-programs-schedules-attendance': m0002,
  '0003-audit-chain-shards': m0003,
  '0004-audit-take-shard': m0004,
  '0005-front-door-admissions': m0005,
  '0006-safety': m0006,
  '0007-measures': m0007,
  '0008-safety-plan-links': m0008,
  '0009-clinical-documentation': m0009,
  '0010-record-shares': m0010,
  '0011-group-note-cosign': m0011,
  '0012-patient-language': m0012,
  '0013-cosigner-reassign': m0013,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('Migration failed');
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
