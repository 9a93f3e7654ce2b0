import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testApp, type TestApp } from '../../../../test/support.js';
import { createDb, type Db } from '../../db/database.js';
import { findPublicOrganization } from './public-site.repository.js';

// Which organization the public site shows (decision 0016), on a database of its own so other
// tests' organizations do not count.

let fresh: { url: string; drop: () => Promise<void> };
let db: Db;

beforeAll(async () => {
  fresh = await freshDatabase();
  db = createDb(fresh.url, 2);
});
afterAll(async () => {
  await db.destroy();
  await fresh.drop();
});

async function organization(name: string, isDemo: boolean, createdAt: string): Promise<string> {
  const row = await db
    .insertInto('organizations')
    .values({ name, is_demo: isDemo, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the public organization', () => {
  it('is none on an empty database, so the site says it is not set up yet', async () => {
    expect(await findPublicOrganization(db, undefined)).toBeNull();
    const t: TestApp = await testApp({ databaseUrl: fresh.url });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/es/programs' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('todavía no está listo');
      expect(response.body).toContain('href="tel:988"');
    } finally {
      await t.close();
    }
  });

  it('is the oldest organization, unless there is a demo one, unless one is configured', async () => {
    const oldest = await organization('Oldest', false, '2026-01-01T00:00:00Z');
    const configured = await organization('Configured', false, '2026-02-01T00:00:00Z');
    expect((await findPublicOrganization(db, undefined))?.id).toBe(oldest);
    const demo = await organization('Demo', true, '2026-03-01T00:00:00Z');
    expect((await findPublicOrganization(db, undefined))?.id).toBe(demo);
    expect((await findPublicOrganization(db, configured))?.id).toBe(configured);
    expect(await findPublicOrganization(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
