import type { Role } from '../../../domain/access/roles.js';

// Roles: docs/roles.md (42 CFR Part 2 disclosures): clinicians and directors disclose (and make API
// shares); the disclosure log and the list of shares are read by the director, the auditor and the
// clinical roles. An API share works only while its maker still holds a discloser role (decision 0030).
export const DISCLOSERS: readonly Role[] = ['clinician', 'director'];
export const LOG_READERS: readonly Role[] = ['director', 'auditor', 'clinician', 'psychiatrist'];
