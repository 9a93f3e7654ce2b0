import type { Transaction } from 'kysely';
import { defaultIntensityRules, type LevelOfCare, type Population } from '../../../domain/programs/intensity-defaults.js';
import { defaultMinutes, type AttendanceStatus } from '../../../domain/intensity/attendance.js';
import { addDays, isoWeekOf, localDateOf } from '../../../domain/scheduling/local-time.js';
import type { Database, Disposition } from '../../db/schema.js';
import { hashPassword } from '../auth/password-hash.js';
import { materializeRange } from '../schedules/templates.service.js';
import { insertUser, replaceRoles, replaceSites } from '../users/users.repository.js';

// The running clinic behind the demo organization: programs, rooms, staff, group series, 44
// patients in open and closed episodes, and six weeks of attendance. Everything is invented;
// the random choices come from a fixed seed so every demo install looks the same.

type Trx = Transaction<Database>;
type Site = { id: string; timeZone: string };

type ProgramSpec = {
  key: string;
  name: string;
  site: 0 | 1;
  level: LevelOfCare;
  population: Population;
  focus: 'mental_health' | 'substance_use' | 'dual_diagnosis';
  format: 'in_person' | 'virtual' | 'hybrid';
  part2: boolean;
  description: string;
  /** What the public site shows, in English and Spanish. */
  summary: { en: string; es: string };
  conditions: string[];
  groups: { title: string; modality: string; days: number[]; start: string; minutes: number; room: string | null; facilitator: string }[];
  patients: number;
};

const PROGRAMS: ProgramSpec[] = [
  {
    key: 'am',
    name: 'Adult Mental Health IOP (mornings)',
    site: 0,
    level: 'IOP',
    population: 'adult',
    focus: 'mental_health',
    format: 'in_person',
    part2: false,
    description: 'Four mornings a week of skills groups for adults with depression, anxiety and related conditions.',
    summary: {
      en: 'Four mornings a week of skills groups for adults living with depression, anxiety or stress. You learn practical tools in a small group and meet your own therapist every week.',
      es: 'Cuatro mañanas a la semana de grupos de habilidades para adultos con depresión, ansiedad o estrés. Aprende herramientas prácticas en un grupo pequeño y ve a su propio terapeuta cada semana.',
    },
    conditions: ['F32', 'F33', 'F41', 'F43'],
    groups: [
      { title: 'CBT skills', modality: 'cbt', days: [1, 2, 3, 4], start: '09:00', minutes: 90, room: 'Cedar', facilitator: 'therapist1' },
      {
        title: 'DBT skills',
        modality: 'dbt_skills',
        days: [1, 2, 3, 4],
        start: '10:45',
        minutes: 90,
        room: 'Cedar',
        facilitator: 'therapist2',
      },
    ],
    patients: 14,
  },
  {
    key: 'pm',
    name: 'Adult IOP (evenings, online)',
    site: 1,
    level: 'IOP',
    population: 'adult',
    focus: 'mental_health',
    format: 'virtual',
    part2: false,
    description: 'Three evenings a week by video, for adults who work or study during the day.',
    summary: {
      en: 'Three evenings a week by video, for adults who work or study during the day. Join from home on a private, secure video link.',
      es: 'Tres tardes a la semana por video, para adultos que trabajan o estudian durante el día. Se conecta desde casa con un enlace de video privado y seguro.',
    },
    conditions: ['F32', 'F41', 'F43', 'F60'],
    groups: [
      {
        title: 'Process group',
        modality: 'process_group',
        days: [1, 2, 4],
        start: '18:00',
        minutes: 90,
        room: null,
        facilitator: 'therapist3',
      },
      {
        title: 'Psychoeducation',
        modality: 'psychoeducation',
        days: [1, 2, 4],
        start: '19:45',
        minutes: 105,
        room: null,
        facilitator: 'clinician',
      },
    ],
    patients: 12,
  },
  {
    key: 'dd',
    name: 'Dual Diagnosis IOP',
    site: 1,
    level: 'IOP',
    population: 'adult',
    focus: 'dual_diagnosis',
    format: 'in_person',
    part2: true,
    description: 'Integrated treatment of substance use and mental health conditions, four mornings a week.',
    summary: {
      en: 'Integrated care for people living with both substance use and a mental health condition, four mornings a week, with relapse prevention and motivational groups.',
      es: 'Atención integrada para personas que viven con consumo de sustancias y una condición de salud mental a la vez, cuatro mañanas a la semana, con grupos de prevención de recaídas y de motivación.',
    },
    conditions: ['F10-F19', 'F32', 'F41'],
    groups: [
      {
        title: 'Relapse prevention',
        modality: 'relapse_prevention',
        days: [1, 2, 3, 5],
        start: '09:30',
        minutes: 90,
        room: 'Harbor',
        facilitator: 'therapist4',
      },
      {
        title: 'Motivational interviewing group',
        modality: 'motivational_interviewing',
        days: [1, 2, 3, 5],
        start: '11:15',
        minutes: 90,
        room: 'Harbor',
        facilitator: 'clinician',
      },
    ],
    patients: 10,
  },
  {
    key: 'teen',
    name: 'Adolescent After-School IOP',
    site: 0,
    level: 'IOP',
    population: 'adolescent',
    focus: 'mental_health',
    format: 'in_person',
    part2: false,
    description: 'Four afternoons a week after school for teens aged 13 to 17.',
    summary: {
      en: 'Four afternoons a week after school for teens aged 13 to 17, with DBT skills groups and family sessions.',
      es: 'Cuatro tardes a la semana después de clase para adolescentes de 13 a 17 años, con grupos de habilidades DBT y sesiones con la familia.',
    },
    conditions: ['F32', 'F41', 'F90'],
    groups: [
      {
        title: 'Teen DBT skills',
        modality: 'dbt_skills',
        days: [1, 2, 3, 4],
        start: '16:00',
        minutes: 120,
        room: 'Willow',
        facilitator: 'therapist2',
      },
    ],
    patients: 8,
  },
];

