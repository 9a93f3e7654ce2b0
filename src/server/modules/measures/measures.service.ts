// Measurement-based care for staff (issue #5): each program's schedule, a patient's due measures and
// responses, paper entry, and single-use links and kiosk sessions (docs/domain/measures.md).
import { DomainError, fieldError } from '../../../domain/errors.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import { measuresDue, type DueMeasure, type ScheduleRule } from '../../../domain/measures/due.js';
import { pageLanguage } from '../../../domain/patients/patient-language.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { hashToken, newToken } from '../../lib/secrets.js';
import { findPrograms } from '../programs/programs.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { answerIssues, mustFindInstrument, score, storeResponse } from './measure-scoring.js';
import * as repo from './measures.repository.js';

/** A patient's own device: three days to find a quiet moment (decision 0022). */
export const LINK_HOURS = 72;
/** A clinic tablet handed over in the waiting room. */
export const KIOSK_MINUTES = 30;

async function mustFindProgram(deps: AppDeps, ctx: ActorCtx, programId: string): Promise<void> {
  const [program] = await findPrograms(deps.db, ctx.actor.organizationId, [programId]);
  if (!program) throw new DomainError('NOT_FOUND', 'No such program');
}

export async function getSchedule(deps: AppDeps, ctx: ActorCtx, programId: string): Promise<ScheduleRule[]> {
  await mustFindProgram(deps, ctx, programId);
  return repo.listSchedule(deps.db, ctx.actor.organizationId, programId);
}

export async function putSchedule(deps: AppDeps, ctx: ActorCtx, programId: string, rules: ScheduleRule[]): Promise<ScheduleRule[]> {
  const normalized: ScheduleRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const instrument = mustFindInstrument(deps, rule.instrument, `rules.${index}.instrument`);
    if (normalized.some((other) => other.instrument === instrument.code))
      throw fieldError(`rules.${index}.instrument`, `${instrument.name} is listed twice`);
    if (rule.everyDays !== null && rule.everySessions !== null)
      throw fieldError(`rules.${index}.everySessions`, 'choose every N days or every N sessions, not both');
    normalized.push({ ...rule, instrument: instrument.code });
  }
  return deps.db.transaction().execute(async (trx) => {
    const [program] = await findPrograms(trx, ctx.actor.organizationId, [programId]);
    if (!program) throw new DomainError('NOT_FOUND', 'No such program');
    await repo.replaceSchedule(trx, ctx.actor.organizationId, programId, normalized);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'measure_schedule.updated',
      entityType: 'program',
      entityId: programId,
      details: { instruments: normalized.map((rule) => rule.instrument) },
    });
    return repo.listSchedule(trx, ctx.actor.organizationId, programId);
  });
}

export type ResponseDto = {
  id: string;
  instrument: string;
  instrumentVersion: string;
  administeredAt: string;
  complete: boolean;
  total: number | null;
  band: string | null;
  flags: string[];
  missingItems: string[];
  source: 'link' | 'kiosk' | 'staff_entry';
  enteredBy: { id: string; name: string } | null;
  answers: Record<string, number | string | null>;
};

function toResponseDto(record: repo.ResponseRecord): ResponseDto {
  const answers: Record<string, number | string | null> = {};
  if (record.answers && typeof record.answers === 'object') {
    for (const [id, value] of Object.entries(record.answers))
      answers[id] = typeof value === 'number' || typeof value === 'string' ? value : null;
  }
  return {
    id: record.id,
    instrument: record.instrument,
    instrumentVersion: record.instrumentVersion,
    administeredAt: record.administeredAt.toISOString(),
    complete: record.complete,
    total: record.total,
    band: record.band,
    flags: record.flags,
    missingItems: record.missingItems,
    source: record.source,
    enteredBy: record.enteredBy,
    answers,
  };
}

export type PatientMeasuresDto = {
  episodeId: string | null;
  due: (DueMeasure & { instrumentName: string })[];
  instruments: { code: string; name: string; responses: ResponseDto[] }[];
};

function instrumentName(deps: AppDeps, code: string): string {
  return findEnabledInstrument(code, deps.config.instrumentsEnabled)?.name ?? code;
}

