import { randomUUID } from 'node:crypto';
import type { Db } from '../src/server/db/database.js';
import type { ConsentRecordKindColumn, NoteTypeColumn } from '../src/server/db/schema.js';
import { admit, createPatient, createProgram } from './factories.js';

// Chart records for the consent, disclosure and print tests, inserted with SQL (the plan and note
// editors are other modules). Every value is synthetic.

type Org = { organizationId: string; siteIds: string[] };

/** A patient admitted to a program, Part 2 or not. */
export async function patientInProgram(db: Db, org: Org, options: { part2: boolean }): Promise<{ patientId: string; episodeId: string }> {
  const programId = await createProgram(db, org, { isPart2: options.part2, focus: options.part2 ? 'substance_use' : 'mental_health' });
  const patientId = await createPatient(db, org);
  const episodeId = await admit(db, org, { patientId, programId, admittedOn: '2026-03-02' });
  return { patientId, episodeId };
}

export async function insertNote(
  db: Db,
  org: Org,
  input: {
    patientId: string;
    episodeId: string | null;
    authorId: string;
    noteType?: NoteTypeColumn;
    serviceDate?: string;
    content?: Record<string, unknown>;
    signed?: boolean;
  },
): Promise<string> {
  const signed = input.signed ?? true;
  const at = new Date(`${input.serviceDate ?? '2026-03-10'}T20:00:00Z`);
  const row = await db
    .insertInto('clinical_notes')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      note_type: input.noteType ?? 'progress_dap',
      service_date: input.serviceDate ?? '2026-03-10',
      duration_minutes: 50,
      content: JSON.stringify(
        input.content ?? {
          data: 'Reported sleeping six hours (synthetic).',
          assessment: 'Engaged and hopeful.',
          plan: 'Practice urge surfing.',
        },
      ),
      status: signed ? 'signed' : 'draft',
      author_id: input.authorId,
      created_at: at,
      updated_at: at,
      signed_by: signed ? input.authorId : null,
      signed_at: signed ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAddendum(
  db: Db,
  org: Org,
  input: { noteId: string; patientId: string; authorId: string; body: string },
): Promise<string> {
  const row = await db
    .insertInto('note_addenda')
    .values({
      organization_id: org.organizationId,
      note_id: input.noteId,
      patient_id: input.patientId,
      kind: 'correction',
      body: input.body,
      author_id: input.authorId,
      signed_at: new Date('2026-03-11T16:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPlan(
  db: Db,
  org: Org,
  input: { patientId: string; episodeId: string; authorId: string; signed?: boolean; planVersion?: number },
): Promise<string> {
  const signed = input.signed ?? true;
  const at = new Date('2026-03-05T18:00:00Z');
  const row = await db
    .insertInto('treatment_plans')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      plan_version: input.planVersion ?? 1,
      content: JSON.stringify({
        problems: [
          {
            id: randomUUID(),
            statement: 'Alcohol use is disrupting work (synthetic)',
            diagnosisCodes: ['F10.20'],
            goals: [
              {
                id: randomUUID(),
                statement: 'Sustain abstinence',
                objectives: [
                  { id: randomUUID(), statement: 'Attend 3 groups a week for 6 weeks', targetDate: '2026-04-15', status: 'open' },
                ],
                interventions: [
                  {
                    id: randomUUID(),
                    description: 'Relapse prevention group',
                    modality: 'CBT',
                    frequency: '3 groups a week',
                    responsibleUserId: input.authorId,
                  },
                ],
              },
            ],
          },
        ],
        patientStrengthsAndPreferences: 'Wants to keep my job.',
      }),
      created_by: input.authorId,
      created_at: at,
      updated_at: at,
      clinician_signed_by: signed ? input.authorId : null,
      clinician_signed_at: signed ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A complete 2.31 consent body for the API. */
export function completeConsent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    discloser: 'Test Org Part 2 program',
    information: 'Treatment plan and progress notes',
    recordKinds: ['treatment_plans', 'notes'] satisfies ConsentRecordKindColumn[],
    recipients: ['Example Primary Care (demo)'],
    purpose: 'Coordination of care with the primary care provider',
    treatmentPaymentOperations: false,
    revocationRightStated: true,
    expiresOn: '2099-12-31',
    expiryEvent: null,
    patientSignedName: 'Sam Testpatient',
    signerRelationship: null,
    signedOn: '2026-03-01',
    ...overrides,
  };
}
