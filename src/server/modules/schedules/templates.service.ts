import { DomainError, fieldError } from '../../../domain/errors.js';
import { validateTemplate, type DateRange } from '../../../domain/scheduling/group-template.js';
import { isoWeekday, type IsoWeekday } from '../../../domain/scheduling/local-time.js';
import { templatesOverlap } from '../../../domain/scheduling/overlaps.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import {
  addSummaries,
  assertSiteZone,
  checkGenerateRange,
  emptySummary,
  materializeTemplate,
  siteToday,
  windowAfterChange,
  type GenerationSummary,
} from './generation.service.js';
import { findProgram, findRoom, findSite, staffNames } from './lookups.repository.js';
import { checkFacilitators } from './qualifications.service.js';
import { checkVersion } from '../../lib/versions.js';
import { auditBase, dedupe } from './shared.js';
import { lockSchedule } from './sessions.repository.js';
import * as repo from './templates.repository.js';

export type TemplateDto = {
  id: string;
  programId: string;
  siteId: string;
  timeZone: string;
  title: string;
  modality: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  facilitators: { id: string; displayName: string }[];
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  startsOn: string;
  endsOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type TemplateInput = repo.TemplateFields & { facilitatorIds: string[] };
export type TemplatePatch = Partial<TemplateInput>;
export type TemplateWithGeneration = { template: TemplateDto; generation: GenerationSummary };

async function toDtos(db: Db, organizationId: string, templates: readonly repo.TemplateRecord[]): Promise<TemplateDto[]> {
  const names = await staffNames(
    db,
    organizationId,
    templates.flatMap((template) => template.facilitatorIds),
  );
  return templates.map((template) => ({
    id: template.id,
    programId: template.programId,
    siteId: template.siteId,
    timeZone: template.timeZone,
    title: template.title,
    modality: template.modality,
    daysOfWeek: template.daysOfWeek,
    startTime: template.startTime,
    durationMinutes: template.durationMinutes,
    facilitators: template.facilitatorIds.map((id) => ({ id, displayName: names.get(id) ?? '' })),
    roomId: template.roomId,
    telehealth: template.telehealth,
    capacity: template.capacity,
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    version: template.version,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  }));
}

async function toDto(db: Db, organizationId: string, template: repo.TemplateRecord): Promise<TemplateDto> {
  const [dto] = await toDtos(db, organizationId, [template]);
  if (!dto) throw new Error('template DTO missing');
  return dto;
}

async function mustFind(db: Db, ctx: ActorCtx, templateId: string, forUpdate = false): Promise<repo.TemplateRecord> {
  const template = await repo.findTemplate(db, ctx.actor.organizationId, templateId, { forUpdate });
  if (!template) throw new DomainError('NOT_FOUND', 'No such group template');
  return template;
}

/**
 * Every rule a template must meet before it is saved: a program of the organization whose site has a
 * known zone, the domain's recurrence rules, a usable room at that site large enough for the group
 * (or telehealth), qualified facilitators, and no overlap with another group in the same room.
 */
async function checkTemplate(
  db: Db,
  ctx: ActorCtx,
  input: TemplateInput,
  templateId: string | null,
  checkStaff: boolean,
): Promise<repo.TemplateRecord> {
  const organizationId = ctx.actor.organizationId;
  const program = await findProgram(db, organizationId, input.programId);
  if (!program) throw fieldError('programId', 'is not a program of this organization');
  assertSiteZone(program.timeZone);
  const candidate: repo.TemplateRecord = {
    ...input,
    id: templateId ?? 'new-template',
    organizationId,
    siteId: program.siteId,
    timeZone: program.timeZone,
    active: true,
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  // The domain checks the weekdays it is given, out-of-range values included (paths daysOfWeek[i]).
  validateTemplate({ ...candidate, daysOfWeek: input.daysOfWeek as IsoWeekday[], facilitatorId: null });
  candidate.daysOfWeek = input.daysOfWeek.map(isoWeekday).sort((a, b) => a - b);

  if (input.roomId === null && !input.telehealth) throw fieldError('roomId', 'choose a room, or telehealth');
  if (input.roomId !== null) {
    const room = await findRoom(db, organizationId, input.roomId);
    if (!room) throw fieldError('roomId', 'is not a room of this organization');
    if (room.siteId !== program.siteId) throw fieldError('roomId', `the room is at another site than the program (${program.siteName})`);
    if (!room.active) throw fieldError('roomId', `the room ${room.name} is not in use`);
    if (input.capacity > room.capacity)
      throw fieldError('capacity', `must not exceed the ${room.capacity} places of the room ${room.name}`);
    for (const other of await repo.templatesInRoom(db, organizationId, room.id, templateId)) {
      const overlap = templatesOverlap(toOverlapTemplate(candidate, room.timeZone), toOverlapTemplate(other, room.timeZone));
      if (overlap) {
        throw new DomainError(
          'SCHEDULE_CONFLICT',
          `The room ${room.name} is already used by the group "${other.title}" (template ${other.id}). ${overlap.message}`,
          {
            details: [
              {
                kind: 'template_overlap',
                templateId: other.id,
                title: other.title,
                localDate: overlap.first.localDate,
                message: overlap.message,
              },
            ],
          },
        );
      }
    }
  }
  if (checkStaff) await checkFacilitators(db, organizationId, input.facilitatorIds, input.modality);
  return candidate;
}

function toOverlapTemplate(template: repo.TemplateRecord, timeZone: string) {
  return {
    id: template.id,
    siteId: template.siteId,
    timeZone,
    daysOfWeek: template.daysOfWeek.map(isoWeekday),
    startTime: template.startTime,
    durationMinutes: template.durationMinutes,
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    facilitatorId: null,
  };
}

export async function listTemplates(
  deps: AppDeps,
  ctx: ActorCtx,
  filter: { programId?: string | undefined; siteId?: string | undefined; includeEnded?: boolean },
): Promise<TemplateDto[]> {
  const organizationId = ctx.actor.organizationId;
  let activeOn: string | undefined;
  if (!filter.includeEnded) {
    // "Ended" is judged in the site's own calendar; without a site filter, in UTC minus a day so
    // a template ending today anywhere is still listed.
    const site = filter.siteId === undefined ? undefined : await findSite(deps.db, organizationId, filter.siteId);
    activeOn = site ? siteToday(site.timeZone, ctx.now) : new Date(ctx.now.getTime() - 86_400_000).toISOString().slice(0, 10);
  }
  const templates = await repo.listTemplates(deps.db, organizationId, { programId: filter.programId, siteId: filter.siteId, activeOn });
  return toDtos(deps.db, organizationId, templates);
}

export async function getTemplate(deps: AppDeps, ctx: ActorCtx, templateId: string): Promise<TemplateDto> {
  return toDto(deps.db, ctx.actor.organizationId, await mustFind(deps.db, ctx, templateId));
}

export async function createTemplate(deps: AppDeps, ctx: ActorCtx, input: TemplateInput): Promise<TemplateWithGeneration> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await lockSchedule(trx, organizationId);
    const checked = await checkTemplate(trx, ctx, input, null, true);
    const templateId = await repo.insertTemplate(trx, organizationId, { ...input, daysOfWeek: checked.daysOfWeek }, ctx.now);
    await repo.replaceFacilitators(trx, organizationId, templateId, dedupe(input.facilitatorIds));
    const template = await mustFind(trx, ctx, templateId, true);
    const generation = await materializeTemplate(trx, template, await windowAfterChange(trx, template, ctx.now), ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'group_template.created',
      entityType: 'group_template',
      entityId: templateId,
      details: { programId: template.programId, roomId: template.roomId, sessionsCreated: generation.created },
    });
    return { template: await toDto(trx, organizationId, template), generation };
  });
}

