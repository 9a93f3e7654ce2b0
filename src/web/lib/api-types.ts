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

// Attendance, intensity and the director dashboard (issue #3; server: modules/attendance,
// modules/intensity, modules/dashboard).

export const ATTENDANCE_STATUSES = [
  'present',
  'late',
  'left_early',
  'absent_excused',
  'absent_unexcused',
  'cancelled_by_program',
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type AttendanceMode = 'in_person' | 'telehealth';

export type AttendanceDto = {
  id: string;
  patientId: string;
  episodeId: string | null;
  status: AttendanceStatus;
  minutes: number;
  mode: AttendanceMode;
  walkIn: boolean;
  version: number;
  recordedAt: string;
  recordedBy: string;
};

export type RosterSessionDto = {
  id: string;
  title: string;
  kind: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  programId: string | null;
  startsAt: string;
  endsAt: string;
  localDate: string;
  lengthMinutes: number;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  defaultMode: AttendanceMode;
  dayClosed: boolean;
  dayClosedAt: string | null;
};

export type RosterRowDto = {
  patientId: string;
  name: string;
  episodeId: string | null;
  expected: boolean;
  walkIn: boolean;
  attendance: AttendanceDto | null;
};

export type RosterDto = {
  session: RosterSessionDto;
  rows: RosterRowDto[];
  counts: { expected: number; recorded: number; attended: number; walkIns: number };
};

export type CheckInItem = {
  patientId: string;
  status: AttendanceStatus;
  minutes?: number;
  mode?: AttendanceMode;
  version?: number;
};

export type CheckInBody = { attendance: CheckInItem[]; reason?: string };

export type CheckInResultDto = {
  sessionId: string;
  dayClosed: boolean;
  results: { patientId: string; outcome: 'created' | 'updated' | 'unchanged'; corrected: boolean; attendance: AttendanceDto }[];
};

export type CloseDayDto = { sessionId: string; dayClosedAt: string; alreadyClosed: boolean };

export type IsoWeekDto = { key: string; monday: string; sunday: string };

export type IntensityRulesDto = {
  weeklyFloorMinutes: number;
  weeklyCeilingMinutes: number | null;
  minDaysPerWeek: number;
  minBillableDaysPerWeek: number;
  minBillableDayMinutes: number;
};

export type IntensityDayDto = { date: string; minutes: number; services: number; billable: boolean };

export type ComplianceDto = {
  minutes: number;
  daysAttended: number;
  billableDays: number;
  days: IntensityDayDto[];
  status: 'compliant' | 'below_floor' | 'above_ceiling';
  findings: { code: string; message: string }[];
  reasons: string[];
};

export type ForecastStatus = 'on_track' | 'at_risk' | 'cannot_meet';
export type ForecastCheckDto = { status: ForecastStatus; required: number; attended: number; projected: number; afterOneMiss: number };

export type ForecastDto = {
  status: ForecastStatus;
  minutes: ForecastCheckDto;
  days: ForecastCheckDto;
  billableDays: ForecastCheckDto;
  remainingSessions: number;
  remainingMinutes: number;
  overCeiling: boolean;
  reasons: string[];
};

export type PatientIntensityDto = {
  patientId: string;
  week: IsoWeekDto;
  asOf: string;
  isCurrentWeek: boolean;
  episode: {
    episodeId: string;
    episodeStatus: 'open' | 'closed';
    programId: string;
    programName: string;
    siteId: string;
    levelOfCare: string;
    timeZone: string;
  } | null;
  rules: IntensityRulesDto | null;
  intensity: ComplianceDto | null;
  forecast: ForecastDto | null;
};

export type DashboardSessionDto = {
  sessionId: string;
  title: string;
  kind: string;
  programId: string | null;
  programName: string | null;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  dayClosed: boolean;
  expectedCount: number;
  recordedCount: number;
  checkedInCount: number;
};

export type DashboardDto = {
  generatedAt: string;
  sites: { siteId: string; siteName: string; timeZone: string; today: string; sessions: DashboardSessionDto[] }[];
  census: {
    programId: string;
    programName: string;
    siteId: string;
    siteName: string;
    levelOfCare: string;
    population: string;
    groupCapacity: number;
    openEpisodes: number;
  }[];
  atRisk: {
    total: number;
    patients: {
      patientId: string;
      name: string;
      programId: string;
      programName: string;
      week: string;
      status: ForecastStatus;
      overCeiling: boolean;
      attendedMinutes: number;
      remainingMinutes: number;
      floorMinutes: number;
      reasons: string[];
    }[];
  };
  admissions: EpisodeMovementDto[];
  discharges: EpisodeMovementDto[];
};

export type EpisodeMovementDto = {
  episodeId: string;
  patientId: string;
  name: string;
  programId: string;
  programName: string;
  levelOfCare: string;
  date: string;
  disposition: string | null;
  transfer: boolean;
};