/** What is due and every response, grouped by instrument, newest first. Audited as a read of patient data. */
export async function patientMeasures(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<PatientMeasuresDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const organizationId = ctx.actor.organizationId;
    const episode = await repo.currentEpisode(trx, organizationId, patientId);
    const responses = await repo.listResponses(trx, organizationId, patientId);
    let due: DueMeasure[] = [];
    if (episode) {
      const rules = await repo.listSchedule(trx, organizationId, episode.programId);
      const past = responses.map((r) => ({
        instrument: r.instrument,
        administeredOn: localDateOf(r.administeredAt.getTime(), episode.timeZone),
        complete: r.complete,
      }));
      due = measuresDue(rules, episode, past, localDateOf(ctx.now.getTime(), episode.timeZone));
    }
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'measure_response.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { responses: responses.length },
    });
    const instruments = new Map<string, ResponseDto[]>();
    for (const record of responses) {
      const list = instruments.get(record.instrument) ?? [];
      list.push(toResponseDto(record));
      instruments.set(record.instrument, list);
    }
    return {
      episodeId: episode?.id ?? null,
      due: due.map((d) => ({ ...d, instrumentName: instrumentName(deps, d.instrument) })),
      instruments: [...instruments.entries()].map(([code, list]) => ({ code, name: instrumentName(deps, code), responses: list })),
    };
  });
}

export type PaperEntryInput = {
  instrument: string;
  answers: Record<string, number | string | null>;
  administeredAt: string;
  /** The paper form has unanswered items and should be stored as incomplete (no total, no band). */
  incomplete?: boolean | undefined;
};

export type EntryResultDto = { response: ResponseDto; alertId: string | null };

/** A paper form typed in by staff: stored as staff_entry with who entered it. */
export async function enterPaperForm(deps: AppDeps, ctx: ActorCtx, patientId: string, input: PaperEntryInput): Promise<EntryResultDto> {
  const instrument = mustFindInstrument(deps, input.instrument);
  const issues = answerIssues(instrument, input.answers);
  const first = issues[0];
  if (first) throw new DomainError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { details: issues });
  const administeredAt = new Date(input.administeredAt);
  if (administeredAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw fieldError('administeredAt', 'cannot be in the future');
  const result = score(instrument, input.answers);
  // A missing item is refused unless staff confirm the paper form itself has it blank (docs/domain/measures.md).
  if (!result.complete && input.incomplete !== true)
    throw new DomainError(
      'VALIDATION_FAILED',
      `answers: items ${result.missingItems.join(', ')} are not answered; confirm the form is incomplete to store it without a total`,
      {
        details: result.missingItems.map((id) => ({ path: `answers.${id}`, message: 'is not answered' })),
      },
    );
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const episode = await repo.currentEpisode(trx, ctx.actor.organizationId, patientId);
    const stored = await storeResponse(deps, trx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      episodeId: episode?.id ?? null,
      instrument,
      answers: input.answers,
      score: result,
      source: 'staff_entry',
      enteredBy: ctx.actor.userId,
      linkId: null,
      administeredAt,
      now: ctx.now,
      requestId: ctx.requestId,
      clientIp: ctx.ip,
    });
    const record = await repo.findResponse(trx, ctx.actor.organizationId, stored.responseId);
    if (!record) throw new Error('stored response not found');
    return { response: toResponseDto(record), alertId: stored.alertId };
  });
}

export type LinkInput = { instrument: string; language?: 'en' | 'es' | undefined };
export type LinkDto = { linkId: string; url: string; expiresAt: string; kind: 'link' | 'kiosk' };

/** A single-use questionnaire link; the token is returned once and only its hash is stored. */
export async function createLink(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  input: LinkInput,
  kind: 'link' | 'kiosk' = 'link',
): Promise<LinkDto> {
  const instrument = mustFindInstrument(deps, input.instrument);
  const token = newToken();
  const lifetimeMs = kind === 'link' ? LINK_HOURS * 3600_000 : KIOSK_MINUTES * 60_000;
  const expiresAt = new Date(ctx.now.getTime() + lifetimeMs);
  return deps.db.transaction().execute(async (trx) => {
    const patient = await mustFindPatient(trx, ctx, patientId);
    const episode = await repo.currentEpisode(trx, ctx.actor.organizationId, patientId);
    const linkId = await repo.insertLink(trx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      episodeId: episode?.id ?? null,
      instrument: instrument.code,
      kind,
      // Staff choose the questionnaire's language per link; unchosen, it is the patient's (decision 0033).
      language: pageLanguage(input.language, patient.preferredLanguage),
      expiresAt,
      tokenHash: hashToken(token),
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: kind === 'link' ? 'measure_link.created' : 'measure_kiosk.created',
      entityType: 'measure_link',
      entityId: linkId,
      patientId,
      details: { instrument: instrument.code },
    });
    return { linkId, url: `/m/${token}`, expiresAt: expiresAt.toISOString(), kind };
  });
}
