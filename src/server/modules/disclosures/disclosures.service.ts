// Every disclosure of a patient's records to someone outside the program goes through
// decideDisclosure (src/domain/disclosure), inside one transaction: a refusal writes nothing but
// its audit event; an allowance writes the disclosure log row, the audit event and returns what
// leaves (a PDF, or the JSON document of a data export) with the 2.32 notice and the consent
// summary (docs/domain/part2.md). API shares (record-shares.service.ts) use the same steps per fetch.
import { stringify } from 'csv-stringify/sync';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { NO_CONSENT_BASES, decideDisclosure, type RequestedBasis } from '../../../domain/disclosure/decide-disclosure.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database, DisclosureChannelColumn } from '../../db/schema.js';
import { findConsent } from '../consents/consents.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { renderRecordsPdf, formatMoment } from '../records-print/records-pdf.js';
import { findCenter } from '../records-print/records.repository.js';
import { gatherRecords, patientDisplayName, readerOf, type RecordRefs, type RecordSelection } from '../records-print/records.service.js';
import type { NoteReader } from '../../../domain/notes/note-access.js';
import type { PatientRecord } from '../patients/patients.repository.js';
import { disclosureDocument, type DisclosureDocument } from './disclosure-document.js';
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

/** What a disclosure asks for, from a staff member's request or a stored API share. */
export type DisclosureAsk = {
  recipient: string;
  purpose: string;
  basis: RequestedBasis;
  consentId: string | null;
  what: Input['what'];
};

/** Everything the decision needs, read inside the transaction; the reader decides which counseling notes can be seen. */
export async function decide(db: Db, organizationId: string, patient: PatientRecord, ask: DisclosureAsk, reader: NoteReader, now: Date) {
  const center = await findCenter(db, organizationId);
  const today = localDateOf(now.getTime(), center.timeZone);
  const records = await gatherRecords(db, organizationId, patient.id, selectionOf(ask.what), {
    reader,
    signedOnly: true,
    timeZone: center.timeZone,
  });
  const consent = ask.consentId === null ? null : ((await findConsent(db, organizationId, ask.consentId, { lock: true })) ?? null);
  if (ask.consentId !== null && consent === null) throw new DomainError('NOT_FOUND', 'No such consent');
  const decision = decideDisclosure({
    patientId: patient.id,
    records: records.outgoing,
    recipient: ask.recipient,
    purpose: ask.purpose,
    basis: ask.basis,
    consent,
    now,
    today,
  });
  return { patient, center, records, decision };
}

export type Decided = Awaited<ReturnType<typeof decide>>;
export type Allowed = Extract<Decided['decision'], { allowed: true }>;

/** Who made a disclosure happen: the staff member, and for an API share the grant and the fetching client. */
export type Discloser = {
  organizationId: string;
  disclosedBy: string;
  channel: DisclosureChannelColumn;
  shareId: string | null;
  audit: { userId: string | null; clientIp: string; requestId: string };
};

/** Writes the log row and the audit event of an allowed disclosure; the caller renders what leaves. */
export async function recordDisclosure(deps: AppDeps, db: Transaction<Database>, by: Discloser, decided: Decided, decision: Allowed) {
  const { patient, records } = decided;
  const disclosureId = await repo.insertDisclosure(db, {
    organizationId: by.organizationId,
    disclosedBy: by.disclosedBy,
    channel: by.channel,
    shareId: by.shareId,
    records: records.refs,
    entry: decision.log,
  });
  await deps.audit(db, {
    organizationId: by.organizationId,
    outcome: 'success',
    ...by.audit,
    action: 'disclosure.made',
    entityType: 'disclosure',
    entityId: disclosureId,
    patientId: patient.id,
    details: {
      disclosureId,
      channel: by.channel,
      shareId: by.shareId,
      basis: decision.log.basis,
      consentId: decision.log.consentId,
      includedPart2: decision.log.includedPart2,
      noteIds: records.refs.noteIds,
      planIds: records.refs.planIds,
    },
  });
  return disclosureId;
}