const EXTRA_STAFF = [
  { key: 'therapist1', name: 'Jordan Pine', modalities: ['cbt', 'psychoeducation', 'emdr_trauma'], licence: 'LCSW', states: ['OR', 'WA'] },
  { key: 'therapist2', name: 'Riley Brook', modalities: ['dbt_skills', 'family', 'cbt'], licence: 'LPC', states: ['OR'] },
  {
    key: 'therapist3',
    name: 'Quinn Alder',
    modalities: ['process_group', 'cbt', 'motivational_interviewing'],
    licence: 'LMFT',
    states: ['RI', 'MA', 'OR'],
  },
  {
    key: 'therapist4',
    name: 'Emerson Vale',
    modalities: ['relapse_prevention', 'motivational_interviewing'],
    licence: 'LCDC',
    states: ['RI'],
  },
] as const;

const ROOMS = [
  { site: 0, name: 'Cedar', capacity: 14 },
  { site: 0, name: 'Willow', capacity: 10 },
  { site: 0, name: 'Office 2', capacity: 3 },
  { site: 1, name: 'Harbor', capacity: 12 },
  { site: 1, name: 'Office A', capacity: 3 },
] as const;

// Invented name parts, combined by the seeded generator; no real person is meant.
const FIRST = [
  'Avery',
  'Blair',
  'Cameron',
  'Dakota',
  'Ellis',
  'Finley',
  'Harper',
  'Indigo',
  'Jules',
  'Kai',
  'Lane',
  'Marlow',
  'Noel',
  'Oakley',
  'Peyton',
  'Reese',
  'Sage',
  'Tatum',
  'Umber',
  'Wren',
  'Yael',
  'Zephyr',
];
const LAST = [
  'Ashgrove',
  'Birchwell',
  'Copperfield',
  'Dunmere',
  'Elmsworth',
  'Fernhall',
  'Glenrow',
  'Hollins',
  'Ivybridge',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Moorcroft',
  'Nettlefield',
  'Oakhurst',
  'Pinecrest',
];

