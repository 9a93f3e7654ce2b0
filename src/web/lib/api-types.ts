// Shapes from the foundation API contract (docs/api-foundation.md). Once the server runs,
// its OpenAPI document at /api/openapi.json is the source of truth; keep these in step with it.

export const ROLES = [
  'admin',
  'director',
  'clinician',
  'psychiatrist',
  'admissions',
  'billing',
  'front_desk',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export type SessionStage = 'active' | 'mfa_required' | 'mfa_enrolment_required';

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  mfaEnrolled: boolean;
};

export type SessionDto = {
  user: SessionUser;
  organization: { id: string; name: string; isDemo: boolean };
  csrfToken: string;
  stage: SessionStage;
  idleTimeoutSeconds: number;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
};

export type UserStatus = 'invited' | 'active' | 'deactivated';

export type UserDto = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  status: UserStatus;
  mfaEnrolled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type SiteDto = { id: string; name: string; timeZone: string };

export type AuditOutcome = 'success' | 'failure' | 'denied';

export type AuditEventDto = {
  id: string;
  occurredAt: string;
  userId: string | null;
  userEmail: string | null;
  organizationId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: AuditOutcome;
  clientIp: string | null;
  requestId: string | null;
};

export type AuthConfigDto = {
  demo: boolean;
  demoPassword: string | null;
  demoAccounts: { email: string; role: Role }[];
};

export type TotpSetupDto = { secret: string; otpauthUrl: string; qrDataUrl: string };
export type TotpEnableDto = { recoveryCodes: string[]; session: SessionDto };
export type InviteDto = { email: string; displayName: string; expiresAt: string };
export type SetupTokenDto = { expiresAt: string };
export type UsersListDto = { users: UserDto[] };
export type UserWithInviteDto = { user: UserDto; inviteUrl: string };
export type SitesDto = { sites: SiteDto[] };
export type AuditEventsDto = { events: AuditEventDto[]; total: number };

// ---- Schedules and calendar (issue #3) ----

export type SessionKind = 'group' | 'individual_therapy' | 'family_session' | 'psychiatric_evaluation' | 'medication_management';
export type AppointmentKind = Exclude<SessionKind, 'group'>;
export type PersonRef = { id: string; displayName: string };

export type CalendarSessionDto = {
  id: string;
  kind: SessionKind;
  title: string;
  modality: string | null;
  siteId: string;
  timeZone: string;
  programId: string | null;
  templateId: string | null;
  occurrenceDate: string | null;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  facilitators: PersonRef[];
  substituteFacilitatorId: string | null;
  room: { id: string; name: string } | null;
  telehealth: boolean;
  capacity: number;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  cancelledBy: 'closure' | 'staff' | null;
  moved: boolean;
  /** Group sessions: patients enrolled that day; appointments: 1. */
  expected: number;
  version: number;
};

export type AppointmentDto = CalendarSessionDto & { patient: PersonRef; episodeId: string | null };

export type CalendarViewKind = 'site' | 'program' | 'clinician' | 'room' | 'patient';

export type CalendarDto = {
  view: CalendarViewKind;
  id: string;
  label: string;
  timeZone: string | null;
  week: string | null;
  from: string;
  to: string;
  sessions: CalendarSessionDto[];
  patient: PersonRef | null;
};

export type GroupTemplateDto = {
  id: string;
  programId: string;
  siteId: string;
  timeZone: string;
  title: string;
  modality: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  facilitators: PersonRef[];
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  startsOn: string;
  endsOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type GenerationSummaryDto = {
  from: string;
  to: string;
  templates: number;
  created: number;
  updated: number;
  removed: number;
  cancelledByClosure: number;
  keptChanged: number;
  keptStarted: number;
};

export type TemplateWithGenerationDto = { template: GroupTemplateDto; generation: GenerationSummaryDto };
export type GroupTemplatesDto = { templates: GroupTemplateDto[] };

export type ScheduleOptionsDto = {
  sites: SiteDto[];
  programs: { id: string; name: string; siteId: string }[];
  rooms: { id: string; name: string; siteId: string; capacity: number; active: boolean }[];
  staff: { id: string; displayName: string; roles: string[]; modalities: string[]; licensedStates: string[] }[];
};

/** One entry of a 409 SCHEDULE_CONFLICT's details. */
export type ScheduleConflictDto = { kind: string; message: string };

export type CalendarFeedStatusDto = { active: boolean; createdAt: string | null };
export type NewCalendarFeedDto = { url: string; createdAt: string };
