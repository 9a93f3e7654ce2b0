// Shapes from the foundation API contract (docs/api-foundation.md). Once the server runs,
// its OpenAPI document at /api/openapi.json is the source of truth; keep these in step with it.

export const ROLES = ['admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk', 'auditor'] as const;

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

export type SiteDto = { id: string; name: string; address: string; timeZone: string };

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

// Issue #3, programs and staff (docs/decisions/0010-programs-and-staff.md).
export type RoomDto = { id: string; siteId: string; name: string; capacity: number; active: boolean };
export type RoomsDto = { rooms: RoomDto[] };

export type LevelOfCare = 'OP' | 'IOP' | 'PHP';
export type Population = 'adult' | 'adolescent';
export type ProgramFocus = 'mental_health' | 'substance_use' | 'dual_diagnosis';
export type ProgramFormat = 'in_person' | 'virtual' | 'hybrid';

export type ProgramDto = {
  id: string;
  siteId: string;
  timeZone: string;
  name: string;
  description: string;
  levelOfCare: LevelOfCare;
  population: Population;
  focus: ProgramFocus;
  format: ProgramFormat;
  weeklyFloorMinutes: number;
  weeklyCeilingMinutes: number | null;
  minDaysPerWeek: number;
  minBillableDaysPerWeek: number;
  minBillableDayMinutes: number;
  groupCapacity: number;
  conditions: string[];
  modalities: string[];
  isPart2: boolean;
  published: boolean;
  publicSummaryEn: string;
  publicSummaryEs: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ProgramsDto = { programs: ProgramDto[] };

export type AvailabilityWindowDto = { weekday: number; start: string; end: string };

export type StaffDto = {
  userId: string;
  displayName: string;
  email: string;
  status: UserStatus;
  roles: Role[];
  siteIds: string[];
  licenceType: string;
  licensedStates: string[];
  modalities: string[];
  weeklyAvailability: AvailabilityWindowDto[];
  /** Notes (decision 0027): the supervisor who co-signs this person's notes, and SUD counseling-note access. */
  cosignSupervisorId: string | null;
  counselingNotesAccess: boolean;
  profileUpdatedAt: string | null;
};
export type StaffListDto = { staff: StaffDto[] };

export type ClosureDto = { id: string; siteId: string | null; date: string; reason: string };
export type ClosuresDto = { closures: ClosureDto[] };

// Patients, episodes of care, weekly plan and census (issue #3, decision 0011).

export type EmergencyContactDto = { name: string; phone: string };

export type PatientDto = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  stateOfResidence: string;
  emergencyContact: EmergencyContactDto | null;
  availabilityNotes: string;
  /** The language the patient's link pages open in; null = not recorded (decision 0033). */
  preferredLanguage: 'en' | 'es' | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type OpenEpisodeSummaryDto = {
  episodeId: string;
  programId: string;
  programName: string;
  levelOfCare: LevelOfCare;
  admittedOn: string;
};

export type PatientSummaryDto = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  stateOfResidence: string;
  openEpisodes: OpenEpisodeSummaryDto[];
};

export type PatientListDto = { patients: PatientSummaryDto[]; total: number; limit: number; offset: number };

export type Disposition = 'completed' | 'stepped_down' | 'stepped_up' | 'left_against_advice' | 'administrative' | 'transferred';

export type EpisodeEventKind =
  'admitted' | 'transferred_in' | 'transferred_out' | 'stepped_up' | 'stepped_down' | 'level_changed' | 'discharged';

export type EpisodeEventDto = {
  id: string;
  kind: EpisodeEventKind;
  effectiveOn: string;
  fromProgramId: string | null;
  fromProgramName: string | null;
  toProgramId: string | null;
  toProgramName: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  reason: string;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: string;
};

export type EpisodeDto = {
  id: string;
  patientId: string;
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
  levelOfCare: LevelOfCare;
  part2: boolean;
  status: 'open' | 'closed';
  admittedOn: string;
  expectedWeeks: number | null;
  expectedEndOn: string | null;
  dischargedOn: string | null;
  disposition: Disposition | null;
  aftercareNote: string | null;
  previousEpisodeId: string | null;
  nextEpisodeId: string | null;
  version: number;
  events: EpisodeEventDto[];
};

export type EpisodeListDto = { episodes: EpisodeDto[] };

export type MoveKind = 'step_up' | 'step_down' | 'transfer';

export type TransferResultDto = { closed: EpisodeDto; opened: EpisodeDto | null };

export type IntensityRulesDto = {
  weeklyFloorMinutes: number;
  weeklyCeilingMinutes: number | null;
  minDaysPerWeek: number;
  minBillableDaysPerWeek: number;
  minBillableDayMinutes: number;
};

export type SeriesDto = {
  templateId: string;
  title: string;
  modality: string;
  programId: string;
  programName: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  telehealth: boolean;
  seriesStartsOn: string;
  seriesEndsOn: string | null;
};

export type PlanEnrolmentDto = SeriesDto & {
  seriesActive: boolean;
  startsOn: string;
  endsOn: string | null;
  inEffect: boolean;
};

export type PlanDto = {
  episodeId: string;
  patientId: string;
  episodeStatus: 'open' | 'closed';
  version: number;
  admittedOn: string;
  dischargedOn: string | null;
  program: {
    id: string;
    name: string;
    levelOfCare: LevelOfCare;
    population: 'adult' | 'adolescent';
    siteId: string;
    timeZone: string;
    rules: IntensityRulesDto;
  };
  enrolments: PlanEnrolmentDto[];
  weekly: {
    asOf: string;
    minutes: number;
    days: number;
    billableDays: number;
    byWeekday: { weekday: number; minutes: number; sessions: number; billable: boolean }[];
    status: 'compliant' | 'below_floor' | 'above_ceiling';
    reasons: string[];
  };
  available: SeriesDto[];
};

export type ProgramCensusDto = {
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
  levelOfCare: LevelOfCare;
  population: 'adult' | 'adolescent';
  active: boolean;
  onDate: string;
  openEpisodes: number;
};

export type CensusDto = {
  on: string | null;
  programs: ProgramCensusDto[];
  sites: { siteId: string; siteName: string; programs: number; openEpisodes: number }[];
  totalOpenEpisodes: number;
};

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

// Attendance, intensity and the director dashboard (issue #3; server: modules/attendance,
// modules/intensity, modules/dashboard).

export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'absent_excused', 'absent_unexcused', 'cancelled_by_program'] as const;
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
