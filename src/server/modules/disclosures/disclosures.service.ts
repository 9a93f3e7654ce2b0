// Every disclosure of a patient's records to someone outside the program goes through
// decideDisclosure (src/domain/disclosure), inside one transaction: a refusal writes nothing but
// its audit event; an allowance writes the disclosure log row, the audit event and returns the PDF
// with the 2.32 notice and the consent summary (docs/domain/part2.md).
import { stringify } from 'csv-stringify/sync';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { NO_CONSENT_BASES, decideDisclosure, type RequestedBasis } from '../../../domain/disclosure/decide-disclosure.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { findConsent } from '../consents/consents.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { renderRecordsPdf, formatMoment } from '../records-print/records-pdf.js';
import { findCenter } from '../records-print/records.repository.js';
import { gatherRecords, patientDisplayName, readerOf, type RecordRefs, type RecordSelection } from '../records-print/records.service.js';
import * as repo from './disclosures.repository.js';
import type { DisclosureBody, DisclosureDto } from './disclosures.schemas.js';

type Input = z.infer<typeof DisclosureBody>;
type Dto = z.infer<typeof DisclosureDto>;

export function basisLabel(basis: string, consentId: string | null): string {
  if (basis === 'consent') return `Patient's written consent (42 CFR 2.31), consent ${consentId ?? ''}`.trim();
  if (basis === 'not_part2') return 'No 42 CFR Part 2 records included';
  if (basis in NO_CONSENT_BASES) {
    const spec = NO_CONSENT_BASES[basis as keyof typeof NO_CONSENT_BASES];
    return `${spec.label} (${spec.section})`;
  }
  return basis;
}

function selectionOf(what: Input['what']): RecordSelection {
  switch (what.kind) {
    case 'note':
      return { kind: 'note', noteId: what.noteId };
    case 'plan':
      return { kind: 'plan', planId: what.planId };
    case 'chart':
      return { kind: 'chart', from: what.from, to: what.to, includeCounselingNotes: what.includeCounselingNotes };
  }
}

export function describeRecords(refs: RecordRefs): string {
  switch (refs.kind) {
    case 'note':
      return 'One note';
    case 'plan':
      return 'One treatment plan version';
    case 'chart':
      return `Chart ${refs.from ?? ''} to ${refs.to ?? ''}: ${refs.planIds.length} plan version(s), ${refs.noteIds.length} note(s)`;
  }
}

type Outcome = { allowed: true; pdf: Buffer; disclosureId: string } | { allowed: false; rule: string; message: string };

/** Everything the decision needs, read inside the request's transaction. */
async function load(db: Db, ctx: ActorCtx, patientId: string, input: Input) {
  const organizationId = ctx.actor.organizationId;
  const patient = await mustFindPatient(db, ctx, patientId);
  const center = await findCenter(db, organizationId);
  const today = localDateOf(ctx.now.getTime(), center.timeZone);
  const records = await gatherRecords(db, organizationId, patientId, selectionOf(input.what), {
    reader: await readerOf(db, ctx),
    signedOnly: true,
    timeZone: center.timeZone,
  });
  const consent = input.consentId === undefined ? null : ((await findConsent(db, organizationId, input.consentId, { lock: true })) ?? null);
  if (input.consentId !== undefined && consent === null) throw new DomainError('NOT_FOUND', 'No such consent');
  const decision = decideDisclosure({
    patientId,
    records: records.outgoing,
    recipient: input.recipient,
    purpose: input.purpose,
    basis: input.basis satisfies RequestedBasis,
    consent,
    now: ctx.now,
    today,
  });
  return { patient, center, records, decision };
}

type Loaded = Awaited<ReturnType<typeof load>>;
type Allowed = Extract<Loaded['decision'], { allowed: true }>;