export async function updateTemplate(
  deps: AppDeps,
  ctx: ActorCtx,
  templateId: string,
  patch: TemplatePatch,
  version: number | undefined,
): Promise<TemplateWithGeneration> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await lockSchedule(trx, organizationId);
    const before = await mustFind(trx, ctx, templateId, true);
    checkVersion(version, before.version, 'group template');
    const merged: TemplateInput = {
      programId: patch.programId ?? before.programId,
      title: patch.title ?? before.title,
      modality: patch.modality ?? before.modality,
      daysOfWeek: patch.daysOfWeek ?? before.daysOfWeek,
      startTime: patch.startTime ?? before.startTime,
      durationMinutes: patch.durationMinutes ?? before.durationMinutes,
      roomId: patch.roomId === undefined ? before.roomId : patch.roomId,
      telehealth: patch.telehealth ?? before.telehealth,
      capacity: patch.capacity ?? before.capacity,
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
      facilitatorIds: patch.facilitatorIds ?? before.facilitatorIds,
    };
    // Facilitators are re-checked when they or the modality change, not on every edit of a title.
    const staffChanged = patch.facilitatorIds !== undefined || merged.modality !== before.modality;
    const checked = await checkTemplate(trx, ctx, merged, templateId, staffChanged);
    await repo.updateTemplate(trx, organizationId, templateId, { ...merged, daysOfWeek: checked.daysOfWeek }, ctx.now);
    if (patch.facilitatorIds !== undefined) await repo.replaceFacilitators(trx, organizationId, templateId, dedupe(patch.facilitatorIds));
    const template = await mustFind(trx, ctx, templateId, true);
    const generation = await materializeTemplate(trx, template, await windowAfterChange(trx, template, ctx.now), ctx.now);
    const fields = Object.keys(patch).filter((key) => key !== 'version');
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'group_template.updated',
      entityType: 'group_template',
      entityId: templateId,
      details: { fields, sessionsUpdated: generation.updated },
    });
    return { template: await toDto(trx, organizationId, template), generation };
  });
}

