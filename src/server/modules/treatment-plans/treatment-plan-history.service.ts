// The plan review's two questions: which objectives were addressed when (from the notes that cite
// them), and whose plan is due, overdue or missing (the dashboard card).
import { canReadNote } from '../../../domain/notes/note-access.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import { objectivesOf } from '../../../domain/treatment-plans/plan-ids.js';
import { reviewStatus } from '../../../domain/treatment-plans/plan-review.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { noteProfileOf } from '../notes/note-context.repository.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './treatment-plan-history.repository.js';
import { mustFindPlan } from './treatment-plans.service.js';

export async function objectiveHistory(deps: AppDeps, ctx: ActorCtx, planId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await mustFindPlan(trx, ctx, planId);
    const objectives = objectivesOf(plan.content);
    const notes = await repo.notesCiting(
      trx,
      ctx.actor.organizationId,
      plan.patientId,
      objectives.map((o) => o.objective.id),
    );
    // SUD counseling notes are shown only to their author and staff with explicit access (Part 2).
    const profile = await noteProfileOf(trx, ctx.actor.organizationId, ctx.actor.userId);
    const reader = { userId: ctx.actor.userId, counselingNotesAccess: profile.counselingNotesAccess };
    const readable = notes.filter((note) =>
      canReadNote({ noteType: note.noteType, authorId: note.author.id, cosignerId: note.cosignerId }, reader),
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.objective_history_viewed',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
      details: { planVersion: plan.planVersion, noteIds: readable.map((n) => n.id) },
    });
    return {
      planId,
      planVersion: plan.planVersion,
      objectives: objectives.map(({ objective, problem, goal }) => ({
        id: objective.id,
        statement: objective.statement,
        targetDate: objective.targetDate,
        status: objective.status,
        problem,
        goal,
        notes: readable
          .filter((note) => note.addressedObjectiveIds.includes(objective.id))
          .map((note) => ({
            id: note.id,
            serviceDate: note.serviceDate,
            noteType: note.noteType,
            author: note.author,
            signedAt: note.signedAt.toISOString(),
          })),
      })),
      withheldNotes: notes.length - readable.length,
    };
  });
}

export type ReviewDueItem = {
  patientId: string;
  patientName: string;
  episodeId: string;
  programName: string;
  kind: 'overdue' | 'due' | 'missing';
  planId: string | null;
  planVersion: number | null;
  reviewDueOn: string | null;
  admittedOn: string;
  hasDraft: boolean;
};

const KIND_ORDER = { overdue: 0, missing: 1, due: 2 } as const;

/** Open episodes whose current signed plan is overdue or due within 7 days, or that have none. */
export async function reviewsDue(deps: AppDeps, ctx: ActorCtx): Promise<{ items: ReviewDueItem[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const candidates = await repo.reviewCandidates(trx, ctx.actor.organizationId);
    const items: ReviewDueItem[] = [];
    for (const c of candidates) {
      const today = localDateOf(ctx.now.getTime(), c.timeZone);
      const status = c.reviewDueOn === null ? 'missing' : reviewStatus(c.reviewDueOn, today);
      if (status === 'current') continue;
      items.push({
        patientId: c.patientId,
        patientName: c.patientName,
        episodeId: c.episodeId,
        programName: c.programName,
        kind: status,
        planId: c.planId,
        planVersion: c.planVersion,
        reviewDueOn: c.reviewDueOn,
        admittedOn: c.admittedOn,
        hasDraft: c.hasDraft,
      });
    }
    items.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.reviews_due_listed',
      entityType: 'organization',
      entityId: ctx.actor.organizationId,
      details: { patientIds: items.map((i) => i.patientId) },
    });
    return { items };
  });
}
