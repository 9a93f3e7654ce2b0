import { describe, expect, it } from 'vitest';
import { ROLES, isRole, requiresMfa, type Role } from './roles.js';

describe('requiresMfa', () => {
  // A Record over Role: adding a role without deciding its MFA rule does not compile.
  const ALONE: Record<Role, boolean> = {
    admin: true,
    director: true,
    auditor: true,
    clinician: false,
    psychiatrist: false,
    admissions: false,
    billing: false,
    front_desk: false,
  };

  it.each(ROLES.map((role) => [role, ALONE[role]] as const))('%s alone, real organization → %s', (role, expected) => {
    expect(requiresMfa([role], false)).toBe(expected);
  });

  it.each(ROLES.map((role) => [role]))('%s in a demo organization → false', (role) => {
    expect(requiresMfa([role], true)).toBe(false);
  });

  it.each<[string, Role[], boolean]>([
    ['no roles', [], false],
    ['clinician who is also an admin', ['clinician', 'admin'], true],
    ['billing and front desk', ['billing', 'front_desk'], false],
    ['every role', [...ROLES], true],
  ])('%s → %s', (_label, roles, expected) => {
    expect(requiresMfa(roles, false)).toBe(expected);
  });
});

describe('isRole', () => {
  it.each([
    ['admin', true],
    ['front_desk', true],
    ['Admin', false],
    ['superuser', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });
});
