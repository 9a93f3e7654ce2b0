import type { Transaction } from 'kysely';
import { checkAdmission } from '../../../domain/admissions/admission-rules.js';
import { contactKeys } from '../../../domain/admissions/duplicates.js';
import { overdueCutoff, responseClock, type ResponseClock } from '../../../domain/admissions/response-clock.js';
import { OPEN_STAGES, type InquiryStage } from '../../../domain/admissions/stage-rules.js';
import { DomainError, fieldError, type FieldIssue } from '../../../domain/errors.js';
import { normalizeStateCode } from '../../../domain/patients/patient-rules.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './admissions.repository.js';
import * as log from './inquiry-log.repository.js';

// Inquiries: list, detail, staff-created inquiries, the activity log and the owner. Every read of an
// inquiry is audited as access to a prospective patient's data, with ids only (decision 0017).

/** Who works the pipeline (owners); who may be booked to assess; who may own a follow-up task. */
export const PIPELINE_WORKERS = ['admissions', 'director', 'front_desk'] as const;
export const ASSESSORS = ['clinician', 'psychiatrist'] as const;
export const TASK_OWNERS = ['admissions', 'director', 'front_desk', 'clinician', 'psychiatrist'] as const;

export type ClockDto = Omit<ResponseClock, 'dueAt'> & { dueAt: string };

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function clockDto(
  record: Pick<repo.InquiryRecord, 'stage' | 'urgent' | 'createdAt' | 'firstContactAt'>,
  target: number,
  now: Date,
): ClockDto {
  const clock = responseClock(record, target, now);
  return { ...clock, dueAt: clock.dueAt.toISOString() };
}

function coreDto(record: Omit<repo.InquiryRecord, 'selfCheck'>, target: number, now: Date) {
  return {
    id: record.id,
    stage: record.stage,
    closedReason: record.closedReason,
    referredTo: record.referredTo,
    urgent: record.urgent,
    urgentReason: record.urgentReason,
    source: record.source,
    language: record.language,
    forWhom: record.forWhom,
    contactName: record.contactName,
    patientName: record.patientName,
    phone: record.phone,
    email: record.email,
    programId: record.programId,
    programName: record.programName,
    ownerId: record.ownerId,
    ownerName: record.ownerName,
    firstContactAt: iso(record.firstContactAt),
    assessmentAt: iso(record.assessmentAt),
    assessmentClinicianId: record.assessmentClinicianId,
    assessmentClinicianName: record.assessmentClinicianName,
    admittedAt: iso(record.admittedAt),
    patientId: record.patientId,
    episodeId: record.episodeId,
    mergedIntoId: record.mergedIntoId,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    clock: clockDto(record, target, now),
  };
}

export function taskDto(task: log.TaskRecord, now: Date) {
  return {
    id: task.id,
    inquiryId: task.inquiryId,
    contactName: task.contactName,
    title: task.title,
    dueAt: task.dueAt.toISOString(),
    ownerId: task.ownerId,
    ownerName: task.ownerName,
    doneAt: iso(task.doneAt),
    overdue: task.doneAt === null && task.dueAt.getTime() < now.getTime(),
  };
}

/** A domain rule broken (422), naming the field and the rule. */
export function ruleRefusal(refusal: { rule: string; path: string; message: string }): DomainError {
  return new DomainError('RULE_VIOLATION', `${refusal.path}: ${refusal.message} (rule ${refusal.rule})`, {
    details: [{ path: refusal.path, message: refusal.message, rule: refusal.rule }] satisfies (FieldIssue & { rule: string })[],
  });
}

export function staleInquiry(yours: number, current: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `This inquiry was changed by someone else (version ${current}; you edited version ${yours}). Reload and apply your change again.`,
    { details: { yourVersion: yours, currentVersion: current } },
  );
}

/** The inquiry of the caller's organization, or NOT_FOUND (also for another organization's id). */
export async function mustFindInquiry(
  db: Db,
  ctx: ActorCtx,
  inquiryId: string,
  options: { lock?: boolean } = {},
): Promise<repo.InquiryRecord> {
  const inquiry = await repo.findInquiry(db, ctx.actor.organizationId, inquiryId, options);
  if (!inquiry) throw new DomainError('NOT_FOUND', 'No such inquiry');
  return inquiry;
}

/** Locked, at the expected version, and not merged away: what every change of an inquiry starts with. */
export async function inquiryForChange(
  trx: Db,
  ctx: ActorCtx,
  inquiryId: string,
  version: number | undefined,
): Promise<repo.InquiryRecord> {
  const inquiry = await mustFindInquiry(trx, ctx, inquiryId, { lock: true });
  if (version !== undefined && inquiry.version !== version) throw staleInquiry(version, inquiry.version);
  if (inquiry.mergedIntoId !== null) {
    throw new DomainError('CONFLICT', 'This inquiry was merged into another; work on that one', {
      details: { mergedIntoId: inquiry.mergedIntoId },
    });
  }
  return inquiry;
}

