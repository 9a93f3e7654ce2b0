// Synthetic treatment plans for the demo (issue #6, decision 0026): most open episodes have a signed
// plan (patient-signed on a device or through a link), one is overdue for review, one awaits the
// patient's signature, one is a draft, and the newest admission has none yet. Every value is invented.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { addDays } from '../../../domain/scheduling/local-time.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import { reviewDueOn } from '../../../domain/treatment-plans/plan-review.js';
import type { Database } from '../../db/schema.js';

type Staff = { clinicianId: string; psychiatristId: string };

const DAY_MS = 86_400_000;

function objective(statement: string, targetDate: string) {
  return { id: randomUUID(), statement, targetDate, status: 'open' as const };
}

function intervention(description: string, modality: string, frequency: string, responsibleUserId: string) {
  return { id: randomUUID(), description, modality, frequency, responsibleUserId };
}

const TEMPLATES: ((staff: Staff, target: string) => TreatmentPlanContent)[] = [
  (staff, target) => ({
    patientStrengthsAndPreferences: 'Wants to feel like myself again and go back to work full time (demo).',
    problems: [
      {
        id: randomUUID(),
        statement: 'Depressed mood most days, poor sleep and withdrawal from friends',
        diagnosisCodes: ['F33.1'],
        goals: [
          {
            id: randomUUID(),
            statement: 'Fewer days of low mood and a steadier routine',
            objectives: [
              objective('PHQ-9 below 10 on two measurements in a row', target),
              objective('Sleep at least 6 hours on 5 nights a week, by sleep log', target),
            ],
            interventions: [
              intervention('Behavioral activation in group', 'CBT', '3 groups a week', staff.clinicianId),
              intervention('Medication review', 'Medication management', 'Every 2 weeks', staff.psychiatristId),
            ],
          },
        ],
      },
    ],
  }),
  (staff, target) => ({
    patientStrengthsAndPreferences: 'Good support from my sister; I want to drive again without panicking (demo).',
    problems: [
      {
        id: randomUUID(),
        statement: 'Constant worry and panic attacks when driving',
        diagnosisCodes: ['F41.1', 'F41.0'],
        goals: [
          {
            id: randomUUID(),
            statement: 'Manage worry and panic with skills learned in the program',
            objectives: [
              objective('GAD-7 below 10 by the target date', target),
              objective('Drive to the program twice a week using a coping plan', target),
            ],
            interventions: [
              intervention('Graded exposure and breathing skills', 'CBT', '3 groups a week', staff.clinicianId),
              intervention('Distress tolerance skills', 'DBT skills', 'Weekly group', staff.clinicianId),
            ],
          },
        ],
      },
    ],
  }),
  (staff, target) => ({
    patientStrengthsAndPreferences: 'Wants to keep my job and be present for my kids (demo).',
    problems: [
      {
        id: randomUUID(),
        statement: 'Drinking most evenings, two missed work days last month',
        diagnosisCodes: ['F10.20'],
        goals: [
          {
            id: randomUUID(),
            statement: 'Stop drinking and build a relapse prevention plan',
            objectives: [
              objective('No alcohol use, by self-report and weekly breathalyzer', target),
              objective('Name three triggers and a plan for each', target),
            ],
            interventions: [
              intervention('Motivational interviewing', 'MI', 'Weekly individual session', staff.clinicianId),
              intervention('Relapse prevention group', 'CBT', '3 groups a week', staff.clinicianId),
              intervention('Evaluate for anti-craving medication', 'Medication management', 'Monthly', staff.psychiatristId),
            ],
          },
        ],
      },
    ],
  }),
];

const DEMO_PATIENT_SIGNATURE = 'Signed by the patient (demo)';

export async function seedDemoTreatmentPlans(
  trx: Transaction<Database>,
  input: { organizationId: string; staff: Staff; now: Date },
): Promise<void> {
  const episodes = await trx
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['e.id', 'e.patient_id', 'e.admitted_on', 'p.weekly_floor_minutes', 'p.min_days_per_week'])
    .where('e.organization_id', '=', input.organizationId)
    .where('e.status', '=', 'open')
    .orderBy('e.admitted_on')
    .orderBy('e.id')
    .execute();
  const org = await trx
    .selectFrom('organizations')
    .select('plan_review_days')
    .where('id', '=', input.organizationId)
    .executeTakeFirstOrThrow();
  const today = input.now.toISOString().slice(0, 10);
  // The newest admission has no plan yet: the dashboard lists it and the clinician writes one.
  const planned = episodes.slice(0, -1);
  if (planned.length === 0) return;
  const rows = planned.map((episode, index) => {
    const kind = index === 0 ? 'overdue' : index === 1 ? 'draft' : index === 2 ? 'awaiting_patient' : 'signed';
    const signedOn =
      kind === 'overdue' ? addDays(today, -(org.plan_review_days + 3)) : minDate(addDays(episode.admitted_on, 3), addDays(today, -1));
    const signedAt = new Date(Date.parse(`${signedOn}T17:00:00Z`));
    const template = TEMPLATES[index % TEMPLATES.length];
    if (!template) throw new Error('a plan template index out of range');
    const content = template(input.staff, addDays(signedOn, 56));
    const createdAt = new Date(signedAt.getTime() - DAY_MS);
    const draft = kind === 'draft';
    return {
      organization_id: input.organizationId,
      patient_id: episode.patient_id,
      episode_id: episode.id,
      plan_version: 1,
      // A draft in progress: the first goal has no interventions yet.
      content: JSON.stringify(draft ? withoutInterventions(content) : content),
      planned_days_per_week: Math.max(episode.min_days_per_week, 3),
      planned_minutes_per_week: Math.max(episode.weekly_floor_minutes, 540),
      review_due_on: draft ? null : reviewDueOn(signedOn, org.plan_review_days),
      version: draft ? 3 : 2,
      created_by: input.staff.clinicianId,
      created_at: createdAt,
      updated_at: draft ? createdAt : signedAt,
      clinician_signed_by: draft ? null : input.staff.clinicianId,
      clinician_signed_at: draft ? null : signedAt,
      ...(kind === 'signed' || kind === 'overdue'
        ? {
            patient_signed_name: DEMO_PATIENT_SIGNATURE,
            patient_signed_at: new Date(signedAt.getTime() + 3600_000),
            patient_signature_method: index % 2 === 0 ? ('device' as const) : ('link' as const),
          }
        : {}),
    };
  });
  await trx.insertInto('treatment_plans').values(rows).execute();
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function withoutInterventions(content: TreatmentPlanContent): TreatmentPlanContent {
  return {
    ...content,
    problems: content.problems.map((problem) => ({ ...problem, goals: problem.goals.map((goal) => ({ ...goal, interventions: [] })) })),
  };
}
