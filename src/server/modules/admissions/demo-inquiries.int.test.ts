import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestOrg, sessionFor, testApp, type TestApp } from '../../../../test/support.js';
import { seedDemoInquiries } from '../demo/demo-inquiries.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.current = new Date('2026-11-27T15:00:00Z');
});
afterAll(() => t.close());

describe('the demo pipeline', () => {
  it('has an urgent inquiry on top, an overdue one, a duplicate pair and one ready to admit', async () => {
    const org = await createTestOrg(t.deps);
    const staff = Object.fromEntries(Object.entries(org.users).map(([role, user]) => [role, user.id]));
    await t.db.transaction().execute((trx) => seedDemoInquiries(trx, { organizationId: org.organizationId, staff, now: t.clock.now() }));
    const session = await sessionFor(t, org.users.admissions, org.organizationId);
    const list = (await call(t, session, 'GET', '/api/v1/inquiries')).json();
    expect(list.total).toBe(9);
    expect(list.inquiries[0]).toMatchObject({ contactName: 'Jamie Rivera', urgent: true });
    expect(list.inquiries[1]).toMatchObject({ contactName: 'Taylor Brooks', clock: { overdue: true } });
    const alex = list.inquiries.filter((i: { contactName: string }) => i.contactName === 'Alex Morgan');
    expect(alex.map((i: { duplicateCount: number }) => i.duplicateCount)).toEqual([1, 1]);
    const drew = list.inquiries.find((i: { contactName: string }) => i.contactName === 'Drew Santos');
    const detail = (await call(t, session, 'GET', `/api/v1/inquiries/${drew.id}`)).json();
    expect(detail.admission).toMatchObject({ allowed: true, level: 'IOP' });
    const tasks = (await call(t, session, 'GET', '/api/v1/inquiry-tasks?mine=1')).json().tasks;
    expect(tasks[0]).toMatchObject({ title: 'Call to offer an IOP start date', overdue: true });
  });
});
