import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { call, testApp, type TestApp } from '../../../../test/support.js';

// The public instrument library and stateless scoring: lists the enabled instruments, scores each,
// refuses unknown or disabled instruments and bad answers by name, and writes nothing at all.

const t = await testApp({ env: { OPENIOP_SCORE_RATE_LIMIT: '10000' } });
afterAll(() => t.close());

const score = (code: string, body: unknown, app: TestApp = t) => call(app, null, 'POST', `/api/v1/instruments/${code}/score`, body);

const all = (count: number, value: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [String(index + 1), value]));

async function rowCount(table: 'audit_events' | 'outbox'): Promise<number> {
  const result = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db);
  return Number(result.rows[0]?.n ?? 0);
}

describe('GET /api/v1/instruments', () => {
  it('lists the enabled instruments with their definitions, without DAST-10', async () => {
    const response = await call(t, null, 'GET', '/api/v1/instruments');
    expect(response.statusCode).toBe(200);
    const { instruments } = response.json<{
      instruments: { code: string; items: { id: string }[]; range: { max: number }; loinc: unknown }[];
    }>();
    expect(instruments.map((instrument) => instrument.code)).toEqual(['phq-9', 'gad-7', 'pcl-5', 'audit-c', 'asq']);
    const phq9 = instruments[0];
    expect(phq9?.items.map((item) => item.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(phq9).toMatchObject({ range: { min: 0, max: 27 }, loinc: { panel: '44249-1', total: '44261-6' } });
  });
});

describe('POST /api/v1/instruments/:code/score', () => {
  it('scores a complete PHQ-9 with the band in its own words and the item 9 flag', async () => {
    const response = await score('phq-9', { answers: { ...all(9, 2), 9: 1 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      complete: true,
      total: 17,
      band: 'moderately severe',
      missingItems: [],
      flags: [expect.stringContaining('suicide')],
    });
    expect(response.json<{ crisisResources: string[] }>().crisisResources.join(' ')).toContain('988');
  });

  it('gives an incomplete form no total or band and lists the missing items', async () => {
    const response = await score('PHQ9', { answers: { 1: 3, 2: 3, 3: 3 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      complete: false,
      total: null,
      band: null,
      missingItems: ['4', '5', '6', '7', '8', '9'],
      flags: [],
    });
  });

  it('scores GAD-7', async () => {
    expect((await score('gad-7', { answers: all(7, 2) })).json()).toMatchObject({ complete: true, total: 14, band: 'moderate' });
  });

  it('scores PCL-5 with its cut-off and cluster result', async () => {
    const body = (await score('pcl-5', { answers: { ...all(20, 1), 1: 2, 6: 2, 8: 2, 9: 2, 15: 2, 16: 2, 20: 3 } })).json<{
      total: number;
      flags: string[];
      clusters: { allMet: boolean };
      screen: { cutOff: number; positive: boolean };
    }>();
    expect(body).toMatchObject({ complete: true, total: 28, band: 'negative screen', screen: { cutOff: 33, positive: false } });
    expect(body.clusters.allMet).toBe(true);
    const lower = (await score('pcl-5', { answers: { ...all(20, 1), 1: 2, 6: 2, 8: 2, 9: 2, 15: 2, 16: 2, 20: 3 }, cutOff: 28 })).json();
    expect(lower).toMatchObject({ band: 'positive screen', flags: expect.arrayContaining([expect.stringContaining('positive')]) });
  });

  it('scores AUDIT-C by sex, and without one uses the lower cut-off and says so', async () => {
    const answers = { 1: 2, 2: 1, 3: 0 };
    expect((await score('audit-c', { answers, sex: 'male' })).json()).toMatchObject({ total: 3, band: 'negative screen', flags: [] });
    expect((await score('audit-c', { answers, sex: 'female' })).json()).toMatchObject({
      band: 'positive screen',
      flags: ['positive-screen'],
    });
    const unknown = (await score('audit-c', { answers })).json<{ band: string; notes: string[] }>();
    expect(unknown.band).toBe('positive screen');
    expect(unknown.notes.join(' ')).toContain('sex not given');
  });

  it('scores ASQ: a yes to items 1-4 needs item 5, and a yes there is acute', async () => {
    const incomplete = (await score('asq', { answers: { 1: 0, 2: 1, 3: 0, 4: 0 } })).json();
    expect(incomplete).toMatchObject({ complete: false, total: null, missingItems: ['5'], flags: [expect.stringContaining('suicide')] });
    const acute = (await score('asq', { answers: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } })).json<{ flags: string[] }>();
    expect(acute).toMatchObject({ complete: true, band: 'acute positive screen' });
    expect(acute.flags.some((flag) => flag.includes('acute'))).toBe(true);
    expect((await score('asq', { answers: all(4, 0) })).json()).toMatchObject({ complete: true, band: 'negative screen', flags: [] });
  });

  it.each(['nope', 'c-ssrs', 'dast-10'])('answers 404 for %s (unknown, or DAST-10 while disabled)', async (code) => {
    const response = await score(code, { answers: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 400 naming the item for a value out of range', async () => {
    const response = await score('phq-9', { answers: { ...all(9, 0), 4: 4 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ path: 'answers.4' }] } });
    expect(response.json<{ error: { message: string } }>().error.message).toContain('answers.4');
  });

  it('answers 400 for an item the instrument does not have', async () => {
    const response = await score('gad-7', { answers: { ...all(7, 0), 8: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ path: 'answers.8' }] } });
  });

  it('answers 400 for a cut-off on an instrument without one, and for unknown fields', async () => {
    expect((await score('phq-9', { answers: {}, cutOff: 10 })).statusCode).toBe(400);
    expect((await score('phq-9', { answers: {}, extra: 1 })).statusCode).toBe(400);
  });

  it('stores nothing: no audit event, no outbox message', async () => {
    const before = [await rowCount('audit_events'), await rowCount('outbox')];
    await score('phq-9', { answers: all(9, 3) });
    await score('asq', { answers: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 } });
    await score('phq-9', { answers: { 1: 9 } });
    expect([await rowCount('audit_events'), await rowCount('outbox')]).toEqual(before);
  });
});

describe('with DAST-10 enabled by configuration', () => {
  it('lists and scores it, item 3 reverse-scored, with its notice', async () => {
    const enabled = await testApp({ env: { OPENIOP_INSTRUMENTS_ENABLED: 'dast-10' } });
    try {
      const list = (await call(enabled, null, 'GET', '/api/v1/instruments')).json<{
        instruments: { code: string; notice: string | null }[];
      }>();
      expect(list.instruments.find((instrument) => instrument.code === 'dast-10')?.notice).toContain('non-commercial');
      const noneYes = (await score('dast-10', { answers: all(10, 0) }, enabled)).json();
      expect(noneYes).toMatchObject({ complete: true, total: 1, band: 'low' });
    } finally {
      await enabled.close();
    }
  });
});

describe('rate limit', () => {
  it('refuses a flood of scorings from one client with 429', async () => {
    const limited = await testApp({ env: { OPENIOP_SCORE_RATE_LIMIT: '2' } });
    try {
      const codes: number[] = [];
      for (let index = 0; index < 3; index++) codes.push((await score('gad-7', { answers: all(7, 0) }, limited)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
