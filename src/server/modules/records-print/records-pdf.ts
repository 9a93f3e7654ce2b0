// One renderer for every printed or disclosed chart record: the center's header, the patient, the
// records (plan versions, notes with their addenda shown after the original), page numbers. A
// disclosure adds the 42 CFR 2.32 notice first and on every page footer, and the consent summary
// last (docs/domain/part2.md). pdfkit's built-in Helvetica covers Latin text; no font files to ship.
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import type { ConsentSummary } from '../../../domain/disclosure/decide-disclosure.js';
import type { Part2Notice } from '../../../domain/disclosure/part2-notice.js';
import { NOTE_TYPE_DEFINITIONS, type MedicationEntry, type NoteField } from '../../../domain/notes/note-content.js';
import type { Center, EpisodeSummary, NoteRecord, PlanRecord } from './records.repository.js';

export type RecordsPdfInput = {
  title: string;
  center: Center;
  patient: { name: string; dateOfBirth: string };
  producedAt: Date;
  producedBy: string;
  /** Set for a disclosure to an outside party. */
  disclosure: { recipient: string; purpose: string; basis: string } | null;
  notice: Part2Notice | null;
  episodes: EpisodeSummary[] | null;
  plans: PlanRecord[];
  notes: NoteRecord[];
  /** Lines saying what was left out and why (e.g. SUD counseling notes the reader may not read). */
  omissions: string[];
  consent: ConsentSummary | null;
};

const MARGIN = 56;
const FOOTER_HEIGHT = 40;

const ADDENDUM_LABELS: Record<NoteRecord['addenda'][number]['kind'], string> = {
  correction: 'Correction',
  late_entry: 'Late entry',
  clarification: 'Clarification',
};

type Doc = PDFKit.PDFDocument;

export function renderRecordsPdf(input: RecordsPdfInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
      bufferPages: true,
      info: { Title: input.title, Author: input.center.name, CreationDate: input.producedAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const when = (date: Date) => formatMoment(date, input.center.timeZone);
    header(doc, input, when);
    if (input.notice) noticeBlock(doc, input.notice);
    if (input.episodes) episodesBlock(doc, input.episodes);
    for (const plan of input.plans) planBlock(doc, plan, when);
    for (const note of input.notes) noteBlock(doc, note, when);
    if (input.plans.length === 0 && input.notes.length === 0)
      doc.font('Helvetica-Oblique').fontSize(10).text('No plans or notes in this range.');
    for (const line of input.omissions) doc.font('Helvetica-Oblique').fontSize(9).fillColor('#555555').text(line).fillColor('#000000');
    if (input.consent) consentBlock(doc, input.consent);
    footers(doc, input);
    doc.end();
  });
}

export function formatMoment(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}

function header(doc: Doc, input: RecordsPdfInput, when: (date: Date) => string): void {
  doc.font('Helvetica-Bold').fontSize(14).text(input.center.name);
  doc.font('Helvetica').fontSize(9).fillColor('#444444');
  const contact = [input.center.address, input.center.phone].filter((part) => part.trim() !== '').join(' | ');
  if (contact !== '') doc.text(contact);
  doc.fillColor('#000000').moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(16).text(input.title);
  doc.font('Helvetica').fontSize(11).text(`Patient: ${input.patient.name}, date of birth ${input.patient.dateOfBirth}`);
  doc
    .fontSize(9)
    .fillColor('#444444')
    .text(`Produced ${when(input.producedAt)} by ${input.producedBy}`);
  if (input.disclosure) {
    doc.text(`Disclosed to: ${input.disclosure.recipient}`);
    doc.text(`Purpose: ${input.disclosure.purpose}`);
    doc.text(`Basis: ${input.disclosure.basis}`);
  }
  doc.fillColor('#000000').moveDown();
}

function noticeBlock(doc: Doc, notice: Part2Notice): void {
  doc.font('Helvetica-Bold').fontSize(11).text(`Notice to the recipient (${notice.source})`);
  doc.font('Helvetica').fontSize(9).text(notice.full, { align: 'left' });
  doc.moveDown();
}

function sectionTitle(doc: Doc, text: string): void {
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(text);
  doc.font('Helvetica').fontSize(10);
}

function labelled(doc: Doc, label: string, value: string): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`${label}: `, { continued: true })
    .font('Helvetica')
    .text(value.trim() === '' ? '(empty)' : value);
}

function episodesBlock(doc: Doc, episodes: EpisodeSummary[]): void {
  sectionTitle(doc, 'Episodes of care');
  if (episodes.length === 0) doc.text('None.');
  for (const episode of episodes) {
    const end = episode.dischargedOn === null ? 'in care' : `discharged ${episode.dischargedOn}`;
    doc.text(`${episode.programName} (${episode.levelOfCare}): admitted ${episode.admittedOn}, ${end}`);
  }
}

