// Moving a patient between programs: whether the move is a step up, a step down or a transfer at the
// same level follows from the two levels of care, so the kind staff choose must agree with them.
// Order of levels: DOMAIN.md section 2 (OP < IOP < PHP < inpatient / 24-hour care).
import type { LevelOfCare } from '../programs/intensity-defaults.js';

/** Inpatient and residential care are 24-hour care outside the system: a step up there is a referral out. */
export type CareLevel = LevelOfCare | 'inpatient';

export const MOVE_KINDS = ['step_up', 'step_down', 'transfer'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

export type ClosingDisposition = 'stepped_up' | 'stepped_down' | 'transferred';
export type ClosingEvent = 'stepped_up' | 'stepped_down' | 'transferred_out';

const RANK: Record<CareLevel, number> = { OP: 1, IOP: 2, PHP: 3, inpatient: 4 };

const LEVEL_NAMES: Record<CareLevel, string> = {
  OP: 'outpatient (OP)',
  IOP: 'intensive outpatient (IOP)',
  PHP: 'partial hospitalization (PHP)',
  inpatient: 'inpatient care',
};

export function careLevelName(level: CareLevel): string {
  return LEVEL_NAMES[level];
}

/** The kind of move that takes a patient from one level to another. */
export function moveKindBetween(from: CareLevel, to: CareLevel): MoveKind {
  if (RANK[to] > RANK[from]) return 'step_up';
  if (RANK[to] < RANK[from]) return 'step_down';
  return 'transfer';
}

export type MoveCheck = { ok: true } | { ok: false; expected: MoveKind; message: string };

const KIND_WORDS: Record<MoveKind, string> = { step_up: 'a step up', step_down: 'a step down', transfer: 'a transfer at the same level' };

/** Expected outcome, not an exception: the caller decides how to refuse (STYLE rule 5). */
export function checkMoveKind(kind: MoveKind, from: CareLevel, to: CareLevel): MoveCheck {
  const expected = moveKindBetween(from, to);
  if (expected === kind) return { ok: true };
  return {
    ok: false,
    expected,
    message: `From ${careLevelName(from)} to ${careLevelName(to)} is ${KIND_WORDS[expected]}, not ${KIND_WORDS[kind]}`,
  };
}

/** How the episode being left is closed. */
export function closingDisposition(kind: MoveKind): ClosingDisposition {
  switch (kind) {
    case 'step_up':
      return 'stepped_up';
    case 'step_down':
      return 'stepped_down';
    case 'transfer':
      return 'transferred';
  }
}

/** The level-of-care history event written on the episode being left. */
export function closingEvent(kind: MoveKind): ClosingEvent {
  switch (kind) {
    case 'step_up':
      return 'stepped_up';
    case 'step_down':
      return 'stepped_down';
    case 'transfer':
      return 'transferred_out';
  }
}
