import { DomainError, fieldError } from '../../../domain/errors.js';
import { defaultIntensityRules } from '../../../domain/programs/intensity-defaults.js';
import { validateIntensityRules, type IntensityRules } from '../../../domain/programs/intensity-rules.js';
import { isModality, type Modality } from '../../../domain/programs/modalities.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { findSite } from '../sites/sites.repository.js';
import { auditBase } from '../sites/sites.service.js';
import * as repo from './programs.repository.js';
import type { CreateProgramInput, UpdateProgramInput } from './programs.schemas.js';

// Programs are organization configuration, not patient data: reads are not audited; every change
// is, with the names of the fields it changed (never their values).

export type ProgramDto = Omit<repo.Program, 'organizationId' | 'rules' | 'modalities' | 'createdAt' | 'updatedAt'> &
  IntensityRules & { modalities: Modality[]; createdAt: string; updatedAt: string };

function toDto(program: repo.Program): ProgramDto {
  return {
    id: program.id,
    siteId: program.siteId,
    timeZone: program.timeZone,
    name: program.name,
    description: program.description,
    levelOfCare: program.levelOfCare,
    population: program.population,
    focus: program.focus,
    format: program.format,
    ...program.rules,
    groupCapacity: program.groupCapacity,
    conditions: program.conditions,
    modalities: program.modalities.filter(isModality),
    isPart2: program.isPart2,
    published: program.published,
    publicSummaryEn: program.publicSummaryEn,
    publicSummaryEs: program.publicSummaryEs,
    active: program.active,
    version: program.version,
    createdAt: program.createdAt.toISOString(),
    updatedAt: program.updatedAt.toISOString(),
  };
}

async function mustFind(db: Db, ctx: ActorCtx, programId: string, options: { forUpdate?: boolean } = {}): Promise<repo.Program> {
  const program = await repo.findProgram(db, ctx.actor.organizationId, programId, options);
  if (!program) throw new DomainError('NOT_FOUND', 'No such program');
  return program;
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The rules of the input laid over a base (defaults at create, the stored rules at update), validated. */
function rulesFrom(base: IntensityRules, input: Partial<IntensityRules>): IntensityRules {
  const rules: IntensityRules = {
    weeklyFloorMinutes: input.weeklyFloorMinutes ?? base.weeklyFloorMinutes,
    weeklyCeilingMinutes: input.weeklyCeilingMinutes === undefined ? base.weeklyCeilingMinutes : input.weeklyCeilingMinutes,
    minDaysPerWeek: input.minDaysPerWeek ?? base.minDaysPerWeek,
    minBillableDaysPerWeek: input.minBillableDaysPerWeek ?? base.minBillableDaysPerWeek,
    minBillableDayMinutes: input.minBillableDayMinutes ?? base.minBillableDayMinutes,
  };
  return validateIntensityRules(rules);
}

export async function listPrograms(deps: AppDeps, ctx: ActorCtx, filters: repo.ProgramFilters): Promise<ProgramDto[]> {
  return (await repo.listPrograms(deps.db, ctx.actor.organizationId, filters)).map(toDto);
}

export async function getProgram(deps: AppDeps, ctx: ActorCtx, programId: string): Promise<ProgramDto> {
  return toDto(await mustFind(deps.db, ctx, programId));
}

export async function createProgram(deps: AppDeps, ctx: ActorCtx, input: CreateProgramInput): Promise<ProgramDto> {
  // Omitted rules come from the defaults of the level and population (docs/domain/intensity.md).
  const rules = rulesFrom(defaultIntensityRules(input.levelOfCare, input.population), input);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    if (!(await findSite(trx, organizationId, input.siteId))) throw fieldError('siteId', 'unknown site');
    const programId = await repo.insertProgram(trx, {
      organizationId,
      siteId: input.siteId,
      now: ctx.now,
      name: input.name,
      description: input.description,
      levelOfCare: input.levelOfCare,
      population: input.population,
      focus: input.focus,
      format: input.format,
      rules,
      groupCapacity: input.groupCapacity,
      conditions: dedupe(input.conditions),
      modalities: dedupe(input.modalities),
      isPart2: input.isPart2,
      published: input.published,
      publicSummaryEn: input.publicSummaryEn,
      publicSummaryEs: input.publicSummaryEs,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'program.created',
      entityType: 'program',
      entityId: programId,
      details: { siteId: input.siteId, levelOfCare: input.levelOfCare, isPart2: input.isPart2, published: input.published },
    });
    return toDto(await mustFind(trx, ctx, programId));
  });
}

function staleVersion(current: number, given: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `The program was changed by someone else (your version ${given}, now ${current}); reload it and apply your change again`,
    {
      details: [{ path: 'version', message: `is ${current} now` }],
    },
  );
}

const COMPARED: readonly (keyof repo.ProgramFields)[] = [
  'name',
  'description',
  'levelOfCare',
  'population',
  'focus',
  'format',
  'groupCapacity',
  'conditions',
  'modalities',
  'isPart2',
  'published',
  'publicSummaryEn',
  'publicSummaryEs',
];
const RULE_FIELDS: readonly (keyof IntensityRules)[] = [
  'weeklyFloorMinutes',
  'weeklyCeilingMinutes',
  'minDaysPerWeek',
  'minBillableDaysPerWeek',
  'minBillableDayMinutes',
];