function planBlock(doc: Doc, plan: PlanRecord, when: (date: Date) => string): void {
  sectionTitle(doc, `Treatment plan, version ${plan.planVersion}`);
  doc.fontSize(10).text(plan.clinicianSignedAt === null ? 'DRAFT: not signed' : 'Signed');
  if (plan.revisionReason) labelled(doc, 'Reason for revision', plan.revisionReason);
  if (plan.reviewDueOn) labelled(doc, 'Review due', plan.reviewDueOn);
  for (const problem of plan.content.problems) {
    const codes = problem.diagnosisCodes.length > 0 ? ` (${problem.diagnosisCodes.join(', ')})` : '';
    doc.moveDown(0.3).font('Helvetica-Bold').text(`Problem: ${problem.statement}${codes}`);
    doc.font('Helvetica');
    for (const goal of problem.goals) {
      doc.text(`Goal: ${goal.statement}`, { indent: 12 });
      for (const objective of goal.objectives)
        doc.text(`Objective: ${objective.statement} (target ${objective.targetDate}, ${objective.status})`, { indent: 24 });
      for (const intervention of goal.interventions)
        doc.text(`Intervention: ${intervention.description} (${intervention.modality}, ${intervention.frequency})`, { indent: 24 });
    }
  }
  if (plan.content.patientStrengthsAndPreferences.trim() !== '')
    labelled(doc, 'Strengths and preferences', plan.content.patientStrengthsAndPreferences);
  doc.moveDown(0.3);
  if (plan.clinicianSignedAt && plan.clinicianSignedBy)
    doc.text(`Clinician signature: ${plan.clinicianSignedBy.name}, ${when(plan.clinicianSignedAt)}`);
  if (plan.patientSignedAt && plan.patientSignedName)
    doc.text(
      `Patient signature: ${plan.patientSignedName}, ${when(plan.patientSignedAt)}${plan.patientSignatureMethod ? ` (${plan.patientSignatureMethod})` : ''}`,
    );
  else if (plan.patientDeclinedReason) doc.text(`Patient did not sign: ${plan.patientDeclinedReason}`);
}

function fieldValue(field: NoteField, value: unknown): string {
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'codes':
      return Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string').join(', ') : '';
    case 'yes_no':
      return value === true ? 'Yes' : value === false ? 'No' : '';
    case 'medications':
      return Array.isArray(value)
        ? (value as MedicationEntry[]).map((med) => `${med.name} ${med.dose} ${med.route} ${med.frequency} (${med.change})`).join('; ')
        : '';
  }
}

function noteStatus(note: NoteRecord): string {
  switch (note.status) {
    case 'draft':
      return 'DRAFT: not signed';
    case 'awaiting_cosign':
      return 'Signed, awaiting co-signature';
    case 'signed':
      return 'Signed';
  }
}

function noteBlock(doc: Doc, note: NoteRecord, when: (date: Date) => string): void {
  const definition = NOTE_TYPE_DEFINITIONS[note.noteType];
  sectionTitle(doc, `${definition.label}, ${note.serviceDate}`);
  const duration = note.durationMinutes === null ? '' : `, ${note.durationMinutes} minutes`;
  doc.text(`${noteStatus(note)}${duration}. Author: ${note.author.name}`);
  for (const field of definition.fields) labelled(doc, field.label, fieldValue(field, note.content[field.key]));
  if (note.signedAt && note.signedBy) doc.text(`Signed: ${note.signedBy.name}, ${when(note.signedAt)}`);
  if (note.cosignedAt && note.cosignedBy) doc.text(`Co-signed: ${note.cosignedBy.name}, ${when(note.cosignedAt)}`);
  else if (note.cosigner) doc.text(`Co-signature needed from: ${note.cosigner.name}`);
  for (const addendum of note.addenda) {
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .text(`Addendum (${ADDENDUM_LABELS[addendum.kind]}), ${addendum.author.name}, ${when(addendum.signedAt)}`, { indent: 12 });
    doc.font('Helvetica').text(addendum.body, { indent: 12 });
  }
}

function consentBlock(doc: Doc, consent: ConsentSummary): void {
  sectionTitle(doc, 'Consent to disclose (42 CFR 2.31), summary');
  for (const line of consent.lines) labelled(doc, line.label, line.value);
}

function footers(doc: Doc, input: RecordsPdfInput): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    const width = doc.page.width - 2 * MARGIN;
    let y = doc.page.height - MARGIN - FOOTER_HEIGHT + 8;
    doc.font('Helvetica').fontSize(8).fillColor('#444444');
    if (input.notice) {
      doc.font('Helvetica-Bold').text(input.notice.short, MARGIN, y, { width, lineBreak: false });
      y += 12;
      doc.font('Helvetica');
    }
    doc.text(`${input.center.name} | ${input.patient.name} | Page ${index - range.start + 1} of ${range.count}`, MARGIN, y, {
      width,
      lineBreak: false,
    });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
}