/** mulberry32: a tiny seeded generator, enough for demo variety. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoClinic(
  trx: Trx,
  input: { organizationId: string; sites: Site[]; staff: Record<string, string>; now: Date; passwordCost: number; demoPassword: string },
): Promise<void> {
  const { organizationId, sites, now } = input;
  const random = seeded(20261127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const siteOf = (index: 0 | 1): Site => sites[index] ?? (sites[0] as Site);
  const siteIds = sites.map((s) => s.id);

  // Staff: the demo clinician and psychiatrist plus four therapists, all with profiles.
  const staff: Record<string, string> = { ...input.staff };
  const passwordHash = await hashPassword(input.demoPassword, input.passwordCost);
  for (const person of EXTRA_STAFF) {
    const email = `${person.key}@demo.openiop.org`;
    const id = await insertUser(trx, { organizationId, email, displayName: person.name, status: 'active', passwordHash, now });
    await replaceRoles(trx, organizationId, id, ['clinician']);
    await replaceSites(trx, organizationId, id, siteIds);
    staff[person.key] = id;
    await trx
      .insertInto('staff_profiles')
      .values({
        organization_id: organizationId,
        user_id: id,
        licence_type: person.licence,
        licensed_states: [...person.states],
        modalities: [...person.modalities],
      })
      .execute();
  }
  const clinicianId = staff.clinician;
  if (clinicianId) {
    await trx
      .insertInto('staff_profiles')
      .values({
        organization_id: organizationId,
        user_id: clinicianId,
        licence_type: 'LCSW',
        licensed_states: ['OR', 'RI', 'MA'],
        modalities: ['psychoeducation', 'motivational_interviewing', 'cbt', 'process_group'],
      })
      .execute();
  }
  const psychiatristId = staff.psychiatrist;
  if (psychiatristId) {
    await trx
      .insertInto('staff_profiles')
      .values({
        organization_id: organizationId,
        user_id: psychiatristId,
        licence_type: 'MD (psychiatry)',
        licensed_states: ['OR', 'RI'],
        modalities: [],
      })
      .execute();
  }

  const rooms: Record<string, string> = {};
  for (const room of ROOMS) {
    const row = await trx
      .insertInto('rooms')
      .values({ organization_id: organizationId, site_id: siteOf(room.site).id, name: room.name, capacity: room.capacity })
      .returning('id')
      .executeTakeFirstOrThrow();
    rooms[room.name] = row.id;
  }

  // History runs from the Monday six weeks back to two weeks ahead, in each site's own zone.
  const firstMonday = (site: Site) => addDays(isoWeekOf(localDateOf(now.getTime(), site.timeZone)).monday, -42);
  await trx
    .insertInto('closures')
    .values({
      organization_id: organizationId,
      site_id: null,
      closed_on: addDays(firstMonday(siteOf(0)), 24),
      reason: 'Staff training day (demo)',
    })
    .execute();

  let patientNumber = 0;
  for (const spec of PROGRAMS) {
    const site = siteOf(spec.site);
    const rules = defaultIntensityRules(spec.level, spec.population);
    const program = await trx
      .insertInto('programs')
      .values({
        organization_id: organizationId,
        site_id: site.id,
        name: spec.name,
        description: spec.description,
        level_of_care: spec.level,
        population: spec.population,
        focus: spec.focus,
        format: spec.format,
        weekly_floor_minutes: rules.weeklyFloorMinutes,
        weekly_ceiling_minutes: rules.weeklyCeilingMinutes,
        min_days_per_week: rules.minDaysPerWeek,
        min_billable_days_per_week: rules.minBillableDaysPerWeek,
        min_billable_day_minutes: rules.minBillableDayMinutes,
        group_capacity: 12,
        conditions: spec.conditions,
        modalities: [...new Set(spec.groups.map((g) => g.modality))],
        is_part2: spec.part2,
        published: true,
        public_summary_en: spec.summary.en,
        public_summary_es: spec.summary.es,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const from = firstMonday(site);
    const sessions: { id: string; localDate: string; minutes: number; startsAt: Date }[][] = [];
    const templateIds: string[] = [];
    for (const group of spec.groups) {
      const facilitator = staff[group.facilitator] ?? null;
      const template = await trx
        .insertInto('group_templates')
        .values({
          organization_id: organizationId,
          program_id: program.id,
          title: group.title,
          modality: group.modality,
          days_of_week: group.days,
          start_time: group.start,
          duration_minutes: group.minutes,
          room_id: group.room ? (rooms[group.room] ?? null) : null,
          telehealth: group.room === null,
          capacity: 12,
          starts_on: from,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      templateIds.push(template.id);
      if (facilitator)
        await trx
          .insertInto('group_template_facilitators')
          .values({ organization_id: organizationId, template_id: template.id, user_id: facilitator })
          .execute();
      // The schedule's own generator: closures, facilitators and rooms come from the rows above.
      await materializeRange(trx, organizationId, { from, to: addDays(from, 7 * 8 - 1) }, { templateId: template.id }, now);
      const rows = await trx
        .selectFrom('sessions_of_care')
        .select(['id', 'local_date', 'starts_at', 'ends_at'])
        .where('template_id', '=', template.id)
        .where('status', '=', 'scheduled')
        .execute();
      sessions.push(
        rows.map((r) => ({
          id: r.id,
          localDate: r.local_date,
          startsAt: r.starts_at,
          minutes: Math.round((r.ends_at.getTime() - r.starts_at.getTime()) / 60_000),
        })),
      );
    }

    for (let i = 0; i < spec.patients; i += 1) {
      patientNumber += 1;
      const first = pick(FIRST);
      const last = `${pick(LAST)}-Demo`;
      const adolescent = spec.population === 'adolescent';
      const birthYear = adolescent ? 2009 + Math.floor(random() * 4) : 1960 + Math.floor(random() * 40);
      const patient = await trx
        .insertInto('patients')
        .values({
          organization_id: organizationId,
          legal_first_name: first,
          legal_last_name: last,
          preferred_name: random() < 0.2 ? pick(FIRST) : null,
          pronouns: pick(['she/her', 'he/him', 'they/them']),
          date_of_birth: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          phone: `555-01${String(patientNumber).padStart(2, '0')}`,
          email: `patient${patientNumber}@example.org`,
          state_of_residence: spec.site === 0 ? 'OR' : 'RI',
          emergency_contact_name: `${pick(FIRST)} ${last}`,
          emergency_contact_phone: `555-02${String(patientNumber).padStart(2, '0')}`,
          availability_notes: adolescent
            ? 'School until 15:00'
            : pick(['Works 13:00-21:00', 'Works days, free evenings', 'On leave from work', '']),
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      // A third of patients finished (or left) earlier; the rest are in treatment now.
      const closed = i % 3 === 2;
      const admittedWeek = closed ? Math.floor(random() * 2) : Math.floor(random() * 5);
      const admittedOn = addDays(from, admittedWeek * 7 + (i % 2));
      const dischargedOn = closed ? addDays(admittedOn, 21 + Math.floor(random() * 10)) : null;
      const disposition: Disposition | null = closed
        ? pick(['completed', 'completed', 'stepped_down', 'left_against_advice', 'stepped_up'])
        : null;
      const episode = await trx
        .insertInto('episodes')
        .values({
          organization_id: organizationId,
          patient_id: patient.id,
          program_id: program.id,
          level_of_care: spec.level,
          status: closed ? 'closed' : 'open',
          admitted_on: admittedOn,
          expected_weeks: 8,
          discharged_on: dischargedOn,
          disposition,
          aftercare_note: closed ? 'Weekly outpatient therapy arranged; crisis resources reviewed (demo).' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('episode_events')
        .values({
          organization_id: organizationId,
          episode_id: episode.id,
          kind: 'admitted',
          effective_on: admittedOn,
          to_program_id: program.id,
          to_level: spec.level,
          reason: 'Admission after assessment (demo)',
        })
        .execute();
      if (closed && dischargedOn) {
        await trx
          .insertInto('episode_events')
          .values({
            organization_id: organizationId,
            episode_id: episode.id,
            kind: 'discharged',
            effective_on: dischargedOn,
            from_program_id: program.id,
            from_level: spec.level,
            reason: disposition ?? '',
          })
          .execute();
      }
      for (const templateId of templateIds) {
        await trx
          .insertInto('episode_enrolments')
          .values({
            organization_id: organizationId,
            episode_id: episode.id,
            template_id: templateId,
            starts_on: admittedOn,
            ends_on: dischargedOn,
          })
          .execute();
      }

      const recorder = staff[spec.groups[0]?.facilitator ?? 'clinician'] ?? clinicianId;
      if (!recorder) throw new Error('demo staff missing');
      // Each patient has an attendance habit, so some weeks meet the intensity rules and some do not.
      // Most attend nearly everything; about one in five struggles.
      const reliability = random() < 0.2 ? 0.55 + random() * 0.2 : 0.88 + random() * 0.12;
      const attendanceRows = [];
      for (const templateSessions of sessions) {
        for (const session of templateSessions) {
          if (
            session.localDate < admittedOn ||
            (dischargedOn && session.localDate > dischargedOn) ||
            session.startsAt.getTime() > now.getTime()
          )
            continue;
          const roll = random();
          const status: AttendanceStatus =
            roll < reliability
              ? random() < 0.1
                ? 'late'
                : random() < 0.05
                  ? 'left_early'
                  : 'present'
              : roll < reliability + (1 - reliability) / 2
                ? 'absent_excused'
                : 'absent_unexcused';
          const minutes =
            status === 'late' || status === 'left_early'
              ? session.minutes - 15 - Math.floor(random() * 30)
              : defaultMinutes(status, session.minutes);
          attendanceRows.push({
            organization_id: organizationId,
            session_id: session.id,
            patient_id: patient.id,
            episode_id: episode.id,
            status,
            minutes,
            mode: spec.format === 'virtual' ? ('telehealth' as const) : ('in_person' as const),
            recorded_by: recorder,
            recorded_at: new Date(session.startsAt.getTime() + session.minutes * 60_000),
          });
        }
      }
      if (attendanceRows.length > 0) await trx.insertInto('attendance').values(attendanceRows).execute();
    }
  }
  // Days before today are closed: later edits to their attendance need a reason.
  await trx
    .updateTable('sessions_of_care')
    .set((eb) => ({ day_closed_at: eb.ref('ends_at') }))
    .where('organization_id', '=', organizationId)
    .where('ends_at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
    .execute();
}
