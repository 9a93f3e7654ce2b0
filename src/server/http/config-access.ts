import type { Role } from '../../domain/access/roles.js';

// Who may read and change configuration (sites, rooms, programs, closures, staff profiles), as the
// issue #3 brief sets it. The auditor sees only the audit trail, so "any signed-in staff" here means
// every role but the auditor.
export const CONFIG_READERS = [
  'admin',
  'director',
  'clinician',
  'psychiatrist',
  'admissions',
  'billing',
  'front_desk',
] as const satisfies readonly Role[];
export const CONFIG_WRITERS = ['admin', 'director'] as const satisfies readonly Role[];

export const configRead = { access: { roles: CONFIG_READERS } } as const;
export const configWrite = { access: { roles: CONFIG_WRITERS } } as const;