/** A refusal is audited (ids and the rule only); nothing else is written. */
export async function auditRefusal(
  deps: AppDeps,
  db: Transaction<Database>,
  by: Omit<Discloser, 'disclosedBy'>,
  patientId: string,
  ask: DisclosureAsk,
  rule: string,
) {
  await deps.audit(db, {
    organizationId: by.organizationId,
    outcome: 'denied',
    ...by.audit,
    action: 'disclosure.refused',
    entityType: by.shareId === null ? 'patient' : 'record_share',
    entityId: by.shareId ?? patientId,
    patientId,
    details: { rule, channel: by.channel, basis: ask.basis, consentId: ask.consentId, what: ask.what.kind },
  });
}

/** The JSON document of an allowed disclosure (data export and API share). */
export function documentOf(decided: Decided, decision: Allowed, disclosureId: string): DisclosureDocument {
  const { patient, center, records } = decided;
  return disclosureDocument({
    disclosureId,
    disclosedAt: decision.log.disclosedAt,
    center,
    patient: { name: patientDisplayName(patient), dateOfBirth: patient.dateOfBirth },
    recipient: decision.log.recipient,
    purpose: decision.log.purpose,
    basis: { code: decision.log.basis, label: basisLabel(decision.log.basis, decision.log.consentId), consentId: decision.log.consentId },
    notice: decision.notice,
    consent: decision.consentSummary,
    episodes: records.episodes,
    plans: records.plans,
    notes: records.notes,
  });
}

/** The PDF of an allowed disclosure: notice first, records, consent summary. */
function pdfOf(decided: Decided, decision: Allowed, producedBy: string): Promise<Buffer> {
  const { patient, center, records } = decided;
  return renderRecordsPdf({
    title: 'Records disclosed',
    center,
    patient: { name: patientDisplayName(patient), dateOfBirth: patient.dateOfBirth },
    producedAt: decision.log.disclosedAt,
    producedBy,
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
}

export function askOf(input: Pick<Input, 'recipient' | 'purpose' | 'basis' | 'consentId' | 'what'>): DisclosureAsk {
  if (input.basis !== 'consent' && input.consentId !== undefined)
    throw fieldError('consentId', `is given only with the basis "consent" (the basis is ${input.basis})`);
  return { recipient: input.recipient, purpose: input.purpose, basis: input.basis, consentId: input.consentId ?? null, what: input.what };
}

export type Disclosed =
  { format: 'pdf'; pdf: Buffer; disclosureId: string } | { format: 'json'; document: DisclosureDocument; disclosureId: string };

type Outcome = { allowed: true; disclosed: Disclosed } | { allowed: false; rule: string; message: string };

/** A disclosure made by a staff member now: a PDF (downloaded or printed) or a data export (JSON). */
export async function makeDisclosure(deps: AppDeps, ctx: ActorCtx, patientId: string, input: Input): Promise<Disclosed> {
  const ask = askOf(input);
  const by: Discloser = {
    organizationId: ctx.actor.organizationId,
    disclosedBy: ctx.actor.userId,
    channel: input.channel,
    shareId: null,
    audit: { userId: ctx.actor.userId, clientIp: ctx.ip, requestId: ctx.requestId },
  };
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
    const patient = await mustFindPatient(trx, ctx, patientId);
    const decided = await decide(trx, by.organizationId, patient, ask, await readerOf(trx, ctx), ctx.now);
    const { decision } = decided;
    if (!decision.allowed) {
      await auditRefusal(deps, trx, by, patientId, ask, decision.rule);
      return { allowed: false, rule: decision.rule, message: decision.message };
    }
    const disclosureId = await recordDisclosure(deps, trx, by, decided, decision);
    // Rendered inside the transaction: if the file cannot be made, nothing is logged as sent.
    if (input.channel === 'data_export')
      return { allowed: true, disclosed: { format: 'json', document: documentOf(decided, decision, disclosureId), disclosureId } };
    return { allowed: true, disclosed: { format: 'pdf', pdf: await pdfOf(decided, decision, ctx.actor.displayName), disclosureId } };
  });
  if (!outcome.allowed) throw new DomainError('RULE_VIOLATION', outcome.message, { details: { rule: outcome.rule } });
  return outcome.disclosed;
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
    shareId: record.shareId,
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
