// The patient's side of a measure link or kiosk session: no login, the token is the capability
// (decision 0022). Expected outcomes (unknown, used, expired, missing answers) are values.
import { randomUUID } from 'node:crypto';
import type { Answers, Instrument } from '../../../domain/instruments/instrument.js';
import type { FieldIssue } from '../../../domain/errors.js';
import type { AppDeps, RequestCtx } from '../../context.js';
import { hashToken, isTokenShaped } from '../../lib/secrets.js';
import { answerIssues, alertOf, mustFindInstrument, score, storeResponse } from './measure-scoring.js';
import * as repo from './measures.repository.js';

export type Center = { name: string; phone: string };

export type OpenLink =
  | { kind: 'not_found' }
  | { kind: 'gone'; reason: 'used' | 'expired' }
  | { kind: 'ok'; instrument: Instrument; language: 'en' | 'es'; linkKind: 'link' | 'kiosk'; center: Center };

const FORM_KEY = /^[0-9a-f-]{36}$/;

export async function openLink(deps: AppDeps, ctx: RequestCtx, token: string): Promise<OpenLink> {
  if (!isTokenShaped(token)) return { kind: 'not_found' };
  const link = await repo.findLinkByHash(deps.db, hashToken(token));
  if (!link) return { kind: 'not_found' };
  if (link.usedAt !== null) return { kind: 'gone', reason: 'used' };
  if (link.expiresAt.getTime() <= ctx.now.getTime()) return { kind: 'gone', reason: 'expired' };
  const instrument = mustFindInstrument(deps, link.instrument);
  const center = await repo.centerOf(deps.db, link.organizationId);
  await deps.db.transaction().execute((trx) =>
    deps.audit(trx, {
      organizationId: link.organizationId,
      userId: null,
      action: 'measure_link.opened',
      entityType: 'measure_link',
      entityId: link.id,
      patientId: link.patientId,
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
      details: { kind: link.kind },
    }),
  );
  return { kind: 'ok', instrument, language: link.language, linkKind: link.kind, center };
}

/** Form fields `item_<id>` to answers; values that are not one of the item's options are issues. */
export function parseForm(instrument: Instrument, form: Readonly<Record<string, string>>): { answers: Answers; issues: FieldIssue[] } {
  const answers: Record<string, number | string | null> = {};
  for (const item of instrument.items) {
    const raw = form[`item_${item.id}`];
    if (raw === undefined || raw.trim() === '') continue;
    answers[item.id] = item.kind === 'text' ? raw.trim().slice(0, 2000) : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return { answers, issues: answerIssues(instrument, answers) };
}

export type Submitted =
  | { kind: 'not_found' }
  | { kind: 'gone'; reason: 'used' | 'expired' }
  | { kind: 'invalid'; instrument: Instrument; language: 'en' | 'es'; center: Center; missing: string[]; issues: FieldIssue[] }
  | { kind: 'stored'; replayed: boolean; suicideRisk: boolean; linkKind: 'link' | 'kiosk'; language: 'en' | 'es'; center: Center };

/**
 * Stores the answers once. The link row is locked, so two posts of the same form wait for each
 * other; the second finds the link used by the same form key and is shown the same result.
 */
export async function submitLink(
  deps: AppDeps,
  ctx: RequestCtx,
  token: string,
  form: Readonly<Record<string, string>>,
): Promise<Submitted> {
  if (!isTokenShaped(token)) return { kind: 'not_found' };
  const formKey = form.formKey !== undefined && FORM_KEY.test(form.formKey) ? form.formKey : null;
  return deps.db.transaction().execute(async (trx): Promise<Submitted> => {
    const link = await repo.findLinkByHash(trx, hashToken(token), { lock: true });
    if (!link) return { kind: 'not_found' };
    const center = await repo.centerOf(trx, link.organizationId);
    if (link.usedAt !== null) {
      if (formKey === null || link.submitKey !== formKey || link.responseId === null) return { kind: 'gone', reason: 'used' };
      const previous = await repo.findResponseResult(trx, link.organizationId, link.responseId);
      const suicideRisk = previous?.flags.some((flag) => flag.includes('suicide')) ?? false;
      return { kind: 'stored', replayed: true, suicideRisk, linkKind: link.kind, language: link.language, center };
    }
    if (link.expiresAt.getTime() <= ctx.now.getTime()) return { kind: 'gone', reason: 'expired' };
    const instrument = mustFindInstrument(deps, link.instrument);
    const { answers, issues } = parseForm(instrument, form);
    const result = score(instrument, answers);
    // A patient's own form must be complete: it is re-shown naming the missing items (docs/domain/measures.md).
    if (issues.length > 0 || !result.complete) {
      const named = new Set([...result.missingItems, ...issues.map((issue) => issue.path.replace(/^answers\./, ''))]);
      return { kind: 'invalid', instrument, language: link.language, center, missing: [...named], issues };
    }
    const stored = await storeResponse(deps, trx, {
      organizationId: link.organizationId,
      patientId: link.patientId,
      episodeId: link.episodeId,
      instrument,
      answers,
      score: result,
      source: link.kind,
      enteredBy: null,
      linkId: link.id,
      administeredAt: ctx.now,
      now: ctx.now,
      requestId: ctx.requestId,
      clientIp: ctx.ip,
    });
    await repo.markLinkUsed(trx, link.id, { responseId: stored.responseId, at: ctx.now, submitKey: formKey ?? randomUUID() });
    return {
      kind: 'stored',
      replayed: false,
      suicideRisk: alertOf(instrument, result) !== null,
      linkKind: link.kind,
      language: link.language,
      center,
    };
  });
}
