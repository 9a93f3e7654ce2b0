import { sql, type Kysely } from 'kysely';
import type { GroupNoteEntryInput, WrittenAttendance } from '../../../domain/notes/group-note.js';
import type { GroupSummary } from '../../../domain/notes/note-content.js';
import type { SigningOutcome } from '../../../domain/notes/note-signing.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import type { Database, NoteStatusColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export type Person = { id: string; name: string };

export type EntryRecord = GroupNoteEntryInput & { episodeId: string | null; updatedAt: Date };

export type GroupNoteRecord = {
  id: string;
  sessionId: string;
  status: NoteStatusColumn;
  version: number;
  part2: boolean;
  summary: GroupSummary;
  entries: EntryRecord[];
  author: Person;
  createdAt: Date;
  updatedAt: Date;
  signedBy: Person | null;
  signedAt: Date | null;
  /** The supervisor whose co-signature a trainee's note needs (null: none needed). */
  cosigner: Person | null;
  cosignedBy: Person | null;
  cosignedAt: Date | null;
  notesWritten: number;
};

export type Objective = { id: string; statement: string; targetDate: string; goal: string; status: string };

export const EMPTY_SUMMARY: GroupSummary = { topic: '', modality: '', interventions: '', summary: '' };

/** The stored summary, read field by field: a missing field is empty text. */
function toSummary(value: unknown): GroupSummary {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const text = (key: keyof GroupSummary) => (typeof record[key] === 'string' ? record[key] : '');
  return { topic: text('topic'), modality: text('modality'), interventions: text('interventions'), summary: text('summary') };
}

