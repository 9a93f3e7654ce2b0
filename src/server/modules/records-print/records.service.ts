// Internal prints of chart records (staff use inside the program: audited as printed, never a
// disclosure), and the one place that gathers records for a print or a disclosure, so both show
// the same thing. SUD counseling notes appear only for readers canReadNote allows.
import { DomainError, fieldError } from '../../../domain/errors.js';
import type { OutgoingRecord } from '../../../domain/disclosure/decide-disclosure.js';
import { canReadNote, type NoteReader } from '../../../domain/notes/note-access.js';
import { addDays, assertLocalDate, daysBetween, localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { noteProfileOf } from '../notes/note-context.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './records.repository.js';
import { renderRecordsPdf } from './records-pdf.js';

export type RecordSelection =
  | { kind: 'note'; noteId: string }
  | { kind: 'plan'; planId: string }
  | { kind: 'chart'; from: string; to: string; includeCounselingNotes: boolean };

export type RecordRefs = {
  kind: RecordSelection['kind'];
  from: string | null;
  to: string | null;
  planIds: string[];
  noteIds: string[];
};

export type GatheredRecords = {
  patientId: string;
  plans: repo.PlanRecord[];
  notes: repo.NoteRecord[];
  episodes: repo.EpisodeSummary[] | null;
  omissions: string[];
  /** What goes out, for the disclosure decision. */
  outgoing: OutgoingRecord[];
  /** What left, as written to the disclosure log and the audit (ids and dates only). */
  refs: RecordRefs;
};

/** A chart print or export covers at most about two years, so a PDF stays a readable size. */
const MAX_RANGE_DAYS = 800;
const DEFAULT_RANGE_DAYS = 31;

export function checkRange(from: string, to: string): void {
  assertLocalDate(from, 'from');
  assertLocalDate(to, 'to');
  if (to < from) throw fieldError('to', `must be on or after the start date ${from}`);
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw fieldError('to', `the range may cover at most ${MAX_RANGE_DAYS} days`);
}

export async function readerOf(db: Db, ctx: ActorCtx): Promise<NoteReader> {
  const profile = await noteProfileOf(db, ctx.actor.organizationId, ctx.actor.userId);
  return { userId: ctx.actor.userId, counselingNotesAccess: profile.counselingNotesAccess };
}

function refsOf(
  kind: RecordSelection['kind'],
  range: { from: string; to: string } | null,
  plans: readonly repo.PlanRecord[],
  notes: readonly repo.NoteRecord[],
): RecordRefs {
  return {
    kind,
    from: range?.from ?? null,
    to: range?.to ?? null,
    planIds: plans.map((plan) => plan.id),
    noteIds: notes.map((note) => note.id),
  };
}

const noteOut = (note: repo.NoteRecord): OutgoingRecord => ({
  kind: 'note',
  id: note.id,
  part2: note.part2,
  counselingNote: note.noteType === 'sud_counseling',
});

type GatherOptions = { reader: NoteReader; signedOnly: boolean; timeZone: string };

/**
 * The records of a selection for one patient. `patientId` null (internal prints of one note or
 * plan): the record's own patient. `signedOnly` (disclosures): only signed plans and notes leave
 * the program; a draft named on its own is refused.
 */
export function gatherRecords(
  db: Db,
  organizationId: string,
  patientId: string | null,
  selection: RecordSelection,
  options: GatherOptions,
): Promise<GatheredRecords> {
  switch (selection.kind) {
    case 'note':
      return gatherNote(db, organizationId, patientId, selection.noteId, options);
    case 'plan':
      return gatherPlan(db, organizationId, patientId, selection.planId, options);
    case 'chart':
      if (patientId === null) throw new Error('a chart is gathered for a named patient');
      return gatherChart(db, organizationId, patientId, selection, options);
  }
}

const onlySigned = (what: string) =>
  new DomainError('RULE_VIOLATION', `Only signed ${what} leave the program: sign it first`, { details: { rule: 'ONLY_SIGNED_RECORDS' } });

async function gatherNote(
  db: Db,
  organizationId: string,
  patientId: string | null,
  noteId: string,
  options: GatherOptions,
): Promise<GatheredRecords> {
  const note = await repo.findNote(db, organizationId, noteId);
  // A counseling note the reader may not read is answered as absent: its existence is Part 2 information too.
  if (
    !note ||
    (patientId !== null && note.patientId !== patientId) ||
    !canReadNote({ noteType: note.noteType, authorId: note.author.id, cosignerId: note.cosigner?.id ?? null }, options.reader)
  )
    throw new DomainError('NOT_FOUND', 'No such note');
  if (options.signedOnly && note.status !== 'signed') throw onlySigned('notes (co-signed where a co-signature is needed)');
  return {
    patientId: note.patientId,
    plans: [],
    notes: [note],
    episodes: null,
    omissions: [],
    outgoing: [noteOut(note)],
    refs: refsOf('note', null, [], [note]),
  };
}

async function gatherPlan(
  db: Db,
  organizationId: string,
  patientId: string | null,
  planId: string,
  options: GatherOptions,
): Promise<GatheredRecords> {
  const plan = await repo.findPlan(db, organizationId, planId);
  if (!plan || (patientId !== null && plan.patientId !== patientId)) throw new DomainError('NOT_FOUND', 'No such treatment plan');
  if (options.signedOnly && plan.clinicianSignedAt === null) throw onlySigned('plan versions');
  return {
    patientId: plan.patientId,
    plans: [plan],
    notes: [],
    episodes: null,
    omissions: [],
    outgoing: [{ kind: 'treatment_plan', id: plan.id, part2: plan.part2, counselingNote: false }],
    refs: refsOf('plan', null, [plan], []),
  };
}

async function gatherChart(
  db: Db,
  organizationId: string,
  patientId: string,
  selection: Extract<RecordSelection, { kind: 'chart' }>,
  options: GatherOptions,
): Promise<GatheredRecords> {
  checkRange(selection.from, selection.to);
  const range = { from: selection.from, to: selection.to, timeZone: options.timeZone };
  const plans = (await repo.listPlans(db, organizationId, patientId, range)).filter(
    (plan) => !options.signedOnly || plan.clinicianSignedAt !== null,
  );
  const all = (await repo.listNotes(db, organizationId, patientId, range)).filter(
    (note) => !options.signedOnly || note.status === 'signed',
  );
  const notes = all.filter(
    (note) =>
      canReadNote({ noteType: note.noteType, authorId: note.author.id, cosignerId: note.cosigner?.id ?? null }, options.reader) &&
      (note.noteType !== 'sud_counseling' || selection.includeCounselingNotes),
  );
  const left = all.length - notes.length;
  const episodes = await repo.listEpisodes(db, organizationId, patientId);
  const omissions =
    left > 0
      ? [`${left} SUD counseling note(s) not included: they are kept apart from the chart (42 CFR Part 2) and go only where named.`]
      : [];
  // Identity and episodes go with every chart: when any episode is in a Part 2 program, saying who
  // the patient is already discloses Part 2 information.
  const summary: OutgoingRecord = {
    kind: 'chart_summary',
    id: patientId,
    part2: episodes.some((episode) => episode.part2),
    counselingNote: false,
  };
  return {
    patientId,
    plans,
    notes,
    episodes,
    omissions,
    outgoing: [
      summary,
      ...plans.map((plan): OutgoingRecord => ({ kind: 'treatment_plan', id: plan.id, part2: plan.part2, counselingNote: false })),
      ...notes.map(noteOut),
    ],
    refs: refsOf('chart', selection, plans, notes),
  };
}

export function patientDisplayName(patient: { preferredName: string | null; legalFirstName: string; legalLastName: string }): string {
  const preferred = patient.preferredName && patient.preferredName !== patient.legalFirstName ? ` ("${patient.preferredName}")` : '';
  return `${patient.legalFirstName}${preferred} ${patient.legalLastName}`;
}

type Printed = { pdf: Buffer; filename: string };

/**
 * Prints one selection, read inside one transaction. `selectionIn` gets the center's time zone (a
 * chart's default range is read in it); `patientId` null: the note's or plan's own patient.
 */
async function printFor(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string | null,
  selectionIn: (timeZone: string) => RecordSelection,
): Promise<Printed> {
  const prepared = await deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const center = await repo.findCenter(trx, organizationId);
    const selection = selectionIn(center.timeZone);
    const named = patientId === null ? null : await mustFindPatient(trx, ctx, patientId);
    const records = await gatherRecords(trx, organizationId, patientId, selection, {
      reader: await readerOf(trx, ctx),
      signedOnly: false,
      timeZone: center.timeZone,
    });
    const patient = named ?? (await mustFindPatient(trx, ctx, records.patientId));
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'records.printed',
      entityType: selection.kind === 'chart' ? 'patient' : selection.kind === 'plan' ? 'treatment_plan' : 'clinical_note',
      entityId: selection.kind === 'note' ? selection.noteId : selection.kind === 'plan' ? selection.planId : patient.id,
      patientId: patient.id,
      details: { ...records.refs },
    });
    return { selection, patient, center, records };
  });
  const { selection, patient, center, records } = prepared;
  const title =
    selection.kind === 'chart'
      ? `Chart, ${selection.from} to ${selection.to}`
      : selection.kind === 'plan'
        ? 'Treatment plan'
        : 'Clinical note';
  const pdf = await renderRecordsPdf({
    title,
    center,
    patient: { name: patientDisplayName(patient), dateOfBirth: patient.dateOfBirth },
    producedAt: ctx.now,
    producedBy: ctx.actor.displayName,
    disclosure: null,
    notice: null,
    episodes: records.episodes,
    plans: records.plans,
    notes: records.notes,
    omissions: records.omissions,
    consent: null,
  });
  const filename = selection.kind === 'chart' ? `chart-${selection.from}-${selection.to}.pdf` : `${selection.kind}.pdf`;
  return { pdf, filename };
}

export function notePdf(deps: AppDeps, ctx: ActorCtx, noteId: string): Promise<Printed> {
  return printFor(deps, ctx, null, () => ({ kind: 'note', noteId }));
}

export function planPdf(deps: AppDeps, ctx: ActorCtx, planId: string): Promise<Printed> {
  return printFor(deps, ctx, null, () => ({ kind: 'plan', planId }));
}

export function chartPdf(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<Printed> {
  return printFor(deps, ctx, patientId, (timeZone) => {
    const to = range.to ?? localDateOf(ctx.now.getTime(), timeZone);
    const from = range.from ?? addDays(to, -DEFAULT_RANGE_DAYS);
    return { kind: 'chart', from, to, includeCounselingNotes: true };
  });
}
