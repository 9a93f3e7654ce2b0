// `npm run db:migrate`: applies pending migrations to DATABASE_URL, the running app's database, or
// the data directory's embedded database (created if missing). The app also migrates at start.
import { loadConfig } from '../src/server/config.js';
import { connectForTools } from '../src/server/db/connect-for-tools.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

async function main(): Promise<void> {
  const connection = await connectForTools(loadConfig(), 'npm run db:migrate', { createCluster: true });
  try {
    const applied = await migrateToLatest(connection.db);
    const what = applied.length > 0 ? `applied ${applied.join(', ')}` : 'already up to date';
    process.stdout.write(`migrations: ${what} (${connection.source})\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