/** Writes the log row and the audit event, and renders what leaves: notice first, records, consent summary. */
async function record(deps: AppDeps, db: Transaction<Database>, ctx: ActorCtx, input: Input, loaded: Loaded, decision: Allowed) {
  const { patient, center, records } = loaded;
  const disclosureId = await repo.insertDisclosure(db, {
    organizationId: ctx.actor.organizationId,
    disclosedBy: ctx.actor.userId,
    channel: input.channel,
    records: records.refs,
    entry: decision.log,
  });
  await deps.audit(db, {
    ...auditBase(ctx),
    action: 'disclosure.made',
    entityType: 'disclosure',
    entityId: disclosureId,
    patientId: patient.id,
    details: {
      disclosureId,
      basis: decision.log.basis,
      consentId: decision.log.consentId,
      includedPart2: decision.log.includedPart2,
      noteIds: records.refs.noteIds,
      planIds: records.refs.planIds,
    },
  });
  const pdf = await renderRecordsPdf({
    title: 'Records disclosed',
    center,
    patient: { name: patientDisplayName(patient), dateOfBirth: patient.dateOfBirth },
    producedAt: ctx.now,
    producedBy: ctx.actor.displayName,
    disclosure: {
      recipient: decision.log.recipient,
      purpose: decision.log.purpose,
      basis: basisLabel(decision.log.basis, decision.log.consentId),
    },
    notice: decision.notice,
    episodes: records.episodes,
    plans: records.plans,
    notes: records.notes,
    omissions: [],
    consent: decision.consentSummary,
  });
  return { pdf, disclosureId };
}

export async function makeDisclosure(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  input: Input,
): Promise<{ pdf: Buffer; disclosureId: string }> {
  if (input.basis !== 'consent' && input.consentId !== undefined)
    throw fieldError('consentId', `is given only with the basis "consent" (the basis is ${input.basis})`);
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
    const loaded = await load(trx, ctx, patientId, input);
    const { decision } = loaded;
    if (!decision.allowed) {
      // The refusal is audited (ids and the rule only); nothing else is written.
      await deps.audit(trx, {
        ...auditBase(ctx),
        outcome: 'denied',
        action: 'disclosure.refused',
        entityType: 'patient',
        entityId: patientId,
        patientId,
        details: { rule: decision.rule, basis: input.basis, consentId: input.consentId ?? null, what: input.what.kind },
      });
      return { allowed: false, rule: decision.rule, message: decision.message };
    }
    // Rendered inside the transaction: if the PDF cannot be made, nothing is logged as sent.
    return { allowed: true, ...(await record(deps, trx, ctx, input, loaded, decision)) };
  });
  if (!outcome.allowed) throw new DomainError('RULE_VIOLATION', outcome.message, { details: { rule: outcome.rule } });
  return { pdf: outcome.pdf, disclosureId: outcome.disclosureId };
}

function toDto(record: repo.DisclosureRecord): Dto {
  return {
    id: record.id,
    disclosedAt: record.disclosedAt.toISOString(),
    disclosedBy: record.disclosedBy,
    recipient: record.recipient,
    purpose: record.purpose,
    basis: record.basis,
    consentId: record.consentId,
    channel: record.channel,
    records: record.records,
    what: describeRecords(record.records),
    includedPart2: record.includedPart2,
    noticeIncluded: record.noticeIncluded,
  };
}

/** The per-patient disclosure report (42 CFR Part 2 disclosure log). Reading it is audited. */
export async function listDisclosures(deps: AppDeps, ctx: ActorCtx, patientId: string, action = 'disclosure.log_viewed'): Promise<Dto[]> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const rows = await repo.listDisclosures(trx, ctx.actor.organizationId, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action,
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { count: rows.length },
    });
    return rows.map(toDto);
  });
}

export async function disclosuresCsv(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<{ csv: string; filename: string }> {
  const rows = await listDisclosures(deps, ctx, patientId, 'disclosure.log_exported');
  const { timeZone } = await findCenter(deps.db, ctx.actor.organizationId);
  const header = [
    'Date',
    'Recipient',
    'Purpose',
    'Basis',
    'Consent',
    'Disclosed by',
    'What',
    'Included Part 2 records',
    '2.32 notice included',
    'Channel',
  ];
  const lines = rows.map((row) => [
    formatMoment(new Date(row.disclosedAt), timeZone),
    row.recipient,
    row.purpose,
    basisLabel(row.basis, null),
    row.consentId ?? '',
    row.disclosedBy.name,
    row.what,
    row.includedPart2 ? 'yes' : 'no',
    row.noticeIncluded ? 'yes' : 'no',
    row.channel,
  ]);
  return { csv: stringify([header, ...lines]), filename: `disclosures-${patientId}.csv` };
}