/** Who facilitates the session: its clinicians and, when one stands in, the substitute. */
export async function sessionFacilitators(db: Q, organizationId: string, sessionId: string): Promise<string[]> {
  const row = await db
    .selectFrom('sessions_of_care')
    .select(['clinician_ids', 'substitute_facilitator_id'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return [];
  return row.substitute_facilitator_id ? [...row.clinician_ids, row.substitute_facilitator_id] : row.clinician_ids;
}

export async function findGroupNote(
  db: Q,
  organizationId: string,
  sessionId: string,
  options: { lock?: boolean } = {},
): Promise<GroupNoteRecord | undefined> {
  let query = db
    .selectFrom('group_notes as g')
    .innerJoin('users as author', 'author.id', 'g.author_id')
    .leftJoin('users as signer', 'signer.id', 'g.signed_by')
    .leftJoin('users as cosigner', 'cosigner.id', 'g.cosigner_id')
    .leftJoin('users as cosigned', 'cosigned.id', 'g.cosigned_by')
    .select((eb) => [
      'g.id',
      'g.session_id',
      'g.status',
      'g.version',
      'g.part2',
      'g.summary',
      'g.author_id',
      'author.display_name as author_name',
      'g.created_at',
      'g.updated_at',
      'g.signed_by',
      'signer.display_name as signer_name',
      'g.signed_at',
      'g.cosigner_id',
      'cosigner.display_name as cosigner_name',
      'g.cosigned_by',
      'cosigned.display_name as cosigned_by_name',
      'g.cosigned_at',
      eb
        .selectFrom('clinical_notes as n')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('n.group_note_id', '=', 'g.id')
        .as('notes_written'),
    ])
    .where('g.organization_id', '=', organizationId)
    .where('g.session_id', '=', sessionId);
  if (options.lock) query = query.forUpdate('g');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const entries = await db
    .selectFrom('group_note_entries')
    .select(['patient_id', 'episode_id', 'participation', 'response', 'progress', 'addressed_objective_ids', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('group_note_id', '=', row.id)
    .orderBy('patient_id')
    .execute();
  return {
    id: row.id,
    sessionId: row.session_id,
    status: row.status,
    version: row.version,
    part2: row.part2,
    summary: toSummary(row.summary),
    entries: entries.map((entry) => ({
      patientId: entry.patient_id,
      episodeId: entry.episode_id,
      participation: entry.participation,
      response: entry.response,
      progress: entry.progress,
      addressedObjectiveIds: entry.addressed_objective_ids,
      updatedAt: entry.updated_at,
    })),
    author: { id: row.author_id, name: row.author_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedBy: row.signed_by ? { id: row.signed_by, name: row.signer_name ?? 'Unknown user' } : null,
    signedAt: row.signed_at,
    cosigner: row.cosigner_id ? { id: row.cosigner_id, name: row.cosigner_name ?? 'Unknown user' } : null,
    cosignedBy: row.cosigned_by ? { id: row.cosigned_by, name: row.cosigned_by_name ?? 'Unknown user' } : null,
    cosignedAt: row.cosigned_at,
    notesWritten: Number(row.notes_written ?? 0),
  };
}

export async function insertGroupNote(
  db: Q,
  row: { organizationId: string; sessionId: string; summary: GroupSummary; authorId: string; now: Date },
): Promise<string> {
  const inserted = await db
    .insertInto('group_notes')
    .values({
      organization_id: row.organizationId,
      session_id: row.sessionId,
      summary: JSON.stringify(row.summary),
      author_id: row.authorId,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateDraft(db: Q, organizationId: string, noteId: string, summary: GroupSummary, now: Date): Promise<void> {
  await db
    .updateTable('group_notes')
    .set((eb) => ({ summary: JSON.stringify(summary), version: eb('version', '+', 1), updated_at: now }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .execute();
}

/**
 * Makes the draft's entries exactly `entries`: removed attendees' sections go, changed ones are
 * updated (their updated_at moves only when their text or objectives changed).
 */
export async function replaceEntries(
  db: Q,
  organizationId: string,
  noteId: string,
  entries: readonly (GroupNoteEntryInput & { episodeId: string | null })[],
  now: Date,
): Promise<void> {
  const keep = entries.map((entry) => entry.patientId);
  let removal = db.deleteFrom('group_note_entries').where('organization_id', '=', organizationId).where('group_note_id', '=', noteId);
  if (keep.length > 0) removal = removal.where('patient_id', 'not in', keep);
  await removal.execute();
  if (entries.length === 0) return;
  await db
    .insertInto('group_note_entries')
    .values(
      entries.map((entry) => ({
        organization_id: organizationId,
        group_note_id: noteId,
        patient_id: entry.patientId,
        episode_id: entry.episodeId,
        participation: entry.participation,
        response: entry.response,
        progress: entry.progress,
        addressed_objective_ids: [...entry.addressedObjectiveIds],
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['group_note_id', 'patient_id'])
        .doUpdateSet((eb) => ({
          episode_id: eb.ref('excluded.episode_id'),
          participation: eb.ref('excluded.participation'),
          response: eb.ref('excluded.response'),
          progress: eb.ref('excluded.progress'),
          addressed_objective_ids: eb.ref('excluded.addressed_objective_ids'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where(
          sql<boolean>`(group_note_entries.participation, group_note_entries.response, group_note_entries.progress, group_note_entries.addressed_objective_ids, group_note_entries.episode_id)
            IS DISTINCT FROM (excluded.participation, excluded.response, excluded.progress, excluded.addressed_objective_ids, excluded.episode_id)`,
        ),
    )
    .execute();
}

/**
 * The objectives of each episode's plan in force: its latest clinician-signed version (a draft
 * revision is not yet the plan). Keyed by episode id.
 */
export async function planObjectives(db: Q, organizationId: string, episodeIds: readonly string[]): Promise<Map<string, Objective[]>> {
  if (episodeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('treatment_plans')
    .select(['episode_id', 'content'])
    .distinctOn('episode_id')
    .where('organization_id', '=', organizationId)
    .where('episode_id', 'in', episodeIds)
    .where('clinician_signed_at', 'is not', null)
    .orderBy('episode_id')
    .orderBy('plan_version', 'desc')
    .execute();
  const byEpisode = new Map<string, Objective[]>();
  for (const row of rows) {
    // The column holds TreatmentPlanContent (migration 0009); read defensively, it is jsonb.
    const content = row.content as Partial<TreatmentPlanContent> | null;
    const objectives: Objective[] = [];
    for (const problem of content?.problems ?? []) {
      for (const goal of problem.goals) {
        for (const objective of goal.objectives) {
          objectives.push({
            id: objective.id,
            statement: objective.statement,
            targetDate: objective.targetDate,
            goal: goal.statement,
            status: objective.status,
          });
        }
      }
    }
    byEpisode.set(row.episode_id, objectives);
  }
  return byEpisode;
}

export type AttendeeNote = {
  patientId: string;
  episodeId: string | null;
  minutes: number;
  content: Record<string, string>;
  addressedObjectiveIds: readonly string[];
};

/** One 'group' note per attendee, in the attendee's chart, signed (or awaiting co-signature) like the group note. */
export async function insertAttendeeNotes(
  db: Q,
  input: {
    organizationId: string;
    groupNoteId: string;
    sessionId: string;
    serviceDate: string;
    signerId: string;
    outcome: SigningOutcome;
    now: Date;
  },
  notes: readonly AttendeeNote[],
): Promise<Map<string, string>> {
  if (notes.length === 0) return new Map();
  const rows = await db
    .insertInto('clinical_notes')
    .values(
      notes.map((note) => ({
        organization_id: input.organizationId,
        patient_id: note.patientId,
        episode_id: note.episodeId,
        note_type: 'group' as const,
        session_id: input.sessionId,
        group_note_id: input.groupNoteId,
        service_date: input.serviceDate,
        // A late arrival recorded with 0 minutes has no duration to state (the column is 1-720).
        duration_minutes: note.minutes > 0 ? note.minutes : null,
        content: JSON.stringify(note.content),
        addressed_objective_ids: [...note.addressedObjectiveIds],
        status: input.outcome.status,
        cosigner_id: input.outcome.cosignerId,
        author_id: input.signerId,
        created_at: input.now,
        updated_at: input.now,
        signed_by: input.signerId,
        signed_at: input.now,
      })),
    )
    .returning(['id', 'patient_id'])
    .execute();
  return new Map(rows.map((row) => [row.patient_id, row.id]));
}

/** What each attendee's signed note recorded about their attendance. */
export async function writtenAttendance(db: Q, organizationId: string, groupNoteId: string): Promise<WrittenAttendance[]> {
  const rows = await db
    .selectFrom('clinical_notes')
    .select(['patient_id', sql<string>`content->>'attendanceStatus'`.as('status'), sql<string>`content->>'minutes'`.as('minutes')])
    .where('organization_id', '=', organizationId)
    .where('group_note_id', '=', groupNoteId)
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id, attendanceStatus: row.status, minutes: row.minutes }));
}

export async function markSigned(
  db: Q,
  organizationId: string,
  noteId: string,
  input: { signerId: string; outcome: SigningOutcome; now: Date },
): Promise<void> {
  await db
    .updateTable('group_notes')
    .set((eb) => ({
      status: input.outcome.status,
      cosigner_id: input.outcome.cosignerId,
      signed_by: input.signerId,
      signed_at: input.now,
      updated_at: input.now,
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .execute();
}

/**
 * The one change a signed group note allows (and the triggers check): its named supervisor's
 * co-signature, of the group note first and then of every attendee note it wrote. Returns the
 * attendee notes co-signed, by patient.
 */
export async function markCosigned(
  db: Q,
  organizationId: string,
  noteId: string,
  cosignedBy: string,
  now: Date,
): Promise<Map<string, string>> {
  await db
    .updateTable('group_notes')
    .set({ status: 'signed', cosigned_by: cosignedBy, cosigned_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'awaiting_cosign')
    .execute();
  const rows = await db
    .updateTable('clinical_notes')
    .set({ status: 'signed', cosigned_by: cosignedBy, cosigned_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('group_note_id', '=', noteId)
    .where('status', '=', 'awaiting_cosign')
    .returning(['id', 'patient_id'])
    .execute();
  return new Map(rows.map((row) => [row.patient_id, row.id]));
}

export type GroupNoteAwaitingCosign = {
  groupNoteId: string;
  sessionId: string;
  title: string;
  localDate: string;
  attendees: number;
  signedBy: Person;
  signedAt: Date;
  cosigner: Person;
};

/** Group notes awaiting co-signature, by the supervisor named (`cosignerId`) or by the trainee who signed (`signedBy`); oldest first. */
export async function groupNotesAwaitingCosign(
  db: Q,
  organizationId: string,
  who: { cosignerId: string } | { signedBy: string },
): Promise<GroupNoteAwaitingCosign[]> {
  let query = db
    .selectFrom('group_notes as g')
    .innerJoin('sessions_of_care as s', 's.id', 'g.session_id')
    .innerJoin('users as signer', 'signer.id', 'g.signed_by')
    .innerJoin('users as cosigner', 'cosigner.id', 'g.cosigner_id')
    .select((eb) => [
      'g.id',
      'g.session_id',
      's.title',
      's.local_date',
      'g.signed_by',
      'signer.display_name as signer_name',
      'g.signed_at',
      'g.cosigner_id',
      'cosigner.display_name as cosigner_name',
      eb
        .selectFrom('clinical_notes as n')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('n.group_note_id', '=', 'g.id')
        .as('attendees'),
    ])
    .where('g.organization_id', '=', organizationId)
    .where('g.status', '=', 'awaiting_cosign');
  query = 'cosignerId' in who ? query.where('g.cosigner_id', '=', who.cosignerId) : query.where('g.signed_by', '=', who.signedBy);
  const rows = await query.orderBy('s.local_date').orderBy('g.signed_at').execute();
  return rows.flatMap((row) =>
    row.signed_by === null || row.signed_at === null || row.cosigner_id === null
      ? []
      : [
          {
            groupNoteId: row.id,
            sessionId: row.session_id,
            title: row.title,
            localDate: row.local_date,
            attendees: Number(row.attendees ?? 0),
            signedBy: { id: row.signed_by, name: row.signer_name },
            signedAt: row.signed_at,
            cosigner: { id: row.cosigner_id, name: row.cosigner_name },
          },
        ],
  );
}

export type SessionToWrite = {
  sessionId: string;
  title: string;
  siteName: string;
  timeZone: string;
  startsAt: Date;
  localDate: string;
  attendees: number;
  draft: { version: number; updatedAt: Date } | null;
};

/**
 * Group sessions that started before `now`, were not cancelled, have at least one attendee and no
 * signed note. With `facilitatorId`, only the sessions that user facilitates.
 */
export async function sessionsToWrite(
  db: Q,
  organizationId: string,
  options: { now: Date; facilitatorId: string | null; limit: number },
): Promise<SessionToWrite[]> {
  let query = db
    .selectFrom('sessions_of_care as s')
    .innerJoin('sites as st', 'st.id', 's.site_id')
    .leftJoin('group_notes as g', 'g.session_id', 's.id')
    .select((eb) => [
      's.id',
      's.title',
      'st.name as site_name',
      'st.time_zone',
      's.starts_at',
      's.local_date',
      'g.version as draft_version',
      'g.updated_at as draft_updated_at',
      eb
        .selectFrom('attendance as a')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .where('a.status', 'in', ['present', 'late', 'left_early'])
        .as('attendees'),
    ])
    .where('s.organization_id', '=', organizationId)
    .where('s.kind', '=', 'group')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '<', options.now)
    .where((eb) => eb.or([eb('g.id', 'is', null), eb('g.status', '=', 'draft')]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('attendance as a')
          .select('a.id')
          .whereRef('a.session_id', '=', 's.id')
          .where('a.status', 'in', ['present', 'late', 'left_early']),
      ),
    );
  if (options.facilitatorId !== null) {
    const userId = options.facilitatorId;
    query = query.where((eb) =>
      eb.or([sql<boolean>`${userId}::uuid = ANY(s.clinician_ids)`, eb('s.substitute_facilitator_id', '=', userId)]),
    );
  }
  const rows = await query.orderBy('s.starts_at', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    sessionId: row.id,
    title: row.title,
    siteName: row.site_name,
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    localDate: row.local_date,
    attendees: Number(row.attendees ?? 0),
    draft:
      row.draft_version !== null && row.draft_updated_at !== null ? { version: row.draft_version, updatedAt: row.draft_updated_at } : null,
  }));
}
