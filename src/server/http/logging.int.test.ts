import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../test/support.js';
import { admit, createPatient, createProgram } from '../../../test/factories.js';

// Logs carry ids only: never names, emails, passwords, tokens or other patient data.
let t: TestApp;
let org: TestOrg;
const lines: string[] = [];

beforeAll(async () => {
  t = await testApp({ logLines: lines });
  org = await createTestOrg(t.deps);
});
afterAll(() => t.close());

describe('application logs', () => {
  it('log requests by route pattern and ids, with no names, emails, passwords, tokens or patient details', async () => {
    const patientLast = 'Lognamecheck';
    const patientId = await createPatient(t.db, org, { firstName: 'Quill', lastName: patientLast });
    await admit(t.db, org, { patientId, programId: await createProgram(t.db, org) });
    const director = await sessionFor(t, org.users.director, org.organizationId);
    const token = 'A'.repeat(43);

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.users.clinician.email, password: 'wrong but secret words' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.users.clinician.email, password: TEST_PASSWORD },
    });
    await t.app.inject({ method: 'GET', url: `/api/v1/invites/${token}` });
    expect((await call(t, director, 'GET', `/api/v1/patients/${patientId}`)).statusCode).toBe(200);
    expect((await call(t, director, 'GET', `/api/v1/patients?q=${patientLast}`)).statusCode).toBe(200);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(log).toContain('/api/v1/patients/:patientId');
    expect(log).toContain(org.users.director.id);
    for (const secret of [
      org.users.clinician.email,
      'wrong but secret words',
      TEST_PASSWORD,
      token,
      patientLast,
      'Quill',
      director.cookie.split('=')[1] ?? 'x',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
