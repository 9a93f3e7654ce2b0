import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { OPEN_STAGES, type InquiryStage } from '../../../domain/admissions/stage-rules.js';
import type { Database, InquiriesTable } from '../../db/schema.js';

// Inquiries: the board list (in board order), one inquiry, its possible duplicates, and the
// users and programs an inquiry refers to.

type Q = Kysely<Database>;

export type InquiryRecord = {
  id: string;
  stage: InquiryStage;
  closedReason: string | null;
  referredTo: string | null;
  urgent: boolean;
  urgentReason: string | null;
  source: 'web_form' | 'api' | 'staff';
  language: 'en' | 'es';
  forWhom: 'self' | 'loved_one';
  contactName: string;
  patientName: string | null;
  phone: string | null;
  phoneNormalized: string | null;
  email: string | null;
  emailNormalized: string | null;
  bestTime: string | null;
  state: string | null;
  ageRange: InquiriesTable['age_range'];
  concerns: string | null;
  programId: string | null;
  programName: string | null;
  formatPreference: InquiriesTable['format_preference'];
  payerName: string | null;
  memberId: string | null;
  heardAbout: string | null;
  selfCheck: unknown;
  ownerId: string | null;
  ownerName: string | null;
  firstContactAt: Date | null;
  assessmentAt: Date | null;
  assessmentClinicianId: string | null;
  assessmentClinicianName: string | null;
  admittedAt: Date | null;
  patientId: string | null;
  episodeId: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type InquirySummaryRecord = Omit<InquiryRecord, 'selfCheck'> & {
  openTasks: number;
  nextTaskDueAt: Date | null;
  duplicateCount: number;
};

function selectInquiries(db: Q, organizationId: string) {
  return db
    .selectFrom('inquiries as i')
    .leftJoin('users as o', (join) => join.onRef('o.id', '=', 'i.owner_id').onRef('o.organization_id', '=', 'i.organization_id'))
    .leftJoin('users as c', (join) =>
      join.onRef('c.id', '=', 'i.assessment_clinician_id').onRef('c.organization_id', '=', 'i.organization_id'),
    )
    .leftJoin('programs as p', (join) => join.onRef('p.id', '=', 'i.program_id').onRef('p.organization_id', '=', 'i.organization_id'))
    .where('i.organization_id', '=', organizationId)
    .select([
      'i.id',
      'i.stage',
      'i.closed_reason',
      'i.referred_to',
      'i.urgent',
      'i.urgent_reason',
      'i.source',
      'i.language',
      'i.for_whom',
      'i.contact_name',
      'i.patient_name',
      'i.phone',
      'i.phone_normalized',
      'i.email',
      'i.email_normalized',
      'i.best_time',
      'i.state',
      'i.age_range',
      'i.concerns',
      'i.program_id',
      'p.name as program_name',
      'i.format_preference',
      'i.payer_name',
      'i.member_id',
      'i.heard_about',
      'i.owner_id',
      'o.display_name as owner_name',
      'i.first_contact_at',
      'i.assessment_at',
      'i.assessment_clinician_id',
      'c.display_name as clinician_name',
      'i.admitted_at',
      'i.patient_id',
      'i.episode_id',
      'i.merged_into_id',
      'i.version',
      'i.created_at',
      'i.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectInquiries>['executeTakeFirstOrThrow']>>;

function toInquiry(row: Row): Omit<InquiryRecord, 'selfCheck'> {
  return {
    id: row.id,
    stage: row.stage,
    closedReason: row.closed_reason,
    referredTo: row.referred_to,
    urgent: row.urgent,
    urgentReason: row.urgent_reason,
    source: row.source,
    language: row.language,
    forWhom: row.for_whom,
    contactName: row.contact_name,
    patientName: row.patient_name,
    phone: row.phone,
    phoneNormalized: row.phone_normalized,
    email: row.email,
    emailNormalized: row.email_normalized,
    bestTime: row.best_time,
    state: row.state,
    ageRange: row.age_range,
    concerns: row.concerns,
    programId: row.program_id,
    programName: row.program_name,
    formatPreference: row.format_preference,
    payerName: row.payer_name,
    memberId: row.member_id,
    heardAbout: row.heard_about,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    firstContactAt: row.first_contact_at,
    assessmentAt: row.assessment_at,
    assessmentClinicianId: row.assessment_clinician_id,
    assessmentClinicianName: row.clinician_name,
    admittedAt: row.admitted_at,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function responseTargetMinutes(db: Q, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select('inquiry_response_target_minutes')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return row.inquiry_response_target_minutes;
}

export async function findInquiry(
  db: Q,
  organizationId: string,
  inquiryId: string,
  options: { lock?: boolean } = {},
): Promise<InquiryRecord | undefined> {
  if (options.lock === true) {
    // Lock the inquiry row alone (the joined rows are only read).
    await db
      .selectFrom('inquiries')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('id', '=', inquiryId)
      .forUpdate()
      .execute();
  }
  const row = await selectInquiries(db, organizationId).select('i.self_check').where('i.id', '=', inquiryId).executeTakeFirst();
  if (!row) return undefined;
  return { ...toInquiry(row), selfCheck: row.self_check };
}

export type InquiryFilter = {
  organizationId: string;
  stages: readonly InquiryStage[] | null;
  q: string | undefined;
  urgent: boolean | undefined;
  overdue: boolean | undefined;
  ownerId: string | undefined;
  /** Arrivals before this, never contacted and still open, are overdue (domain overdueCutoff). */
  overdueCutoff: Date;
  limit: number;
  offset: number;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Urgent first, then overdue, then the oldest: the board order (domain compareForBoard), in SQL so paging agrees. */
export async function listInquiries(db: Q, filter: InquiryFilter): Promise<{ rows: InquirySummaryRecord[]; total: number }> {
  const overdue = sql<boolean>`(i.first_contact_at IS NULL AND i.stage IN (${sql.join(OPEN_STAGES)}) AND i.created_at < ${filter.overdueCutoff})`;
  let query = selectInquiries(db, filter.organizationId);
  if (filter.stages !== null) query = query.where('i.stage', 'in', filter.stages);
  if (filter.urgent !== undefined) query = query.where('i.urgent', '=', filter.urgent);
  if (filter.overdue !== undefined) query = query.where(filter.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  if (filter.ownerId !== undefined) query = query.where('i.owner_id', '=', filter.ownerId);
  if (filter.q !== undefined && filter.q !== '') {
    const like = `%${escapeLike(filter.q)}%`;
    const digits = filter.q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('i.contact_name', 'ilike', like),
        eb('i.patient_name', 'ilike', like),
        eb('i.email_normalized', 'ilike', like),
        ...(digits.length >= 4 ? [eb('i.phone_normalized', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const counted = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .select([
      sql<number>`(SELECT count(*) FROM inquiry_tasks t WHERE t.organization_id = i.organization_id AND t.inquiry_id = i.id AND t.done_at IS NULL)::int`.as(
        'open_tasks',
      ),
      sql<Date | null>`(SELECT min(t.due_at) FROM inquiry_tasks t WHERE t.organization_id = i.organization_id AND t.inquiry_id = i.id AND t.done_at IS NULL)`.as(
        'next_task_due_at',
      ),
      sql<number>`(SELECT count(*) FROM inquiries d WHERE d.organization_id = i.organization_id AND d.id <> i.id AND d.merged_into_id IS NULL
        AND ((d.phone_normalized = i.phone_normalized) OR (d.email_normalized = i.email_normalized)))::int`.as('duplicate_count'),
    ])
    .orderBy('i.urgent', 'desc')
    .orderBy(overdue, 'desc')
    .orderBy('i.created_at', 'asc')
    .orderBy('i.id', 'asc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(counted.n),
    rows: rows.map((row) => ({
      ...toInquiry(row),
      openTasks: row.open_tasks,
      nextTaskDueAt: row.next_task_due_at,
      duplicateCount: row.duplicate_count,
    })),
  };
}

export type DuplicateRecord = Pick<InquiryRecord, 'id' | 'stage' | 'contactName' | 'phone' | 'email' | 'createdAt'>;

export async function possibleDuplicates(
  db: Q,
  organizationId: string,
  inquiry: Pick<InquiryRecord, 'id' | 'phoneNormalized' | 'emailNormalized'>,
): Promise<DuplicateRecord[]> {
  if (inquiry.phoneNormalized === null && inquiry.emailNormalized === null) return [];
  const rows = await db
    .selectFrom('inquiries')
    .select(['id', 'stage', 'contact_name', 'phone', 'email', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('id', '<>', inquiry.id)
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        ...(inquiry.phoneNormalized !== null ? [eb('phone_normalized', '=', inquiry.phoneNormalized)] : []),
        ...(inquiry.emailNormalized !== null ? [eb('email_normalized', '=', inquiry.emailNormalized)] : []),
      ]),
    )
    .orderBy('created_at')
    .limit(20)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    stage: row.stage,
    contactName: row.contact_name,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
  }));
}

/** An active user of the organization holding one of the roles, with their name; undefined otherwise. */
export async function activeUserWithRole(
  db: Q,
  organizationId: string,
  userId: string,
  roles: readonly string[],
): Promise<string | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').onRef('r.organization_id', '=', 'u.organization_id'))
    .select('u.display_name')
    .where('u.organization_id', '=', organizationId)
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .where('r.role', 'in', roles)
    .executeTakeFirst();
  return row?.display_name;
}

export async function programLevel(db: Q, organizationId: string, programId: string): Promise<'OP' | 'IOP' | 'PHP' | undefined> {
  const row = await db
    .selectFrom('programs')
    .select('level_of_care')
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .executeTakeFirst();
  return row?.level_of_care;
}

export async function insertInquiry(db: Q, values: Insertable<InquiriesTable>): Promise<string> {
  const row = await db.insertInto('inquiries').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the change and moves the version on by one; the caller has locked the row and checked its version. */
export async function updateInquiry(
  db: Q,
  organizationId: string,
  inquiryId: string,
  changes: Omit<Updateable<InquiriesTable>, 'id' | 'organization_id' | 'version' | 'updated_at'>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('inquiries')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', inquiryId)
    .execute();
}

/** Moves the duplicate's activity log, tasks and assessments to the kept inquiry (merge). */
