export const ROLES = ['admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that may change accounts or read the whole audit trail need a second factor (outside demo data). */
export const ROLES_REQUIRING_MFA: readonly Role[] = ['admin', 'director', 'auditor'];

export function requiresMfa(roles: readonly Role[], isDemoOrganization: boolean): boolean {
  if (isDemoOrganization) return false;
  return roles.some((role) => ROLES_REQUIRING_MFA.includes(role));
}
