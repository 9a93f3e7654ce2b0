import { randomUUID } from 'node:crypto';
import type { Db } from '../src/server/db/database.js';
import type { TreatmentPlanContent } from '../src/domain/treatment-plans/plan-content.js';
import { admit, createPatient, createProgram } from './factories.js';

// Notes tests need a patient in care whose episode has a signed treatment plan with known
// objective ids. Every value is synthetic.

type Org = { organizationId: string; siteIds: string[] };

export function planContent(objectives: { id: string; statement: string }[]): TreatmentPlanContent {
  return {
    patientStrengthsAndPreferences: 'Wants to get back to work (synthetic)',
    problems: [
      {
        id: randomUUID(),
        statement: 'Panic attacks keep the patient from work',
        diagnosisCodes: ['F41.0'],
        goals: [
          {
            id: randomUUID(),
            statement: 'Manage panic without leaving work',
            objectives: objectives.map((o) => ({ ...o, targetDate: '2027-01-15', status: 'open' as const })),
            interventions: [],
          },
        ],
      },
    ],
  };
}

/** A clinician-signed plan version of an episode with the given objectives. */
export async function insertSignedPlan(
  db: Db,
  org: { organizationId: string },
  input: { patientId: string; episodeId: string; signedBy: string; planVersion?: number; objectives: { id: string; statement: string }[] },
): Promise<string> {
  const now = new Date('2026-11-02T16:00:00Z');
  const row = await db
    .insertInto('treatment_plans')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      plan_version: input.planVersion ?? 1,
      content: JSON.stringify(planContent(input.objectives)),
      created_by: input.signedBy,
      created_at: now,
      updated_at: now,
      clinician_signed_by: input.signedBy,
      clinician_signed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A patient admitted to a program (Part 2 or not), optionally with a signed plan citing `objectiveId`. */
export async function patientInCare(
  db: Db,
  org: Org,
  input: { signedBy: string; objectiveId?: string; part2?: boolean },
): Promise<{ patientId: string; episodeId: string; objectiveId: string }> {
  const patientId = await createPatient(db, org);
  const programId = await createProgram(db, org, { isPart2: input.part2 ?? false });
  const episodeId = await admit(db, org, { patientId, programId });
  const objectiveId = input.objectiveId ?? randomUUID();
  await insertSignedPlan(db, org, {
    patientId,
    episodeId,
    signedBy: input.signedBy,
    objectives: [
      { id: objectiveId, statement: 'Use paced breathing at the first sign of panic, 4 of 5 days' },
      { id: randomUUID(), statement: 'Attend 3 groups a week' },
    ],
  });
  return { patientId, episodeId, objectiveId };
}

export const COMPLETE_DAP = {
  data: 'Reported two panic episodes at work; used paced breathing once (synthetic).',
  assessment: 'Early progress on the breathing objective.',
  plan: 'Practise breathing daily; review log next session.',
};
