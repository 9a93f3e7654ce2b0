import { DomainError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import * as repo from './admissions.repository.js';
import * as log from './inquiry-log.repository.js';
import { TASK_OWNERS, auditInquiry, inquiryForChange, mustFindInquiry, ruleRefusal, taskDto } from './inquiries.service.js';

export async function addTask(
  deps: AppDeps,
  ctx: ActorCtx,
  inquiryId: string,
  input: { title: string; dueAt: string; ownerId?: string | undefined },
) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await inquiryForChange(trx, ctx, inquiryId, undefined);
    const organizationId = ctx.actor.organizationId;
    const ownerId = input.ownerId ?? ctx.actor.userId;
    if ((await repo.activeUserWithRole(trx, organizationId, ownerId, TASK_OWNERS)) === undefined) {
      throw ruleRefusal({
        rule: 'task_owner_is_staff',
        path: 'ownerId',
        message: 'must be an active admissions, front desk, director or clinical user',
      });
    }
    const taskId = await log.insertTask(trx, {
      organizationId,
      inquiryId,
      title: input.title,
      dueAt: new Date(input.dueAt),
      ownerId,
      createdBy: ctx.actor.userId,
      now: ctx.now,
    });
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.task_added', { taskId, ownerId });
    const task = await log.findTask(trx, organizationId, inquiryId, taskId);
    if (!task) throw new Error('task vanished inside its own transaction');
    return taskDto(task, ctx.now);
  });
}

export async function completeTask(deps: AppDeps, ctx: ActorCtx, inquiryId: string, taskId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await mustFindInquiry(trx, ctx, inquiryId);
    const organizationId = ctx.actor.organizationId;
    const task = await log.findTask(trx, organizationId, inquiryId, taskId);
    if (!task) throw new DomainError('NOT_FOUND', 'No such task');
    if (!(await log.completeTask(trx, organizationId, taskId, ctx.actor.userId, ctx.now))) {
      throw new DomainError('CONFLICT', 'This task is already done');
    }
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.task_done', { taskId });
    const done = await log.findTask(trx, organizationId, inquiryId, taskId);
    if (!done) throw new Error('task vanished inside its own transaction');
    return taskDto(done, ctx.now);
  });
}

/** Open follow-ups, overdue first (earliest due first); the caller's own with `mine`. */
export async function listTasks(deps: AppDeps, ctx: ActorCtx, query: { mine?: boolean | undefined }) {
  return deps.db.transaction().execute(async (trx) => {
    const tasks = await log.openTasks(trx, ctx.actor.organizationId, query.mine === true ? ctx.actor.userId : undefined);
    // A task names its inquiry's contact: the list is a read of those inquiries.
    for (const inquiryId of new Set(tasks.map((task) => task.inquiryId))) {
      await auditInquiry(deps, trx, ctx, { id: inquiryId, patientId: null }, 'inquiry.listed', { via: 'tasks' });
    }
    return { tasks: tasks.map((task) => taskDto(task, ctx.now)) };
  });
}
