import { describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { checkCosignerReassignment, isNoteRule, type ReassignmentInput, type ReassignmentRule } from './cosigner-reassignment.js';

const TRAINEE = 'trainee';
const OLD = 'old-supervisor';
const NEW = 'new-supervisor';

const awaiting: ReassignmentInput['note'] = { status: 'awaiting_cosign', signerId: TRAINEE, cosignerId: OLD, groupNoteId: null };
const person = (id: string, roles: Role[], status: 'invited' | 'active' | 'deactivated' = 'active') => ({ id, roles, status });

describe('checkCosignerReassignment', () => {
  it.each<[string, ReassignmentInput]>([
    ['a clinician', { note: awaiting, candidate: person(NEW, ['clinician']) }],
    ['a psychiatrist', { note: awaiting, candidate: person(NEW, ['psychiatrist']) }],
    ['a director (also the caller)', { note: awaiting, candidate: person(NEW, ['director']) }],
    ['someone with a clinical role among others', { note: awaiting, candidate: person(NEW, ['billing', 'clinician']) }],
  ])('accepts %s as the new co-signer', (_label, input) => {
    expect(checkCosignerReassignment(input)).toEqual({ ok: true });
  });

  it.each<[string, ReassignmentInput, ReassignmentRule]>([
    [
      'a draft',
      { note: { ...awaiting, status: 'draft', signerId: null, cosignerId: null }, candidate: person(NEW, ['clinician']) },
      'not_awaiting_cosign',
    ],
    ['a signed note', { note: { ...awaiting, status: 'signed' }, candidate: person(NEW, ['clinician']) }, 'not_awaiting_cosign'],
    [
      'an attendee note of a group note',
      { note: { ...awaiting, groupNoteId: 'g1' }, candidate: person(NEW, ['clinician']) },
      'attendee_note',
    ],
    [
      'an attendee note even when it is signed (the group note decides)',
      { note: { ...awaiting, status: 'signed', groupNoteId: 'g1' }, candidate: person(NEW, ['clinician']) },
      'attendee_note',
    ],
    ['someone not in the organization', { note: awaiting, candidate: null }, 'cosigner_unknown'],
    ['a deactivated user', { note: awaiting, candidate: person(NEW, ['clinician'], 'deactivated') }, 'cosigner_inactive'],
    ['an invited user who never signed in', { note: awaiting, candidate: person(NEW, ['clinician'], 'invited') }, 'cosigner_inactive'],
    ['an admin', { note: awaiting, candidate: person(NEW, ['admin']) }, 'cosigner_not_clinical'],
    ['front desk and billing', { note: awaiting, candidate: person(NEW, ['front_desk', 'billing']) }, 'cosigner_not_clinical'],
    ['a user without roles', { note: awaiting, candidate: person(NEW, []) }, 'cosigner_not_clinical'],
    ['the trainee who signed', { note: awaiting, candidate: person(TRAINEE, ['clinician']) }, 'cosigner_is_signer'],
    ['the current co-signer', { note: awaiting, candidate: person(OLD, ['psychiatrist']) }, 'cosigner_unchanged'],
  ])('refuses %s', (_label, input, rule) => {
    const checked = checkCosignerReassignment(input);
    expect(checked).toMatchObject({ ok: false, rule });
    expect(checked.ok ? '' : checked.message).not.toBe('');
  });

  it.each<[ReassignmentRule, boolean]>([
    ['not_awaiting_cosign', true],
    ['attendee_note', true],
    ['cosigner_unknown', false],
    ['cosigner_unchanged', false],
  ])('%s is a rule about the note: %s', (rule, expected) => {
    expect(isNoteRule(rule)).toBe(expected);
  });
});
