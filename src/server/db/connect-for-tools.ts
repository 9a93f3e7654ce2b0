import type { Config } from '../config.js';
import { AlreadyRunningError, acquireAppLock, readServerInfo } from '../data-dir.js';
import { createDb, type Db } from './database.js';
import { embeddedConnectionString, hasEmbeddedCluster, startEmbeddedPostgres } from './embedded-postgres.js';

export type ToolConnection = {
  db: Db;
  /** Which database the tool reached, for its output. */
  source: string;
  close: () => Promise<void>;
};

/**
 * A database connection for command-line tools (audit:verify, db:migrate), in this order:
 * DATABASE_URL; else the embedded server of the app running on the data directory (data/postgres.json);
 * else the tool takes the app lock and starts the embedded server itself, stopping it in close().
 */
export async function connectForTools(config: Config, tool: string, options: { createCluster: boolean }): Promise<ToolConnection> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, 2);
    return { db, source: 'DATABASE_URL', close: () => db.destroy() };
  }
  let releaseLock: () => void;
  try {
    releaseLock = acquireAppLock(config.dataDir, 0, tool);
  } catch (error) {
    if (!(error instanceof AlreadyRunningError)) throw error;
    return connectToRunningApp(config.dataDir, error.owner.pid);
  }
  try {
    if (!options.createCluster && !hasEmbeddedCluster(config.dataDir)) {
      throw new Error(`No OpenIOP database in ${config.dataDir}: start OpenIOP once, or set OPENIOP_DATA_DIR or DATABASE_URL`);
    }
    const embedded = await startEmbeddedPostgres(config.dataDir, () => undefined);
    const db = createDb(embedded.connectionString, 2);
    const close = async () => {
      await db.destroy();
      await embedded.stop();
      releaseLock();
    };
    return { db, source: `the embedded PostgreSQL in ${config.dataDir}`, close };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function connectToRunningApp(dataDir: string, pid: number): ToolConnection {
  const info = readServerInfo(dataDir, pid);
  if (!info) {
    throw new Error(
      `Process ${pid} holds ${dataDir} but publishes no database port (data/postgres.json); try again once OpenIOP has started`,
    );
  }
  const db = createDb(embeddedConnectionString(dataDir, info.port), 2);
  return { db, source: `the database of the running OpenIOP (process ${pid})`, close: () => db.destroy() };
}
