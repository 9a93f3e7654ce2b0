import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import type { AppDeps } from './context.js';
import { createDb } from './db/database.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { migrateToLatest } from './db/migrate.js';
import { AlreadyRunningError, acquireAppLock, loadAuditKey, loadOrCreateSecret, publishServerInfo } from './data-dir.js';
import { smtpTransport } from './jobs/email-transport.js';
import { dispatchDue, logTransport } from './jobs/outbox.js';
import { seedDemo } from './modules/demo/demo.service.js';
import { escalateDueAlerts } from './modules/safety/escalation.service.js';
import { countUsers } from './modules/users/users.repository.js';
import { createSetupLinkIfNeeded } from './modules/onboarding/onboarding.service.js';

// config -> database (embedded or external) -> migrate -> buildApp -> listen; clean shutdown.
// Each step that acquires something (lock, PostgreSQL, pool, port) registers how to release it;
// a failed start and a stop both release everything in reverse order.

type Release = () => unknown;

class StartError extends Error {}
class StopRequested extends Error {}

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const releases: Release[] = [];
  const interrupted = new AbortController();
  let state: 'starting' | 'running' | 'stopping' = 'starting';

  const stop = async (signal: string) => {
    state = 'stopping';
    log.info({ signal }, 'shutting down');
    const clean = await releaseAll(releases, log);
    log.info('stopped');
    process.exit(clean ? 0 : 1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // A signal during start-up interrupts it at the next step; the failure path then releases everything.
    if (state === 'starting') interrupted.abort(new StopRequested(signal));
    else if (state === 'running') void stop(signal);
  };
  // SIGHUP: the terminal was closed; stopping cleanly beats leaving PostgreSQL behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  let port: number;
  try {
    port = await start(config, log, releases, interrupted.signal);
  } catch (error) {
    await releaseAll(releases, log);
    if (error instanceof StopRequested) process.exit(0);
    throw error;
  }
  state = 'running';
  const ms = Math.round(performance.now() - started);
  log.info({ startMs: ms, port, database: config.databaseUrl ? 'external' : 'embedded' }, 'OpenIOP ready');
  process.stdout.write(`OpenIOP is running at http://localhost:${port} (started in ${ms} ms). Press Ctrl-C to stop.\n`);
}

/** Brings everything up and returns the port it listens on. */
async function start(config: Config, log: Logger, releases: Release[], interrupted: AbortSignal): Promise<number> {
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    releases.push(acquireAppLock(config.dataDir, config.port));
    const embedded = await startEmbeddedPostgres(config.dataDir, (message) => log.debug({ component: 'postgres' }, message.trim()));
    releases.push(() => embedded.stop());
    releases.push(publishServerInfo(config.dataDir, embedded.port));
    connectionString = embedded.connectionString;
  }
  interrupted.throwIfAborted();

  const db = createDb(connectionString);
  releases.push(() => db.destroy());
  const migrated = await migrateToLatest(db).catch((error: unknown) => {
    throw new StartError(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (migrated.length > 0) log.info({ migrations: migrated }, 'migrations applied');
  interrupted.throwIfAborted();

  const auditKey = loadAuditKey(config, { create: true });
  const sealKey = loadOrCreateSecret(config.dataDir, 'secret-seal.key');
  const { app, deps } = await buildApp({ config, db, logger: log, auditKey, sealKey });
  releases.push(() => app.close());
  await prepareFirstStart(config, deps, log);
  interrupted.throwIfAborted();

  const port = await listen(app, config);
  const transport = config.smtpUrl
    ? smtpTransport(db, { url: config.smtpUrl, from: config.mailFrom, baseUrl: config.publicUrl ?? `http://localhost:${port}` }, log)
    : logTransport(log);
  log.info({ transport: config.smtpUrl ? 'smtp' : 'log' }, 'outbox email transport');
  const outbox = setInterval(() => {
    dispatchDue(db, transport, deps.clock()).catch((error: unknown) =>
      log.warn({ errName: (error as Error).name }, 'outbox dispatch failed'),
    );
  }, 2000);
  outbox.unref();
  releases.push(() => clearInterval(outbox));
  // Unacknowledged safety alerts past their time go to the directors (decision 0021). The state is
  // in the database, so a restart only delays the next run by this interval.
  const escalation = setInterval(() => {
    escalateDueAlerts(deps, deps.clock()).catch((error: unknown) =>
      log.warn({ errName: (error as Error).name }, 'safety alert escalation failed'),
    );
  }, 15_000);
  escalation.unref();
  releases.push(() => clearInterval(escalation));
  return port;
}

/** An empty database gets the demo organization, or (production) a one-time link to create the first admin. */
async function prepareFirstStart(config: Config, deps: AppDeps, log: Logger): Promise<void> {
  if ((await countUsers(deps.db)) > 0) return;
  if (config.demo) {
    await seedDemo(deps);
    log.info('demo organization "Harborview Recovery (demo)" created; sign in with <role>@demo.openiop.org / demo-password-1');
    return;
  }
  const link = await createSetupLinkIfNeeded(deps);
  if (link) {
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    // stdout on purpose: the operator needs the link, and it is not patient data.
    process.stdout.write(
      `\nFirst start: create the first administrator at\n\n  ${base}${link}\n\nThis link works once and expires in 1 hour.\n\n`,
    );
  }
}

async function listen(app: FastifyInstance, config: Config): Promise<number> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartError(`Port ${config.port} is in use; set PORT to a free port (for example PORT=${config.port + 1})`);
    if (code === 'EACCES') throw new StartError(`Port ${config.port} needs privileges this process lacks; set PORT to a port above 1023`);
    if (code === 'EADDRNOTAVAIL') throw new StartError(`HOST ${config.host} is not an address of this machine; set HOST`);
    throw error;
  }
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : config.port;
}

/** Runs the release steps newest first; one failing step does not stop the others. */
async function releaseAll(releases: Release[], log: Logger): Promise<boolean> {
  let clean = true;
  for (let release = releases.pop(); release; release = releases.pop()) {
    try {
      await release();
    } catch (error) {
      clean = false;
      log.error({ errName: (error as Error).name, errMessage: (error as Error).message }, 'shutdown step failed');
    }
  }
  return clean;
}

main().catch((error: unknown) => {
  if (error instanceof AlreadyRunningError || error instanceof StartError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error instanceof AlreadyRunningError ? 2 : 1);
  }
  process.stderr.write(`OpenIOP failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
