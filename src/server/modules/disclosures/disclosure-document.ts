// What a data export or an API share sends: the same records, notice and consent summary as the
// disclosure PDF, as one JSON document an outside system can read (decision 0030). The 42 CFR 2.32
// notice comes first and its short form labels every Part 2 record, so it travels with each record
// a receiving system may split out.
import type { ConsentSummary } from '../../../domain/disclosure/decide-disclosure.js';
import type { Part2Notice } from '../../../domain/disclosure/part2-notice.js';
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content.js';
import type { Center, EpisodeSummary, NoteRecord, PlanRecord } from '../records-print/records.repository.js';

export const DISCLOSURE_DOCUMENT_FORMAT = 'openiop.disclosure/1' as const;

type DisclosureDocumentInput = {
  disclosureId: string;
  disclosedAt: Date;
  center: Center;
  patient: { name: string; dateOfBirth: string };
  recipient: string;
  purpose: string;
  basis: { code: string; label: string; consentId: string | null };
  notice: Part2Notice | null;
  consent: ConsentSummary | null;
  episodes: EpisodeSummary[] | null;
  plans: PlanRecord[];
  notes: NoteRecord[];
};

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function disclosureDocument(input: DisclosureDocumentInput) {
  const label = (part2: boolean) => (part2 && input.notice ? { part2: true, notice: input.notice.short } : { part2: false });
  return {
    format: DISCLOSURE_DOCUMENT_FORMAT,
    notice: input.notice && { text: input.notice.full, short: input.notice.short, source: input.notice.source },
    disclosure: {
      id: input.disclosureId,
      disclosedAt: input.disclosedAt.toISOString(),
      discloser: { name: input.center.name, address: input.center.address, phone: input.center.phone },
      recipient: input.recipient,
      purpose: input.purpose,
      basis: input.basis,
    },
    consent: input.consent,
    patient: input.patient,
    episodes: input.episodes?.map((episode) => ({ ...episode, ...label(episode.part2) })) ?? null,
    treatmentPlans: input.plans.map((plan) => ({
      id: plan.id,
      version: plan.planVersion,
      ...label(plan.part2),
      reviewDueOn: plan.reviewDueOn,
      revisionReason: plan.revisionReason,
      clinicianSignedBy: plan.clinicianSignedBy?.name ?? null,
      clinicianSignedAt: iso(plan.clinicianSignedAt),
      patientSignedName: plan.patientSignedName,
      patientSignedAt: iso(plan.patientSignedAt),
      patientDeclinedReason: plan.patientDeclinedReason,
      content: plan.content,
    })),
    notes: input.notes.map((note) => ({
      id: note.id,
      type: note.noteType,
      typeLabel: NOTE_TYPE_DEFINITIONS[note.noteType].label,
      ...label(note.part2),
      serviceDate: note.serviceDate,
      durationMinutes: note.durationMinutes,
      author: note.author.name,
      signedBy: note.signedBy?.name ?? null,
      signedAt: iso(note.signedAt),
      cosignedBy: note.cosignedBy?.name ?? null,
      cosignedAt: iso(note.cosignedAt),
      content: note.content,
      addenda: note.addenda.map((addendum) => ({
        kind: addendum.kind,
        body: addendum.body,
        author: addendum.author.name,
        signedAt: addendum.signedAt.toISOString(),
      })),
    })),
  };
}

export type DisclosureDocument = ReturnType<typeof disclosureDocument>;