/** Names of the fields whose stored value changes, rule fields by their own names. */
function changedFields(before: repo.ProgramFields, after: repo.ProgramFields): string[] {
  const fields: string[] = COMPARED.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  for (const key of RULE_FIELDS) if (before.rules[key] !== after.rules[key]) fields.push(key);
  return fields;
}

export async function updateProgram(deps: AppDeps, ctx: ActorCtx, programId: string, input: UpdateProgramInput): Promise<ProgramDto> {
  return deps.db.transaction().execute(async (trx) => {
    // The row lock makes the version check and the write one step: two editors holding the same
    // version cannot both succeed.
    const before = await mustFind(trx, ctx, programId, { forUpdate: true });
    if (input.version !== before.version) throw staleVersion(before.version, input.version);
    const after: repo.ProgramFields = {
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      levelOfCare: input.levelOfCare ?? before.levelOfCare,
      population: input.population ?? before.population,
      focus: input.focus ?? before.focus,
      format: input.format ?? before.format,
      rules: rulesFrom(before.rules, input),
      groupCapacity: input.groupCapacity ?? before.groupCapacity,
      conditions: input.conditions === undefined ? before.conditions : dedupe(input.conditions),
      modalities: input.modalities === undefined ? before.modalities : dedupe(input.modalities),
      isPart2: input.isPart2 ?? before.isPart2,
      published: input.published ?? before.published,
      publicSummaryEn: input.publicSummaryEn ?? before.publicSummaryEn,
      publicSummaryEs: input.publicSummaryEs ?? before.publicSummaryEs,
    };
    const fields = changedFields(before, after);
    if (fields.length === 0) return toDto(before);
    if (before.isPart2 && !after.isPart2) await refuseUnmarkingPart2(trx, ctx, programId);
    await repo.updateProgram(trx, ctx.actor.organizationId, programId, { ...after, active: before.active }, before.version + 1, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'program.updated',
      entityType: 'program',
      entityId: programId,
      details: { fields, version: before.version + 1 },
    });
    return toDto(await mustFind(trx, ctx, programId));
  });
}

// Records made in a 42 CFR Part 2 program stay Part 2 records (DOMAIN.md section 7): once patients
// have been admitted, clearing the flag would silently drop the protection from their records.
async function refuseUnmarkingPart2(db: Db, ctx: ActorCtx, programId: string): Promise<void> {
  const { episodes } = await repo.programUsage(db, ctx.actor.organizationId, programId);
  if (episodes > 0) {
    throw new DomainError(
      'RULE_VIOLATION',
      `The program has ${episodes} episode(s) of care recorded as Part 2 records; it cannot stop being a Part 2 program`,
      {
        details: [{ path: 'isPart2', message: 'patients have already been admitted under Part 2' }],
      },
    );
  }
}

export async function setProgramActive(deps: AppDeps, ctx: ActorCtx, programId: string, active: boolean): Promise<ProgramDto> {
  return deps.db.transaction().execute(async (trx) => {
    const program = await mustFind(trx, ctx, programId, { forUpdate: true });
    if (program.active === active) return toDto(program);
    if (!active) {
      const { openEpisodes, activeTemplates } = await repo.programUsage(trx, ctx.actor.organizationId, programId);
      if (openEpisodes > 0 || activeTemplates > 0) {
        throw new DomainError(
          'RULE_VIOLATION',
          `The program still has ${openEpisodes} open episode(s) and ${activeTemplates} active group series; discharge or transfer the patients and end the series first`,
        );
      }
    }
    await repo.updateProgram(trx, ctx.actor.organizationId, programId, { ...program, active }, program.version + 1, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: active ? 'program.reactivated' : 'program.deactivated',
      entityType: 'program',
      entityId: programId,
      details: { version: program.version + 1 },
    });
    return toDto(await mustFind(trx, ctx, programId));
  });
}

/** What other areas need to know about a program: where it runs, its zone, rules and offer. */
export type ProgramFacts = {
  programId: string;
  siteId: string;
  timeZone: string;
  levelOfCare: repo.Program['levelOfCare'];
  population: repo.Program['population'];
  rules: IntensityRules;
  groupCapacity: number;
  modalities: Modality[];
  isPart2: boolean;
  active: boolean;
};

/**
 * Facts of the given programs of one organization, keyed by id; ids of other organizations or of no
 * program are simply absent. Reads only; pass a transaction to read inside it.
 */
export async function programFacts(db: Db, organizationId: string, programIds: readonly string[]): Promise<Map<string, ProgramFacts>> {
  const programs = await repo.findPrograms(db, organizationId, [...new Set(programIds)]);
  return new Map(
    programs.map((p) => [
      p.id,
      {
        programId: p.id,
        siteId: p.siteId,
        timeZone: p.timeZone,
        levelOfCare: p.levelOfCare,
        population: p.population,
        rules: p.rules,
        groupCapacity: p.groupCapacity,
        modalities: p.modalities.filter(isModality),
        isPart2: p.isPart2,
        active: p.active,
      },
    ]),
  );
}
