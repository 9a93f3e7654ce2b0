// Scoring and storing one response, with its safety alert in the same transaction. Shared by the
// patient link, the kiosk and staff paper entry.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { DomainError } from '../../../domain/errors.js';
import { checkAnswers, scoreInstrument, type Answers, type Instrument, type Score } from '../../../domain/instruments/instrument.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import type { AlertReasonCode, AlertSeverity } from '../../../domain/safety/alerts.js';
import type { AppDeps } from '../../context.js';
import type { Database, MeasureSourceColumn } from '../../db/schema.js';
import { raiseAlert } from '../safety/alerts.service.js';
import * as repo from './measures.repository.js';

export function mustFindInstrument(deps: Pick<AppDeps, 'config'>, code: string, path = 'instrument'): Instrument {
  const instrument = findEnabledInstrument(code, deps.config.instrumentsEnabled);
  if (!instrument)
    throw new DomainError('VALIDATION_FAILED', `${path}: no enabled instrument ${code}`, {
      details: [{ path, message: 'is not an enabled instrument' }],
    });
  return instrument;
}

/** The instrument's data version: a change to its items, options or bands gives a new one. */
export function instrumentVersion(instrument: Instrument): string {
  return createHash('sha256').update(JSON.stringify(instrument)).digest('hex').slice(0, 12);
}

/** A suicide-risk flag on the result (docs/domain/safety.md): PHQ-9 item 9 above 0, ASQ positive or acute. */
export function alertOf(instrument: Instrument, score: Score): { severity: AlertSeverity; reasonCode: AlertReasonCode } | null {
  const suicide = score.flags.filter((flag) => flag.includes('suicide'));
  if (suicide.length === 0) return null;
  const acute = suicide.some((flag) => flag.includes('acute'));
  // Reason codes name the instrument's question; the severity comes from the flags alone.
  if (instrument.code === 'asq') return { severity: acute ? 'acute' : 'positive', reasonCode: acute ? 'asq_acute' : 'asq_positive' };
  return { severity: acute ? 'acute' : 'positive', reasonCode: 'phq9_item9' };
}

export function answerIssues(instrument: Instrument, answers: Answers): { path: string; message: string }[] {
  return checkAnswers(instrument, answers);
}

export type StoreInput = {
  organizationId: string;
  patientId: string;
  episodeId: string | null;
  instrument: Instrument;
  answers: Answers;
  score: Score;
  source: MeasureSourceColumn;
  enteredBy: string | null;
  linkId: string | null;
  administeredAt: Date;
  now: Date;
  requestId: string | null;
  clientIp: string | null;
};

export type Stored = { responseId: string; alertId: string | null; score: Score };

export function score(instrument: Instrument, answers: Answers): Score {
  return scoreInstrument(instrument, answers);
}

/**
 * Inserts the response and, on a suicide-risk flag, its alert in the caller's transaction: the
 * alert exists exactly when the answer does (DOMAIN.md section 6). Audited.
 */
export async function storeResponse(deps: Pick<AppDeps, 'audit'>, trx: Transaction<Database>, input: StoreInput): Promise<Stored> {
  const responseId = await repo.insertResponse(trx, {
    organizationId: input.organizationId,
    patientId: input.patientId,
    episodeId: input.episodeId,
    instrument: input.instrument.code,
    instrumentVersion: instrumentVersion(input.instrument),
    answers: input.answers,
    complete: input.score.complete,
    total: input.score.total,
    band: input.score.band,
    flags: input.score.flags,
    missingItems: input.score.missingItems,
    source: input.source,
    enteredBy: input.enteredBy,
    linkId: input.linkId,
    administeredAt: input.administeredAt,
    createdAt: input.now,
  });
  await deps.audit(trx, {
    organizationId: input.organizationId,
    userId: input.enteredBy,
    action: 'measure_response.created',
    entityType: 'measure_response',
    entityId: responseId,
    patientId: input.patientId,
    outcome: 'success',
    clientIp: input.clientIp,
    requestId: input.requestId,
    details: { source: input.source, linkId: input.linkId, complete: input.score.complete },
  });
  const alert = alertOf(input.instrument, input.score);
  if (!alert) return { responseId, alertId: null, score: input.score };
  const raised = await raiseAlert(deps, trx, {
    organizationId: input.organizationId,
    subject: { patientId: input.patientId },
    source: 'measure',
    sourceRef: responseId,
    severity: alert.severity,
    reasonCode: alert.reasonCode,
    // The patient's answer, not a staff member's concern, even when staff typed it in.
    raisedBy: null,
    now: input.now,
    requestId: input.requestId,
    clientIp: input.clientIp,
  });
  return { responseId, alertId: raised.id, score: input.score };
}
