import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.js';
import { migrateToLatest } from './db/migrate.js';
import { AlreadyRunningError, acquireAppLock, loadOrCreateSecret } from './data-dir.js';
import { dispatchDue, logTransport } from './jobs/outbox.js';
import { seedDemo } from './modules/demo/demo.service.js';
import { countUsers } from './modules/users/users.repository.js';
import { createSetupLinkIfNeeded } from './modules/onboarding/onboarding.service.js';

// config -> database (embedded or external) -> migrate -> buildApp -> listen; clean shutdown.
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const log = pino({ level: config.logLevel });

  const releaseLock = config.databaseUrl ? () => undefined : acquireAppLock(config.dataDir, config.port);
  let embedded: EmbeddedPostgres | undefined;
  try {
    if (!config.databaseUrl) embedded = await startEmbeddedPostgres(config.dataDir, (message) => log.debug({ component: 'postgres' }, message.trim()));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = createDb(config.databaseUrl ?? embedded?.connectionString ?? '');
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) log.info({ migrations: migrated }, 'migrations applied');

  const auditKey = config.auditKey ? Buffer.from(config.auditKey, 'utf8') : loadOrCreateSecret(config.dataDir, 'audit-hmac.key');
  const sealKey = loadOrCreateSecret(config.dataDir, 'secret-seal.key');
  const { app, deps } = await buildApp({ config, db, logger: log, auditKey, sealKey });

  if ((await countUsers(db)) === 0) {
    if (config.demo) {
      await seedDemo(deps);
      log.info('demo organization "Harborview Recovery (demo)" created; sign in with <role>@demo.openiop.org / demo-password-1');
    } else {
      const link = await createSetupLinkIfNeeded(deps);
      if (link) {
        const base = config.publicUrl ?? `http://localhost:${config.port}`;
        // stdout on purpose: the operator needs the link, and it is not patient data.
        process.stdout.write(`\nFirst start: create the first administrator at\n\n  ${base}${link}\n\nThis link works once and expires in 1 hour.\n\n`);
      }
    }
  }

  await app.listen({ port: config.port, host: config.host });
  const outbox = setInterval(() => {
    dispatchDue(db, logTransport(log), deps.clock()).catch((error: unknown) => log.warn({ errName: (error as Error).name }, 'outbox dispatch failed'));
  }, 2000);
  outbox.unref();

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ startMs: Math.round(performance.now() - started), port, database: embedded ? 'embedded' : 'external' }, 'OpenIOP ready');
  process.stdout.write(`OpenIOP is running at http://localhost:${port} (started in ${Math.round(performance.now() - started)} ms). Press Ctrl-C to stop.\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(outbox);
    await app.close();
    await db.destroy();
    await embedded?.stop();
    releaseLock();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof AlreadyRunningError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`OpenIOP failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