export async function auditInquiry(
  deps: AppDeps,
  trx: Transaction<Database>,
  ctx: ActorCtx,
  inquiry: Pick<repo.InquiryRecord, 'id' | 'patientId'>,
  action: string,
  details?: Record<string, string | number | boolean | null | string[]>,
): Promise<void> {
  await deps.audit(trx, {
    ...auditBase(ctx),
    action,
    entityType: 'inquiry',
    entityId: inquiry.id,
    patientId: inquiry.patientId,
    ...(details === undefined ? {} : { details }),
  });
}

export type ListQuery = {
  stage: InquiryStage | 'open' | 'all';
  q?: string | undefined;
  urgent?: boolean | undefined;
  overdue?: boolean | undefined;
  ownerId?: string | undefined;
  page: number;
  pageSize: number;
};

export async function listInquiries(deps: AppDeps, ctx: ActorCtx, query: ListQuery) {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const target = await repo.responseTargetMinutes(trx, organizationId);
    const { rows, total } = await repo.listInquiries(trx, {
      organizationId,
      stages: query.stage === 'all' ? null : query.stage === 'open' ? OPEN_STAGES : [query.stage],
      q: query.q,
      urgent: query.urgent,
      overdue: query.overdue,
      ownerId: query.ownerId,
      overdueCutoff: overdueCutoff(target, ctx.now),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    // One event per inquiry shown, like patient lists: the trail answers "who saw this person".
    for (const row of rows) await auditInquiry(deps, trx, ctx, row, 'inquiry.listed');
    return {
      inquiries: rows.map((row) => ({
        ...coreDto(row, target, ctx.now),
        openTasks: row.openTasks,
        nextTaskDueAt: iso(row.nextTaskDueAt),
        duplicateCount: row.duplicateCount,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      responseTargetMinutes: target,
    };
  });
}

export async function inquiryDetail(trx: Transaction<Database>, ctx: ActorCtx, inquiryId: string) {
  const organizationId = ctx.actor.organizationId;
  const inquiry = await mustFindInquiry(trx, ctx, inquiryId);
  const target = await repo.responseTargetMinutes(trx, organizationId);
  const assessments = await log.assessmentsOf(trx, organizationId, inquiryId);
  const admission = checkAdmission(inquiry, assessments, null);
  return {
    ...coreDto(inquiry, target, ctx.now),
    bestTime: inquiry.bestTime,
    state: inquiry.state,
    ageRange: inquiry.ageRange,
    concerns: inquiry.concerns,
    formatPreference: inquiry.formatPreference,
    payerName: inquiry.payerName,
    memberId: inquiry.memberId,
    heardAbout: inquiry.heardAbout,
    selfCheck: inquiry.selfCheck ?? null,
    activities: (await log.activitiesOf(trx, organizationId, inquiryId)).map((activity) => ({
      ...activity,
      createdAt: activity.createdAt.toISOString(),
    })),
    tasks: (await log.tasksOf(trx, organizationId, inquiryId)).map((task) => taskDto(task, ctx.now)),
    duplicates: (await repo.possibleDuplicates(trx, organizationId, inquiry)).map((dup) => ({
      ...dup,
      createdAt: dup.createdAt.toISOString(),
    })),
    assessments: assessments.map((a) => ({ ...a, assessedAt: a.assessedAt.toISOString() })),
    admission: admission.ok
      ? { allowed: true, rule: null, message: null, level: assessments[0]?.finalLevel ?? null }
      : { allowed: false, rule: admission.rule, message: admission.message, level: null },
  };
}

export async function getInquiry(deps: AppDeps, ctx: ActorCtx, inquiryId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const detail = await inquiryDetail(trx, ctx, inquiryId);
    await auditInquiry(deps, trx, ctx, detail, 'inquiry.viewed');
    return detail;
  });
}

export type CreateInquiryInput = {
  forWhom: 'self' | 'loved_one';
  contactName: string;
  patientName: string | null;
  phone: string | null;
  email: string | null;
  bestTime: string | null;
  state: string | null;
  ageRange?: 'under_13' | '13_17' | '18_25' | '26_64' | '65_plus' | null | undefined;
  concerns: string | null;
  programId?: string | null | undefined;
  formatPreference?: 'in_person' | 'online' | 'no_preference' | null | undefined;
  payerName: string | null;
  memberId: string | null;
  heardAbout: string | null;
  language: 'en' | 'es';
  urgent: boolean;
  urgentReason: string | null;
  contactMade: boolean;
};

/** A phone call taken by staff: consent is the caller's spoken agreement, recorded as the 'staff-call' notice. */
export async function createInquiry(deps: AppDeps, ctx: ActorCtx, input: CreateInquiryInput) {
  if (input.phone === null && input.email === null) throw fieldError('phone', 'give a phone number or an email address');
  const keys = contactKeys(input.phone, input.email);
  const state = input.state === null ? null : normalizeStateCode(input.state, 'state');
  if (input.urgent && input.urgentReason === null) throw fieldError('urgentReason', 'say why the call-back is urgent');
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    if (input.programId !== undefined && input.programId !== null) {
      if ((await repo.programLevel(trx, organizationId, input.programId)) === undefined)
        throw fieldError('programId', 'is not a program of this organization');
    }
    const stage: InquiryStage = input.contactMade ? 'contacted' : 'new';
    const inquiryId = await repo.insertInquiry(trx, {
      organization_id: organizationId,
      stage,
      source: 'staff',
      language: input.language,
      for_whom: input.forWhom,
      contact_name: input.contactName,
      patient_name: input.patientName,
      phone: input.phone,
      phone_normalized: keys.phoneNormalized,
      email: input.email,
      email_normalized: keys.emailNormalized,
      best_time: input.bestTime,
      state,
      age_range: input.ageRange ?? null,
      concerns: input.concerns,
      program_id: input.programId ?? null,
      format_preference: input.formatPreference ?? null,
      payer_name: input.payerName,
      member_id: input.memberId,
      heard_about: input.heardAbout,
      urgent: input.urgent,
      urgent_reason: input.urgentReason,
      consent_to_contact: true,
      privacy_notice_version: 'staff-call',
      owner_id: ctx.actor.userId,
      first_contact_at: input.contactMade ? ctx.now : null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    const base = { organizationId, inquiryId, createdBy: ctx.actor.userId, createdAt: ctx.now };
    await log.insertActivity(trx, { ...base, kind: 'submitted', body: 'Taken by staff' });
    if (input.contactMade) await log.insertActivity(trx, { ...base, kind: 'call', callOutcome: 'reached', body: 'Inbound call' });
    await auditInquiry(deps, trx, ctx, { id: inquiryId, patientId: null }, 'inquiry.created', { source: 'staff' });
    return inquiryDetail(trx, ctx, inquiryId);
  });
}

export type ActivityInput = {
  kind: 'call' | 'email' | 'text_message' | 'note';
  callOutcome?: 'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number' | undefined;
  body: string | null;
};

/**
 * Logs a call, email, text or note. The first call, email or text is the first contact: it stops
 * the response clock and moves a new inquiry to contacted (decision 0017).
 */
export async function logActivity(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: ActivityInput) {
  if (input.kind === 'call' && input.callOutcome === undefined) throw fieldError('callOutcome', 'choose how the call went');
  if (input.kind !== 'call' && input.callOutcome !== undefined) throw fieldError('callOutcome', 'only a call has an outcome');
  if (input.kind === 'note' && input.body === null) throw fieldError('body', 'a note needs its text');
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await inquiryForChange(trx, ctx, inquiryId, undefined);
    const organizationId = ctx.actor.organizationId;
    const base = { organizationId, inquiryId, createdBy: ctx.actor.userId, createdAt: ctx.now };
    const activityId = await log.insertActivity(trx, {
      ...base,
      kind: input.kind,
      callOutcome: input.callOutcome ?? null,
      body: input.body,
    });
    const contact = input.kind !== 'note';
    if (contact && inquiry.firstContactAt === null) {
      const leavesNew = inquiry.stage === 'new';
      await repo.updateInquiry(
        trx,
        organizationId,
        inquiryId,
        { first_contact_at: ctx.now, ...(leavesNew ? { stage: 'contacted' } : {}) },
        ctx.now,
      );
      if (leavesNew) await log.insertActivity(trx, { ...base, kind: 'stage_change', stageFrom: 'new', stageTo: 'contacted' });
    }
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.activity_logged', { kind: input.kind, activityId });
    return inquiryDetail(trx, ctx, inquiryId);
  });
}

export async function assignOwner(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: { version: number; ownerId: string | null }) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await inquiryForChange(trx, ctx, inquiryId, input.version);
    const organizationId = ctx.actor.organizationId;
    if (input.ownerId !== null && (await repo.activeUserWithRole(trx, organizationId, input.ownerId, PIPELINE_WORKERS)) === undefined) {
      throw ruleRefusal({
        rule: 'owner_works_pipeline',
        path: 'ownerId',
        message: 'the owner must be an active admissions, front desk or director user',
      });
    }
    await repo.updateInquiry(trx, organizationId, inquiryId, { owner_id: input.ownerId }, ctx.now);
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.owner_assigned', { ownerId: input.ownerId });
    return inquiryDetail(trx, ctx, inquiryId);
  });
}
