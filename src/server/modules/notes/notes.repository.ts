import { sql, type Kysely } from 'kysely';
import type { NoteType } from '../../../domain/notes/note-content.js';
import type { AddendumKindColumn, Database, NoteStatusColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export type Person = { id: string; name: string };

export type NoteRecord = {
  id: string;
  patientId: string;
  patientName: string;
  episodeId: string | null;
  noteType: NoteType;
  sessionId: string | null;
  groupNoteId: string | null;
  serviceDate: string;
  durationMinutes: number | null;
  content: unknown;
  addressedObjectiveIds: string[];
  part2: boolean;
  status: NoteStatusColumn;
  version: number;
  author: Person;
  createdAt: Date;
  updatedAt: Date;
  signedBy: Person | null;
  signedAt: Date | null;
  cosigner: Person | null;
  cosignedBy: Person | null;
  cosignedAt: Date | null;
  addendaCount: number;
};

const person = (id: string | null, name: string | null): Person | null => (id === null ? null : { id, name: name ?? '' });

function notesQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('clinical_notes as n')
    .innerJoin('users as a', 'a.id', 'n.author_id')
    .innerJoin('patients as pt', 'pt.id', 'n.patient_id')
    .leftJoin('users as s', 's.id', 'n.signed_by')
    .leftJoin('users as c', 'c.id', 'n.cosigner_id')
    .leftJoin('users as cb', 'cb.id', 'n.cosigned_by')
    .select([
      'n.id',
      'n.patient_id',
      sql<string>`coalesce(pt.preferred_name, pt.legal_first_name) || ' ' || pt.legal_last_name`.as('patient_name'),
      'n.episode_id',
      'n.note_type',
      'n.session_id',
      'n.group_note_id',
      'n.service_date',
      'n.duration_minutes',
      'n.content',
      'n.addressed_objective_ids',
      'n.part2',
      'n.status',
      'n.version',
      'n.author_id',
      'a.display_name as author_name',
      'n.created_at',
      'n.updated_at',
      'n.signed_by',
      's.display_name as signer_name',
      'n.signed_at',
      'n.cosigner_id',
      'c.display_name as cosigner_name',
      'n.cosigned_by',
      'cb.display_name as cosigned_by_name',
      'n.cosigned_at',
      sql<number>`(SELECT count(*)::int FROM note_addenda d WHERE d.note_id = n.id)`.as('addenda_count'),
    ])
    .where('n.organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof notesQuery>['executeTakeFirstOrThrow']>>;

function toNote(row: Row): NoteRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: row.patient_name,
    episodeId: row.episode_id,
    noteType: row.note_type,
    sessionId: row.session_id,
    groupNoteId: row.group_note_id,
    serviceDate: row.service_date,
    durationMinutes: row.duration_minutes,
    content: row.content,
    addressedObjectiveIds: row.addressed_objective_ids,
    part2: row.part2,
    status: row.status,
    version: row.version,
    author: { id: row.author_id, name: row.author_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedBy: person(row.signed_by, row.signer_name),
    signedAt: row.signed_at,
    cosigner: person(row.cosigner_id, row.cosigner_name),
    cosignedBy: person(row.cosigned_by, row.cosigned_by_name),
    cosignedAt: row.cosigned_at,
    addendaCount: row.addenda_count,
  };
}

/** One note of the organization; `lock` holds the row until the transaction ends (saves, signing). */
export async function findNote(
  db: Q,
  organizationId: string,
  noteId: string,
  options: { lock?: boolean } = {},
): Promise<NoteRecord | undefined> {
  let query = notesQuery(db, organizationId).where('n.id', '=', noteId);
  if (options.lock) query = query.forUpdate('n');
  const row = await query.executeTakeFirst();
  return row ? toNote(row) : undefined;
}

export async function listPatientNotes(db: Q, organizationId: string, patientId: string): Promise<NoteRecord[]> {
  const rows = await notesQuery(db, organizationId)
    .where('n.patient_id', '=', patientId)
    .orderBy('n.service_date', 'desc')
    .orderBy('n.created_at', 'desc')
    .execute();
  return rows.map(toNote);
}

/**
 * My drafts, my notes awaiting co-signature, and notes awaiting my co-signature. An attendee's note
 * from a group note is left out: it is co-signed with, and listed as, its group note.
 */
export async function listNotesFor(db: Q, organizationId: string, userId: string): Promise<NoteRecord[]> {
  const rows = await notesQuery(db, organizationId)
    .where('n.group_note_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('n.author_id', '=', userId), eb('n.status', 'in', ['draft', 'awaiting_cosign'])]),
        eb.and([eb('n.cosigner_id', '=', userId), eb('n.status', '=', 'awaiting_cosign')]),
      ]),
    )
    .orderBy('n.service_date')
    .orderBy('n.created_at')
    .execute();
  return rows.map(toNote);
}

export type NewNote = {
  organizationId: string;
  patientId: string;
  episodeId: string | null;
  sessionId: string | null;
  noteType: NoteType;
  serviceDate: string;
  durationMinutes: number | null;
  authorId: string;
  now: Date;
};

