import { describe, expect, it } from 'vitest';
import { checkMoveKind, closingDisposition, closingEvent, moveKindBetween, type CareLevel, type MoveKind } from './level-change.js';

describe('moveKindBetween', () => {
  it.each<[CareLevel, CareLevel, MoveKind]>([
    ['OP', 'IOP', 'step_up'],
    ['IOP', 'PHP', 'step_up'],
    ['PHP', 'inpatient', 'step_up'],
    ['IOP', 'inpatient', 'step_up'],
    ['PHP', 'IOP', 'step_down'],
    ['IOP', 'OP', 'step_down'],
    ['IOP', 'IOP', 'transfer'],
    ['OP', 'OP', 'transfer'],
  ])('from %s to %s is %s', (from, to, kind) => {
    expect(moveKindBetween(from, to)).toBe(kind);
  });
});

describe('checkMoveKind', () => {
  it('accepts a kind that matches the levels', () => {
    expect(checkMoveKind('step_down', 'IOP', 'OP')).toEqual({ ok: true });
  });

  it('says which kind the levels make when staff chose another', () => {
    expect(checkMoveKind('transfer', 'IOP', 'PHP')).toEqual({
      ok: false,
      expected: 'step_up',
      message: 'From intensive outpatient (IOP) to partial hospitalization (PHP) is a step up, not a transfer at the same level',
    });
    expect(checkMoveKind('step_up', 'IOP', 'OP')).toMatchObject({ ok: false, expected: 'step_down' });
    expect(checkMoveKind('step_down', 'IOP', 'IOP')).toMatchObject({ ok: false, expected: 'transfer' });
  });
});

describe('closing the episode being left', () => {
  it.each<[MoveKind, string, string]>([
    ['step_up', 'stepped_up', 'stepped_up'],
    ['step_down', 'stepped_down', 'stepped_down'],
    ['transfer', 'transferred', 'transferred_out'],
  ])('%s closes with disposition %s and event %s', (kind, disposition, event) => {
    expect(closingDisposition(kind)).toBe(disposition);
    expect(closingEvent(kind)).toBe(event);
  });
});
