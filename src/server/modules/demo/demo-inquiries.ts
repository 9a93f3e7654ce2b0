import { SELF_CHECK_VERSION } from '../../../domain/front-door/self-check.js';
import type { Transaction } from 'kysely';
import type { Database, InquiriesTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';

// The demo organization's admissions pipeline: nine synthetic inquiries across the stages, one
// urgent, one overdue, a pair of duplicates (same phone), with calls, notes and follow-up tasks.
// Names, phone numbers (555-01xx) and emails (example.org) are invented.

type Trx = Transaction<Database>;
type Activity = {
  kind: 'call' | 'email' | 'note' | 'submitted' | 'stage_change' | 'assessment_booked';
  minutes: number;
  outcome?: 'reached' | 'left_voicemail' | 'no_answer';
  body?: string;
  from?: string;
  to?: string;
};
type Task = { title: string; dueMinutes: number; owner: 'admissions' | 'front_desk' };
type Seed = {
  values: Omit<
    Insertable<InquiriesTable>,
    'organization_id' | 'created_at' | 'updated_at' | 'consent_to_contact' | 'privacy_notice_version'
  >;
  ageMinutes: number;
  activities: Activity[];
  tasks?: Task[];
  assessedLevel?: 'IOP';
};

const MINUTE = 60_000;

// The demo assessment is stored the way the level-of-care module stores one made with its default
// pack (openiop_default v1, decision 0018): rated dimensions with their words, and the reasons.
const DEMO_RATINGS = [
  { dimensionId: 'risk_of_harm', title: 'Risk of harm', rating: 1, label: 'Low risk', level: 'OP', note: null },
  { dimensionId: 'functional_status', title: 'Functional status', rating: 2, label: 'Moderate impairment', level: 'IOP', note: null },
  {
    dimensionId: 'co_occurring_conditions',
    title: 'Co-occurring conditions and withdrawal',
    rating: 1,
    label: 'Stable',
    level: 'OP',
    note: null,
  },
  { dimensionId: 'recovery_environment', title: 'Recovery environment', rating: 1, label: 'Mostly supportive', level: 'OP', note: null },
  { dimensionId: 'treatment_history', title: 'Treatment history', rating: 2, label: 'Partial response', level: 'IOP', note: null },
  { dimensionId: 'engagement', title: 'Engagement', rating: 1, label: 'Mostly engaged', level: 'OP', note: null },
];
const DEMO_REASONS = DEMO_RATINGS.filter((r) => r.level === 'IOP').map((r) => ({
  code: 'DIMENSION_LEVEL',
  dimensionId: r.dimensionId,
  text: `${r.title}: ${r.label}: points to intensive outpatient (IOP)`,
}));

function inquiries(staff: Record<string, string>, now: Date): Seed[] {
  const admissions = staff.admissions ?? null;
  const frontDesk = staff.front_desk ?? null;
  const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * MINUTE);
  return [
    {
      ageMinutes: 20,
      values: {
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Jamie Rivera',
        phone: '(503) 555-0101',
        phone_normalized: '+15035550101',
        email: 'jamie.rivera@example.org',
        email_normalized: 'jamie.rivera@example.org',
        state: 'OR',
        age_range: '26_64',
        concerns: 'Low mood for months, hard to get through work.',
        urgent: true,
        urgent_reason: 'The self-check they sent reports current thoughts of suicide',
        // The shape the public self-check stores when the visitor chooses to send it.
        self_check: JSON.stringify({
          version: SELF_CHECK_VERSION,
          answers: null,
          outcome: 'get_help_now',
          reasons: ['suicidal_thoughts_now', 'daily_life_affected'],
          phq9Total: 19,
          gad7Total: null,
        }),
      },
      activities: [{ kind: 'submitted', minutes: 0 }],
    },
    {
      ageMinutes: 180,
      values: {
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Taylor Brooks',
        phone: '503-555-0102',
        phone_normalized: '+15035550102',
        state: 'OR',
        best_time: 'Weekday evenings',
        concerns: 'Anxiety and panic attacks; looking for evening groups.',
      },
      activities: [{ kind: 'submitted', minutes: 0 }],
    },
    {
      ageMinutes: 10,
      values: {
        source: 'web_form',
        for_whom: 'loved_one',
        contact_name: 'Sam Okafor',
        patient_name: 'Chris',
        email: 'sam.okafor@example.org',
        email_normalized: 'sam.okafor@example.org',
        state: 'RI',
        concerns: 'My son is drinking heavily since he lost his job.',
      },
      activities: [{ kind: 'submitted', minutes: 0 }],
    },
    {
      ageMinutes: 1440,
      values: {
        stage: 'contacted',
        source: 'staff',
        for_whom: 'self',
        contact_name: 'Robin Castillo',
        phone: '401-555-0104',
        phone_normalized: '+14015550104',
        state: 'RI',
        payer_name: 'Synthetic Health Plan',
        owner_id: admissions,
        first_contact_at: at(-1440),
      },
      activities: [
        { kind: 'submitted', minutes: 0, body: 'Taken by staff' },
        { kind: 'call', minutes: 0, outcome: 'reached', body: 'Inbound call; interested in the day program.' },
      ],
      tasks: [{ title: 'Verify insurance benefits', dueMinutes: 1440, owner: 'admissions' }],
    },
    {
      ageMinutes: 4320,
      values: {
        stage: 'screening',
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Alex Morgan',
        phone: '503-555-0105',
        phone_normalized: '+15035550105',
        email: 'alex.morgan@example.org',
        email_normalized: 'alex.morgan@example.org',
        state: 'OR',
        owner_id: frontDesk,
        first_contact_at: at(-4320 + 42),
      },
      activities: [
        { kind: 'submitted', minutes: 0 },
        { kind: 'call', minutes: 42, outcome: 'reached', body: 'Screening questions started.' },
        { kind: 'stage_change', minutes: 45, from: 'contacted', to: 'screening' },
      ],
    },
    {
      // The same person again, by phone a few days later: a possible duplicate of the one above.
      ageMinutes: 40,
      values: {
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Alex Morgan',
        phone: '(503) 555 0105',
        phone_normalized: '+15035550105',
        best_time: 'Mornings',
      },
      activities: [{ kind: 'submitted', minutes: 0 }],
    },
    {
      ageMinutes: 2880,
      values: {
        stage: 'assessment_scheduled',
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Drew Santos',
        phone: '503-555-0107',
        phone_normalized: '+15035550107',
        state: 'OR',
        owner_id: admissions,
        first_contact_at: at(-2880 + 25),
        assessment_at: at(-1440),
        assessment_clinician_id: staff.clinician ?? null,
      },
      activities: [
        { kind: 'submitted', minutes: 0 },
        { kind: 'call', minutes: 25, outcome: 'reached' },
        {
          kind: 'assessment_booked',
          minutes: 30,
          from: 'contacted',
          to: 'assessment_scheduled',
          body: 'Assessment booked with Casey Clinician',
        },
        { kind: 'note', minutes: 1500, body: 'Assessment done; IOP recommended. Offer a start date.' },
      ],
      tasks: [{ title: 'Call to offer an IOP start date', dueMinutes: -120, owner: 'admissions' }],
      assessedLevel: 'IOP',
    },
    {
      ageMinutes: 14_400,
      values: {
        stage: 'closed',
        closed_reason: 'no_response',
        source: 'web_form',
        for_whom: 'self',
        contact_name: 'Pat Kim',
        email: 'pat.kim@example.org',
        email_normalized: 'pat.kim@example.org',
        first_contact_at: at(-14_400 + 50),
      },
      activities: [
        { kind: 'submitted', minutes: 0 },
        { kind: 'email', minutes: 50, body: 'Sent program information and asked for a call time.' },
        { kind: 'stage_change', minutes: 10_000, from: 'contacted', to: 'closed', body: 'no_response' },
      ],
    },
    {
      ageMinutes: 8640,
      values: {
        stage: 'referred',
        referred_to: 'Community PHP (synthetic)',
        source: 'api',
        for_whom: 'loved_one',
        contact_name: 'Lee Nakamura',
        patient_name: 'Jo',
        phone: '401-555-0109',
        phone_normalized: '+14015550109',
        first_contact_at: at(-8640 + 30),
      },
      activities: [
        { kind: 'submitted', minutes: 0 },
        { kind: 'call', minutes: 30, outcome: 'reached' },
        { kind: 'stage_change', minutes: 200, from: 'contacted', to: 'referred', body: 'Community PHP (synthetic)' },
      ],
    },
  ];
}

