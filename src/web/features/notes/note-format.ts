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

/** "Saved at 14:05" for the autosave indicator, in the browser's zone. */
export function savedAtText(savedAt: string | null, saving: boolean, dirty: boolean): string {
  if (saving) return 'Saving…';
  if (dirty) return 'Unsaved changes';
  if (savedAt === null) return 'No changes yet';
  return `Saved at ${new Date(savedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}
