// A director names another co-signer for a note (or group note) waiting for a supervisor who cannot
// give the co-signature: gone, deactivated or away (docs/domain/notes.md, decision 0034). Pure.
import type { Role } from '../access/roles.js';

/** Who may co-sign a trainee's note: the clinical roles a staff profile may name as supervisor. */
export const COSIGNER_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

export const REASSIGN_REASON_MAX = 500;

export type ReassignmentRule =
  | 'not_awaiting_cosign'
  | 'attendee_note'
  | 'cosigner_unknown'
  | 'cosigner_inactive'
  | 'cosigner_not_clinical'
  | 'cosigner_is_signer'
  | 'cosigner_unchanged';

export type ReassignmentInput = {
  note: { status: 'draft' | 'awaiting_cosign' | 'signed'; signerId: string | null; cosignerId: string | null; groupNoteId: string | null };
  /** The proposed co-signer as found in the caller's organization; null when not found there. */
  candidate: { id: string; status: 'invited' | 'active' | 'deactivated'; roles: readonly Role[] } | null;
};

export type ReassignmentCheck = { ok: true } | { ok: false; rule: ReassignmentRule; message: string };

const MESSAGES: Record<ReassignmentRule, string> = {
  not_awaiting_cosign: 'Only a note awaiting co-signature gets another co-signer',
  attendee_note: 'A group note’s attendee notes change co-signer together, on the group note',
  // The same words for another organization's user and a made-up id: nothing is revealed.
  cosigner_unknown: 'unknown staff member',
  cosigner_inactive: 'must be an active staff member',
  cosigner_not_clinical: 'must be a clinician, psychiatrist or director',
  cosigner_is_signer: 'the note’s signer cannot co-sign it',
  cosigner_unchanged: 'already the co-signer',
};

function refuse(rule: ReassignmentRule): ReassignmentCheck {
  return { ok: false, rule, message: MESSAGES[rule] };
}

/** The first rule a reassignment breaks, in the order a director would want to hear it. */
export function checkCosignerReassignment({ note, candidate }: ReassignmentInput): ReassignmentCheck {
  if (note.groupNoteId !== null) return refuse('attendee_note');
  if (note.status !== 'awaiting_cosign') return refuse('not_awaiting_cosign');
  if (candidate === null) return refuse('cosigner_unknown');
  if (candidate.status !== 'active') return refuse('cosigner_inactive');
  if (!candidate.roles.some((role) => COSIGNER_ROLES.includes(role))) return refuse('cosigner_not_clinical');
  if (candidate.id === note.signerId) return refuse('cosigner_is_signer');
  if (candidate.id === note.cosignerId) return refuse('cosigner_unchanged');
  return { ok: true };
}

/** Rules about the note itself (422 or 409); the others concern the chosen person (400 on cosignerId). */
export function isNoteRule(rule: ReassignmentRule): boolean {
  return rule === 'not_awaiting_cosign' || rule === 'attendee_note';
}