export async function seedDemoInquiries(
  trx: Trx,
  input: { organizationId: string; staff: Record<string, string>; now: Date },
): Promise<void> {
  const { organizationId, staff, now } = input;
  const assessor = staff.clinician;
  for (const seed of inquiries(staff, now)) {
    const createdAt = new Date(now.getTime() - seed.ageMinutes * MINUTE);
    const row = await trx
      .insertInto('inquiries')
      .values({
        ...seed.values,
        organization_id: organizationId,
        consent_to_contact: true,
        privacy_notice_version: 'demo',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const activity of seed.activities) {
      await trx
        .insertInto('inquiry_activities')
        .values({
          organization_id: organizationId,
          inquiry_id: row.id,
          kind: activity.kind,
          call_outcome: activity.outcome ?? null,
          body: activity.body ?? null,
          stage_from: activity.from ?? null,
          stage_to: activity.to ?? null,
          created_by: activity.kind === 'submitted' ? null : (staff.admissions ?? null),
          created_at: new Date(createdAt.getTime() + activity.minutes * MINUTE),
        })
        .execute();
    }
    for (const task of seed.tasks ?? []) {
      const owner = staff[task.owner];
      if (owner === undefined) continue;
      await trx
        .insertInto('inquiry_tasks')
        .values({
          organization_id: organizationId,
          inquiry_id: row.id,
          title: task.title,
          due_at: new Date(now.getTime() + task.dueMinutes * MINUTE),
          owner_id: owner,
          created_by: owner,
          created_at: createdAt,
        })
        .execute();
    }
    if (seed.assessedLevel !== undefined && assessor !== undefined) {
      await trx
        .insertInto('loc_assessments')
        .values({
          organization_id: organizationId,
          inquiry_id: row.id,
          pack_id: 'openiop_default',
          pack_version: 1,
          ratings: JSON.stringify(DEMO_RATINGS),
          recommended_level: seed.assessedLevel,
          recommendation_reasons: JSON.stringify(DEMO_REASONS),
          final_level: seed.assessedLevel,
          note: 'Admission assessment: evenings suit the work schedule (demo).',
          assessed_by: assessor,
          assessed_at: new Date(now.getTime() - 1440 * MINUTE),
        })
        .execute();
    }
  }
}