export async function insertNote(db: Q, note: NewNote): Promise<string> {
  const row = await db
    .insertInto('clinical_notes')
    .values({
      organization_id: note.organizationId,
      patient_id: note.patientId,
      episode_id: note.episodeId,
      session_id: note.sessionId,
      note_type: note.noteType,
      service_date: note.serviceDate,
      duration_minutes: note.durationMinutes,
      content: '{}',
      author_id: note.authorId,
      created_at: note.now,
      updated_at: note.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type DraftFields = {
  content?: Record<string, unknown> | undefined;
  addressedObjectiveIds?: string[] | undefined;
  serviceDate?: string | undefined;
  durationMinutes?: number | null | undefined;
};

/** Saves a draft and moves it to the next version. Only a draft: a signed note is refused by its trigger anyway. */
export async function updateDraft(db: Q, organizationId: string, noteId: string, fields: DraftFields, now: Date): Promise<void> {
  await db
    .updateTable('clinical_notes')
    .set((eb) => ({
      ...(fields.content === undefined ? {} : { content: JSON.stringify(fields.content) }),
      ...(fields.addressedObjectiveIds === undefined ? {} : { addressed_objective_ids: fields.addressedObjectiveIds }),
      ...(fields.serviceDate === undefined ? {} : { service_date: fields.serviceDate }),
      ...(fields.durationMinutes === undefined ? {} : { duration_minutes: fields.durationMinutes }),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'draft')
    .execute();
}

export async function markSigned(
  db: Q,
  organizationId: string,
  noteId: string,
  input: { content: Record<string, unknown>; status: 'signed' | 'awaiting_cosign'; cosignerId: string | null; signedBy: string; now: Date },
): Promise<void> {
  await db
    .updateTable('clinical_notes')
    .set((eb) => ({
      content: JSON.stringify(input.content),
      status: input.status,
      cosigner_id: input.cosignerId,
      signed_by: input.signedBy,
      signed_at: input.now,
      updated_at: input.now,
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'draft')
    .execute();
}

/** The one change a signed note allows (and its trigger checks): its named supervisor's co-signature. */
export async function markCosigned(db: Q, organizationId: string, noteId: string, cosignedBy: string, now: Date): Promise<void> {
  await db
    .updateTable('clinical_notes')
    .set({ status: 'signed', cosigned_by: cosignedBy, cosigned_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'awaiting_cosign')
    .execute();
}

export async function deleteDraft(db: Q, organizationId: string, noteId: string): Promise<void> {
  await db
    .deleteFrom('clinical_notes')
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'draft')
    .execute();
}

export type AddendumRecord = { id: string; noteId: string; kind: AddendumKindColumn; body: string; author: Person; signedAt: Date };

export async function listAddenda(db: Q, organizationId: string, noteId: string): Promise<AddendumRecord[]> {
  const rows = await db
    .selectFrom('note_addenda as d')
    .innerJoin('users as u', 'u.id', 'd.author_id')
    .select(['d.id', 'd.note_id', 'd.kind', 'd.body', 'd.author_id', 'u.display_name', 'd.signed_at'])
    .where('d.organization_id', '=', organizationId)
    .where('d.note_id', '=', noteId)
    .orderBy('d.signed_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    noteId: r.note_id,
    kind: r.kind,
    body: r.body,
    author: { id: r.author_id, name: r.display_name },
    signedAt: r.signed_at,
  }));
}

export async function insertAddendum(
  db: Q,
  input: { organizationId: string; noteId: string; patientId: string; kind: AddendumKindColumn; body: string; authorId: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('note_addenda')
    .values({
      organization_id: input.organizationId,
      note_id: input.noteId,
      patient_id: input.patientId,
      kind: input.kind,
      body: input.body,
      author_id: input.authorId,
      signed_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type UnsignedNote = {
  id: string;
  patientId: string;
  authorId: string;
  authorName: string;
  status: NoteStatusColumn;
  serviceDate: string;
  timeZone: string;
};

/**
 * Every note not yet fully signed, with the time zone its service date is read in: the session's
 * site, else the episode's program's site, else the organization's first site.
 */
export async function unsignedNotes(db: Q, organizationId: string, authorId: string | null): Promise<UnsignedNote[]> {
  let query = db
    .selectFrom('clinical_notes as n')
    .innerJoin('users as a', 'a.id', 'n.author_id')
    .leftJoin('sessions_of_care as so', 'so.id', 'n.session_id')
    .leftJoin('sites as ss', 'ss.id', 'so.site_id')
    .leftJoin('episodes as e', 'e.id', 'n.episode_id')
    .leftJoin('programs as p', 'p.id', 'e.program_id')
    .leftJoin('sites as ps', 'ps.id', 'p.site_id')
    .select([
      'n.id',
      'n.patient_id',
      'n.author_id',
      'a.display_name',
      'n.status',
      'n.service_date',
      sql<string>`coalesce(ss.time_zone, ps.time_zone,
        (SELECT s.time_zone FROM sites s WHERE s.organization_id = n.organization_id ORDER BY s.created_at, s.id LIMIT 1), 'UTC')`.as(
        'time_zone',
      ),
    ])
    .where('n.organization_id', '=', organizationId)
    .where('n.status', '<>', 'signed');
  if (authorId !== null) query = query.where('n.author_id', '=', authorId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    authorId: r.author_id,
    authorName: r.display_name,
    status: r.status,
    serviceDate: r.service_date,
    timeZone: r.time_zone,
  }));
}