export async function endTemplate(
  deps: AppDeps,
  ctx: ActorCtx,
  templateId: string,
  endsOn: string,
  version: number | undefined,
): Promise<TemplateWithGeneration> {
  return deps.db.transaction().execute(async (trx) => {
    await lockSchedule(trx, ctx.actor.organizationId);
    const before = await mustFind(trx, ctx, templateId, true);
    checkVersion(version, before.version, 'group template');
    if (endsOn < before.startsOn) throw fieldError('endsOn', `must not be before the series starts (${before.startsOn})`);
    await repo.updateTemplate(trx, ctx.actor.organizationId, templateId, { ...before, endsOn }, ctx.now);
    const template = await mustFind(trx, ctx, templateId, true);
    const generation = await materializeTemplate(trx, template, await windowAfterChange(trx, template, ctx.now), ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'group_template.ended',
      entityType: 'group_template',
      entityId: templateId,
      details: { endsOn, sessionsRemoved: generation.removed },
    });
    return { template: await toDto(trx, ctx.actor.organizationId, template), generation };
  });
}

/**
 * Materializes every active template's occurrences in from..to (or one site's, or one template's),
 * inside the caller's transaction; for other areas that change what generation reads (closures, the
 * demo seed). Missing occurrences are created, past ones included; existing ones follow the rules of
 * materializeTemplate. The caller audits.
 */
export async function materializeRange(
  db: Db,
  organizationId: string,
  range: DateRange,
  filter: { siteId?: string | undefined; templateId?: string | undefined },
  now: Date,
): Promise<GenerationSummary> {
  checkGenerateRange(range);
  await lockSchedule(db, organizationId);
  let summary = emptySummary(range);
  for (const template of await repo.templatesForGeneration(db, organizationId, range, filter)) {
    summary = addSummaries(summary, await materializeTemplate(db, template, range, now));
  }
  return summary;
}

/** Materializes every active template's occurrences (or one site's, or one template's) in from..to. */
export async function generateSchedules(
  deps: AppDeps,
  ctx: ActorCtx,
  input: DateRange & { siteId?: string | undefined; templateId?: string | undefined },
): Promise<GenerationSummary> {
  checkGenerateRange(input);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await lockSchedule(trx, organizationId);
    if (input.siteId !== undefined && !(await findSite(trx, organizationId, input.siteId)))
      throw fieldError('siteId', 'is not a site of this organization');
    if (input.templateId !== undefined && !(await repo.findTemplate(trx, organizationId, input.templateId)))
      throw fieldError('templateId', 'is not a group template of this organization');
    const range = { from: input.from, to: input.to };
    const summary = await materializeRange(trx, organizationId, range, input, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'schedule.generated',
      entityType: 'schedule',
      details: {
        from: range.from,
        to: range.to,
        siteId: input.siteId ?? null,
        templateId: input.templateId ?? null,
        created: summary.created,
        updated: summary.updated,
        removed: summary.removed,
      },
    });
    return summary;
  });
}
