import { sql, type Kysely } from 'kysely';
import type { Database, LocLevelColumn } from '../../db/schema.js';

// An inquiry's activity log, follow-up tasks and level-of-care assessments (read here; written by
// the assessment module), and the moves a merge or an admission makes to them.

type Q = Kysely<Database>;

export type ActivityRecord = {
  id: string;
  kind: 'call' | 'email' | 'text_message' | 'note' | 'stage_change' | 'assessment_booked' | 'merged' | 'submitted';
  callOutcome: 'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number' | null;
  body: string | null;
  stageFrom: string | null;
  stageTo: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
};

export async function activitiesOf(db: Q, organizationId: string, inquiryId: string): Promise<ActivityRecord[]> {
  const rows = await db
    .selectFrom('inquiry_activities as a')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'a.created_by').onRef('u.organization_id', '=', 'a.organization_id'))
    .select(['a.id', 'a.kind', 'a.call_outcome', 'a.body', 'a.stage_from', 'a.stage_to', 'a.created_by', 'u.display_name', 'a.created_at'])
    .where('a.organization_id', '=', organizationId)
    .where('a.inquiry_id', '=', inquiryId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    callOutcome: row.call_outcome,
    body: row.body,
    stageFrom: row.stage_from,
    stageTo: row.stage_to,
    createdBy: row.created_by,
    createdByName: row.display_name,
    createdAt: row.created_at,
  }));
}

export type NewActivity = {
  organizationId: string;
  inquiryId: string;
  kind: ActivityRecord['kind'];
  callOutcome?: ActivityRecord['callOutcome'];
  body?: string | null;
  stageFrom?: string | null;
  stageTo?: string | null;
  createdBy: string | null;
  createdAt: Date;
};

export async function insertActivity(db: Q, activity: NewActivity): Promise<string> {
  const row = await db
    .insertInto('inquiry_activities')
    .values({
      organization_id: activity.organizationId,
      inquiry_id: activity.inquiryId,
      kind: activity.kind,
      call_outcome: activity.callOutcome ?? null,
      body: activity.body ?? null,
      stage_from: activity.stageFrom ?? null,
      stage_to: activity.stageTo ?? null,
      created_by: activity.createdBy,
      created_at: activity.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type TaskRecord = {
  id: string;
  inquiryId: string;
  contactName: string;
  title: string;
  dueAt: Date;
  ownerId: string;
  ownerName: string;
  doneAt: Date | null;
  doneBy: string | null;
  createdAt: Date;
};

function selectTasks(db: Q, organizationId: string) {
  return db
    .selectFrom('inquiry_tasks as t')
    .innerJoin('inquiries as i', (join) => join.onRef('i.id', '=', 't.inquiry_id').onRef('i.organization_id', '=', 't.organization_id'))
    .innerJoin('users as u', (join) => join.onRef('u.id', '=', 't.owner_id').onRef('u.organization_id', '=', 't.organization_id'))
    .select([
      't.id',
      't.inquiry_id',
      'i.contact_name',
      't.title',
      't.due_at',
      't.owner_id',
      'u.display_name',
      't.done_at',
      't.done_by',
      't.created_at',
    ])
    .where('t.organization_id', '=', organizationId);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

function toTask(row: TaskRow): TaskRecord {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    contactName: row.contact_name,
    title: row.title,
    dueAt: row.due_at,
    ownerId: row.owner_id,
    ownerName: row.display_name,
    doneAt: row.done_at,
    doneBy: row.done_by,
    createdAt: row.created_at,
  };
}

export async function tasksOf(db: Q, organizationId: string, inquiryId: string): Promise<TaskRecord[]> {
  const rows = await selectTasks(db, organizationId)
    .where('t.inquiry_id', '=', inquiryId)
    .orderBy(sql`t.done_at IS NOT NULL`)
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute();
  return rows.map(toTask);
}

/** Open tasks, the earliest due (so the overdue) first; of one owner when ownerId is given. */
export async function openTasks(db: Q, organizationId: string, ownerId: string | undefined): Promise<TaskRecord[]> {
  let query = selectTasks(db, organizationId).where('t.done_at', 'is', null);
  if (ownerId !== undefined) query = query.where('t.owner_id', '=', ownerId);
  const rows = await query.orderBy('t.due_at').orderBy('t.id').limit(500).execute();
  return rows.map(toTask);
}

export async function findTask(db: Q, organizationId: string, inquiryId: string, taskId: string): Promise<TaskRecord | undefined> {
  const row = await selectTasks(db, organizationId).where('t.inquiry_id', '=', inquiryId).where('t.id', '=', taskId).executeTakeFirst();
  return row ? toTask(row) : undefined;
}

export async function insertTask(
  db: Q,
  task: { organizationId: string; inquiryId: string; title: string; dueAt: Date; ownerId: string; createdBy: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('inquiry_tasks')
    .values({
      organization_id: task.organizationId,
      inquiry_id: task.inquiryId,
      title: task.title,
      due_at: task.dueAt,
      owner_id: task.ownerId,
      created_by: task.createdBy,
      created_at: task.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks an open task done; false when it was already done (someone else got there first). */
export async function completeTask(db: Q, organizationId: string, taskId: string, userId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('inquiry_tasks')
    .set({ done_at: now, done_by: userId })
    .where('organization_id', '=', organizationId)
    .where('id', '=', taskId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type AssessmentRecord = {
  id: string;
  assessedAt: Date;
  recommendedLevel: LocLevelColumn;
  finalLevel: LocLevelColumn;
};

export async function assessmentsOf(db: Q, organizationId: string, inquiryId: string): Promise<AssessmentRecord[]> {
  const rows = await db
    .selectFrom('loc_assessments')
    .select(['id', 'assessed_at', 'recommended_level', 'final_level'])
    .where('organization_id', '=', organizationId)
    .where('inquiry_id', '=', inquiryId)
    .orderBy('assessed_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assessedAt: row.assessed_at,
    recommendedLevel: row.recommended_level,
    finalLevel: row.final_level,
  }));
}

export async function moveChildren(
  db: Q,
  organizationId: string,
  fromInquiryId: string,
  toInquiryId: string,
): Promise<{ activities: number; tasks: number; assessments: number }> {
  const activities = await db
    .updateTable('inquiry_activities')
    .set({ inquiry_id: toInquiryId })
    .where('organization_id', '=', organizationId)
    .where('inquiry_id', '=', fromInquiryId)
    .executeTakeFirst();
  const tasks = await db
    .updateTable('inquiry_tasks')
    .set({ inquiry_id: toInquiryId })
    .where('organization_id', '=', organizationId)
    .where('inquiry_id', '=', fromInquiryId)
    .executeTakeFirst();
  const assessments = await db
    .updateTable('loc_assessments')
    .set({ inquiry_id: toInquiryId })
    .where('organization_id', '=', organizationId)
    .where('inquiry_id', '=', fromInquiryId)
    .executeTakeFirst();
  return {
    activities: Number(activities.numUpdatedRows),
    tasks: Number(tasks.numUpdatedRows),
    assessments: Number(assessments.numUpdatedRows),
  };
}

/** On admission the inquiry's assessments belong to the new patient and episode too (decision 0015). */
export async function attachAssessments(
  db: Q,
  organizationId: string,
  inquiryId: string,
  patientId: string,
  episodeId: string,
): Promise<number> {
  const result = await db
    .updateTable('loc_assessments')
    .set({ patient_id: patientId, episode_id: episodeId })
    .where('organization_id', '=', organizationId)
    .where('inquiry_id', '=', inquiryId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
