import { ROLES, type Role } from './api-types';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  director: 'Program director',
  clinician: 'Clinician',
  psychiatrist: 'Psychiatrist',
  admissions: 'Admissions',
  billing: 'Billing',
  front_desk: 'Front desk',
  auditor: 'Auditor',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

export function roleList(roles: readonly Role[]): string {
  return roles.map(roleLabel).join(', ');
}

/** Who may open each area. Used by both the navigation table and the route guards. */
export const ACCESS = {
  everyone: ROLES,
  users: ['admin'],
  /** The public site's information about the center (issue #4); the API also lets a director read it. */
  organizationSettings: ['admin'],
  audit: ['auditor', 'admin'],
  // Configuration: read by every staff role but the auditor, changed by admin and director.
  programs: ['admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk'],
  configure: ['admin', 'director'],
  patients: ['clinician', 'psychiatrist', 'admissions', 'director', 'front_desk', 'billing'],
  patientEdit: ['admissions', 'director', 'front_desk'],
  episodeAdmit: ['admissions', 'director'],
  episodeMove: ['director', 'clinician', 'psychiatrist', 'admissions'],
  weeklyPlan: ['admissions', 'director', 'clinician'],
  schedule: ['admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk'],
  scheduleConfig: ['admin', 'director'],
  scheduleChanges: ['director', 'admin', 'front_desk', 'admissions', 'clinician', 'psychiatrist'],
  patientReaders: ['clinician', 'psychiatrist', 'admissions', 'director', 'front_desk', 'billing'],
  /** Roster read (issue #3 brief); check-in is narrower, see CHECK_IN_ROLES. */
  attendance: ['clinician', 'psychiatrist', 'director', 'front_desk', 'billing'],
  /** Admissions pipeline (decision 0017): read, work, admit from an inquiry, conversion report. */
  admissions: ['admissions', 'director', 'front_desk', 'clinician'],
  admissionsWork: ['admissions', 'director', 'front_desk'],
  admissionsAdmit: ['admissions', 'director', 'clinician'],
  admissionsReport: ['admissions', 'director'],
  /** Intensity reports and the director dashboard. */
  intensity: ['director', 'admin', 'clinician', 'psychiatrist', 'billing'],
  /** Level-of-care assessments: read by these; made by locAssess (docs/roles.md). */
  levelOfCare: ['clinician', 'psychiatrist', 'director', 'admissions'],
  locAssess: ['clinician', 'psychiatrist', 'director'],
  /** Safety alerts and safety plans (issue #5, docs/roles.md): the clinical staff only. */
  safety: ['clinician', 'psychiatrist', 'director'],
  /** Measurement-based care on the chart (issue #5, docs/roles.md): the clinical staff only. */
  measures: ['clinician', 'psychiatrist', 'director'],
  /** A patient's trends on the chart, and population outcomes (counts, no names) per program (decision 0023). */
  trends: ['clinician', 'psychiatrist', 'director'],
  outcomes: ['director', 'clinician', 'psychiatrist'],
  /** Treatment plans (issue #6, docs/roles.md): written, signed and read by the clinical staff. */
  treatmentPlans: ['clinician', 'psychiatrist', 'director'],
  /** Clinical notes (issue #6, decision 0027): written, signed and read by the clinical staff; the late-notes report for directors. */
  notes: ['clinician', 'psychiatrist', 'director'],
  lateNotes: ['director'],
  /** A director names another co-signer for a note awaiting co-signature (decision 0034). */
  cosignerReassign: ['director'],
  /** Group notes (issue #6, decision 0028): read by the clinical staff; written by the session's facilitators and directors. */
  groupNotes: ['clinician', 'psychiatrist', 'director'],
  /** 42 CFR Part 2 (decision 0029): consents read and recorded, disclosures made, the log read, internal prints. */
  consents: ['clinician', 'psychiatrist', 'director', 'admissions'],
  consentWrite: ['clinician', 'director', 'admissions'],
  disclose: ['clinician', 'director'],
  disclosureLog: ['director', 'auditor', 'clinician', 'psychiatrist'],
  recordsPrint: ['clinician', 'psychiatrist', 'director'],
} as const satisfies Record<string, readonly Role[]>;

/** Who may record attendance, and who may still correct it after the day is closed. */
export const CHECK_IN_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'front_desk'];
export const CORRECTION_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

export function canAccess(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}
