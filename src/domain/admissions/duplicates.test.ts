import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { checkMerge, contactKeys, fillEmptyFields, isPossibleDuplicate } from './duplicates.js';

describe('duplicate matching', () => {
  it.each([
    ['(503) 555-0142', null, '503.555.0142', null, true],
    ['+1 503 555 0142', null, '5035550142', null, true],
    ['503-555-0142', null, '503-555-0143', null, false],
    [null, 'Casey.Doe@Example.org ', null, 'casey.doe@example.org', true],
    [null, 'casey@example.org', null, 'casey2@example.org', false],
    ['503-555-0142', 'a@example.org', '971-555-0100', 'A@example.org', true],
    [null, null, null, null, false],
  ])('%s / %s vs %s / %s: %s', (phoneA, emailA, phoneB, emailB, expected) => {
    expect(isPossibleDuplicate(contactKeys(phoneA, emailA), contactKeys(phoneB, emailB))).toBe(expected);
  });

  it('names the phone field when the number is not one', () => {
    expect(() => contactKeys('call me', null)).toThrow(DomainError);
    try {
      contactKeys('12', null);
    } catch (error) {
      expect((error as DomainError).details).toEqual([{ path: 'phone', message: expect.any(String) }]);
    }
  });

  it('treats blank contact fields as absent', () => {
    expect(contactKeys(' ', '')).toEqual({ phoneNormalized: null, emailNormalized: null });
  });
});

describe('merge rules', () => {
  const inquiry = (id: string, stage = 'new', mergedIntoId: string | null = null) => ({ id, stage, mergedIntoId });
  it.each([
    [inquiry('a'), inquiry('a'), 'merge_into_itself'],
    [inquiry('a'), inquiry('b', 'admitted'), 'merge_admitted'],
    [inquiry('a', 'closed', 'c'), inquiry('b'), 'merge_into_merged'],
    [inquiry('a'), inquiry('b', 'closed', 'c'), 'already_merged'],
  ])('refuses %j <- %j (%s)', (kept, duplicate, rule) => {
    expect(checkMerge(kept, duplicate)).toMatchObject({ ok: false, rule });
  });

  it('merges two open inquiries, and a duplicate into an admitted one', () => {
    expect(checkMerge(inquiry('a'), inquiry('b', 'contacted')).ok).toBe(true);
    expect(checkMerge(inquiry('a', 'admitted'), inquiry('b')).ok).toBe(true);
  });

  it('fills only empty fields of the kept inquiry', () => {
    const kept: Record<'phone' | 'email' | 'concerns', string | null> = { phone: null, email: 'kept@example.org', concerns: '' };
    const duplicate = { phone: '5035550142', email: 'dup@example.org', concerns: 'Sleep' };
    expect(fillEmptyFields(kept, duplicate, ['phone', 'email', 'concerns'])).toEqual({ phone: '5035550142', concerns: 'Sleep' });
  });
});
