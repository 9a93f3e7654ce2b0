import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENDANCE_STATUSES, countsAsAttended, type AttendanceStatus } from '../../../domain/intensity/attendance.js';
import { assessWeek, summarizeWeek, weeklyIntensity, type AttendanceFact } from '../../../domain/intensity/weekly-intensity.js';
import type { IntensityRules } from '../../../domain/programs/intensity-rules.js';
import { isoWeekOf, localDateOf, localDateTimeToEpoch, type IsoWeek } from '../../../domain/scheduling/local-time.js';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { createTestOrg, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';
import { insertSite } from '../sites/sites.repository.js';
import { parseIsoWeek } from './iso-week.js';
import { weeklyAggregate } from './intensity.repository.js';
import { assessAggregate } from './intensity.service.js';

// The weekly SQL aggregate against the domain reference (weeklyIntensity / summarizeWeek) on
// generated attendance: sessions at any hour, many near local midnight, across both 2026 US DST
// changes (Mar 8, Nov 1), the Lord Howe half-hour change (Apr 5) and ISO week edges, in five
// zones; patients whose program's zone differs from the session's site.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

type Patient = {
  id: string;
  rules: IntensityRules;
  zone: string;
  admittedOn: string;
  dischargedOn: string | null;
  facts: AttendanceFact[];
};

const ZONES = ['America/Chicago', 'America/Denver', 'America/New_York', 'America/Los_Angeles', 'Australia/Lord_Howe'];
const RANGES = [
  { from: '2026-03-01T00:00:00Z', days: 16 },
  { from: '2026-04-01T00:00:00Z', days: 9 },
  { from: '2026-10-24T00:00:00Z', days: 18 },
  { from: '2026-12-26T00:00:00Z', days: 12 },
];

async function generate(org: TestOrg, seed: number): Promise<{ patients: Patient[]; weeks: IsoWeek[] }> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const siteZones: { siteId: string; zone: string }[] = [
    { siteId: org.siteIds[0] ?? '', zone: 'America/Chicago' },
    { siteId: org.siteIds[1] ?? '', zone: 'America/Denver' },
  ];
  for (const zone of ZONES.slice(2))
    siteZones.push({
      siteId: await insertSite(t.db, { organizationId: org.organizationId, name: `Site ${zone} ${seed}`, timeZone: zone }),
      zone,
    });

  const patients: Patient[] = [];
  for (const site of siteZones) {
    const floor = pick([0, 360, 540, 1200]);
    const rules: IntensityRules = {
      weeklyFloorMinutes: floor,
      weeklyCeilingMinutes: pick([null, Math.max(floor, 600), 1140]),
      minDaysPerWeek: pick([0, 2, 3]),
      minBillableDaysPerWeek: pick([0, 1, 2]),
      minBillableDayMinutes: pick([0, 120, 180]),
    };
    const programId = await createProgram(t.db, org, {
      siteId: site.siteId,
      weekly_floor_minutes: rules.weeklyFloorMinutes,
      weekly_ceiling_minutes: rules.weeklyCeilingMinutes,
      min_days_per_week: rules.minDaysPerWeek,
      min_billable_days_per_week: rules.minBillableDaysPerWeek,
      min_billable_day_minutes: rules.minBillableDayMinutes,
    });
    for (let index = 0; index < 3; index += 1) {
      const id = await createPatient(t.db, org);
      const admittedOn = pick(['2026-01-05', '2026-03-04', '2026-10-28']);
      const dischargedOn = pick([null, null, '2026-03-05', '2026-11-02']);
      const episodeId = await admit(t.db, org, { patientId: id, programId, admittedOn });
      if (dischargedOn !== null && dischargedOn >= admittedOn) {
        await t.db
          .updateTable('episodes')
          .set({ status: 'closed', discharged_on: dischargedOn, disposition: 'completed' })
          .where('id', '=', episodeId)
          .execute();
      }
      patients.push({
        id,
        rules,
        zone: site.zone,
        admittedOn,
        dischargedOn: dischargedOn !== null && dischargedOn >= admittedOn ? dischargedOn : null,
        facts: [],
      });
    }
  }

  const weeks = new Map<string, IsoWeek>();
  for (const range of RANGES) {
    for (let count = 0; count < 70; count += 1) {
      const site = pick(siteZones);
      // Half the sessions start within an hour of local midnight (in some zone), the rest at any time.
      const base = Date.parse(range.from) + Math.floor(next() * range.days) * 86_400_000;
      const roll = next();
      // Some sessions start exactly at local midnight in one of the zones: the edge of a day and a week.
      const midnight = localDateTimeToEpoch(localDateOf(base, 'UTC'), { hour: 0, minute: 0 }, pick(ZONES));
      const startMs =
        roll < 0.15
          ? midnight
          : roll < 0.5
            ? base + Math.floor(next() * 24 * 60) * 60_000
            : base + (Math.floor(next() * 120) - 60) * 60_000 + pick([0, 5, 6, 7, 8, 10, 11, 13]) * 3_600_000;
      const length = pick([45, 60, 90, 180, 240]);
      const starts = new Date(startMs);
      const session = await t.db
        .insertInto('sessions_of_care')
        .values({
          organization_id: org.organizationId,
          site_id: site.siteId,
          kind: 'group',
          title: 'Generated group',
          starts_at: starts,
          ends_at: new Date(startMs + length * 60_000),
          local_date: localDateOf(startMs, site.zone),
          telehealth: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const attendees = patients.filter(() => next() < 0.35);
      const rows = [];
      for (const patient of attendees) {
        const status: AttendanceStatus = pick(ATTENDANCE_STATUSES);
        const minutes = status === 'present' ? length : countsAsAttended(status) ? Math.floor(next() * (length + 1)) : 0;
        rows.push({
          organization_id: org.organizationId,
          session_id: session.id,
          patient_id: patient.id,
          status,
          minutes,
          mode: 'telehealth' as const,
          recorded_by: org.users.clinician.id,
          recorded_at: starts,
        });
        patient.facts.push({ sessionStartUtc: starts.toISOString(), minutes, status });
        const week = isoWeekOf(localDateOf(startMs, patient.zone));
        weeks.set(week.key, week);
      }
      if (rows.length > 0) await t.db.insertInto('attendance').values(rows).execute();
    }
  }
  return { patients, weeks: [...weeks.values()] };
}

function covers(patient: Patient, week: IsoWeek): boolean {
  return patient.admittedOn <= week.sunday && (patient.dischargedOn === null || patient.dischargedOn >= week.monday);
}

describe('the weekly intensity SQL', () => {
  it.each([1, 2, 3])('matches the domain reference on generated attendance (seed %i)', async (seed) => {
    const org = await createTestOrg(t.deps);
    const { patients, weeks } = await generate(org, seed);
    expect(weeks.map((week) => week.key)).toEqual(expect.arrayContaining(['2026-W10', '2026-W44', '2026-W45', '2026-W53']));
    let compared = 0;
    for (const week of weeks) {
      const rows = await weeklyAggregate(t.db, org.organizationId, week, {});
      expect(rows.map((row) => row.patientId).sort()).toEqual(
        patients
          .filter((patient) => covers(patient, week))
          .map((patient) => patient.id)
          .sort(),
      );
      for (const row of rows) {
        const patient = patients.find((candidate) => candidate.id === row.patientId);
        if (!patient) throw new Error('unknown patient in the report');
        const reference =
          weeklyIntensity(patient.facts, patient.rules, patient.zone).find((entry) => entry.week.key === week.key) ??
          assessWeek(summarizeWeek(patient.facts, patient.rules, patient.zone, week.monday), patient.rules);
        expect(assessAggregate(week, row)).toEqual(reference);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('counts a Sunday 23:30 session in the week that ends that Sunday, and Monday 00:00 in the next (Los Angeles)', async () => {
    const org = await createTestOrg(t.deps);
    const siteId = await insertSite(t.db, { organizationId: org.organizationId, name: 'LA', timeZone: 'America/Los_Angeles' });
    const programId = await createProgram(t.db, org, { siteId });
    const patientId = await createPatient(t.db, org);
    await admit(t.db, org, { patientId, programId, admittedOn: '2026-01-01' });
    for (const [startsAt, localDate] of [
      ['2026-11-09T07:30:00Z', '2026-11-08'], // Sunday 23:30 PST
      ['2026-11-09T08:00:00Z', '2026-11-09'], // Monday 00:00 PST
    ] as const) {
      const session = await t.db
        .insertInto('sessions_of_care')
        .values({
          organization_id: org.organizationId,
          site_id: siteId,
          kind: 'group',
          title: 'Late group',
          starts_at: startsAt,
          ends_at: new Date(Date.parse(startsAt) + 60 * 60_000),
          local_date: localDate,
          telehealth: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('attendance')
        .values({
          organization_id: org.organizationId,
          session_id: session.id,
          patient_id: patientId,
          status: 'present',
          minutes: 60,
          mode: 'telehealth',
          recorded_by: org.users.clinician.id,
          recorded_at: startsAt,
        })
        .execute();
    }
    const w45 = await weeklyAggregate(t.db, org.organizationId, parseIsoWeek('2026-W45'), {});
    const w46 = await weeklyAggregate(t.db, org.organizationId, parseIsoWeek('2026-W46'), {});
    expect(w45[0]?.days).toEqual([{ date: '2026-11-08', minutes: 60, services: 1 }]);
    expect(w46[0]?.days).toEqual([{ date: '2026-11-09', minutes: 60, services: 1 }]);
  });
});
