import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

// One real PostgreSQL for the integration suite: embedded by default, DATABASE_URL when set.
// Each test builds its own organization, so files run in parallel without sharing rows.
let embedded: EmbeddedPostgres | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = path.resolve('.test-data/int');
    fs.rmSync(dir, { recursive: true, force: true });
    embedded = await startEmbeddedPostgres(dir, () => undefined);
    url = embedded.connectionString;
  }
  const db = createDb(url, 1);
  await migrateToLatest(db);
  await db.destroy();
  project.provide('databaseUrl', url);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}
