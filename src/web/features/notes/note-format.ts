import type { NoteStatus, AddendumKind } from './notes-api';

export const STATUS_LABELS: Record<NoteStatus, string> = {
  draft: 'Draft',
  awaiting_cosign: 'Awaiting co-signature',
  signed: 'Signed',
};

export const STATUS_COLORS: Record<NoteStatus, string> = { draft: 'gray', awaiting_cosign: 'orange', signed: 'green' };

export const ADDENDUM_KIND_LABELS: Record<AddendumKind, string> = {
  correction: 'Correction',
  late_entry: 'Late entry',
  clarification: 'Clarification',
};
