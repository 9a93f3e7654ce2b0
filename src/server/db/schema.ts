import type { ColumnType, Generated } from 'kysely';

// Row shapes as PostgreSQL returns them. Types stop at the repositories (STYLE rule 4).
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD': date columns are read as strings (see database.ts). */
type LocalDate = string;
type Version = ColumnType<number, number | undefined, number>;

export type Database = {
  organizations: OrganizationsTable;
  sites: SitesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_sites: UserSitesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  one_time_tokens: OneTimeTokensTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  rooms: RoomsTable;
  programs: ProgramsTable;
  staff_profiles: StaffProfilesTable;
  closures: ClosuresTable;
  group_templates: GroupTemplatesTable;
  group_template_facilitators: GroupTemplateFacilitatorsTable;
  patients: PatientsTable;
  episodes: EpisodesTable;
  episode_events: EpisodeEventsTable;
  episode_enrolments: EpisodeEnrolmentsTable;
  sessions_of_care: SessionsOfCareTable;
  attendance: AttendanceTable;
  attendance_corrections: AttendanceCorrectionsTable;
  idempotency_keys: IdempotencyKeysTable;
  calendar_feeds: CalendarFeedsTable;
  inquiries: InquiriesTable;
  inquiry_activities: InquiryActivitiesTable;
  inquiry_tasks: InquiryTasksTable;
  loc_assessments: LocAssessmentsTable;
  safety_alerts: SafetyAlertsTable;
  safety_plans: SafetyPlansTable;
  measure_schedules: MeasureSchedulesTable;
  measure_links: MeasureLinksTable;
  measure_responses: MeasureResponsesTable;
  safety_plan_links: SafetyPlanLinksTable;
  treatment_plans: TreatmentPlansTable;
  treatment_plan_sign_links: TreatmentPlanSignLinksTable;
  group_notes: GroupNotesTable;
  group_note_entries: GroupNoteEntriesTable;
  clinical_notes: ClinicalNotesTable;
  note_addenda: NoteAddendaTable;
  part2_consents: Part2ConsentsTable;
  disclosures: DisclosuresTable;
  record_shares: RecordSharesTable;
  cosigner_reassignments: CosignerReassignmentsTable;
};

export type OrganizationsTable = {
  id: Generated<string>;
  name: string;
  is_demo: Generated<boolean>;
  public_phone: Generated<string>;
  public_email: Generated<string>;
  public_address: Generated<string>;
  accreditations: ColumnType<string[], string[] | undefined, string[]>;
  logo: Buffer | null;
  logo_content_type: 'image/png' | 'image/jpeg' | 'image/webp' | null;
  inquiry_response_target_minutes: Generated<number>;
  settings_version: Version;
  created_at: CreatedAt;
  safety_escalation_acute_minutes: Generated<number>;
  safety_escalation_positive_minutes: Generated<number>;
  plan_review_days: Generated<number>;
  note_signing_limit_hours: Generated<number>;
};

export type SitesTable = {
  id: Generated<string>;
  organization_id: string;
  name: string;
  time_zone: string;
  address: Generated<string>;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type UsersTable = {
  id: Generated<string>;
  organization_id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  status: 'invited' | 'active' | 'deactivated';
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type UserRolesTable = { organization_id: string; user_id: string; role: string };
export type UserSitesTable = { organization_id: string; user_id: string; site_id: string };

export type RecoveryCodesTable = {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  organization_id: string;
  stage: 'active' | 'mfa_required' | 'mfa_enrolment_required';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: Timestamp | null;
  ended_reason: string | null;
  client_ip: string | null;
};

export type LoginThrottleTable = {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
};

export type OneTimeTokensTable = {
  token_hash: string;
  kind: 'setup' | 'invite';
  organization_id: string | null;
  user_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
};

export type OutboxTable = {
  id: Generated<string>;
  organization_id: string | null;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  delivered_at: Timestamp | null;
  last_error: string | null;
};

export type AuditEventsTable = {
  id: Generated<number>;
  chain_id: string;
  chain_shard: ColumnType<number, number | undefined, never>;
  chain_seq: number;
  occurred_at: Timestamp;
  organization_id: string | null;
  user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  client_ip: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
};

export type RoomsTable = {
  id: Generated<string>;
  organization_id: string;
  site_id: string;
  name: string;
  capacity: number;
  active: Generated<boolean>;
};

export type LevelOfCareColumn = 'OP' | 'IOP' | 'PHP';

export type ProgramsTable = {
  id: Generated<string>;
  organization_id: string;
  site_id: string;
  name: string;
  description: Generated<string>;
  level_of_care: LevelOfCareColumn;
  population: 'adult' | 'adolescent';
  focus: 'mental_health' | 'substance_use' | 'dual_diagnosis';
  format: 'in_person' | 'virtual' | 'hybrid';
  weekly_floor_minutes: number;
  weekly_ceiling_minutes: number | null;
  min_days_per_week: number;
  min_billable_days_per_week: number;
  min_billable_day_minutes: number;
  group_capacity: number;
  conditions: ColumnType<string[], string[] | undefined, string[]>;
  modalities: ColumnType<string[], string[] | undefined, string[]>;
  is_part2: Generated<boolean>;
  published: Generated<boolean>;
  public_summary_en: Generated<string>;
  public_summary_es: Generated<string>;
  active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type StaffProfilesTable = {
  organization_id: string;
  user_id: string;
  licence_type: Generated<string>;
  licensed_states: ColumnType<string[], string[] | undefined, string[]>;
  modalities: ColumnType<string[], string[] | undefined, string[]>;
  weekly_availability: ColumnType<unknown, string | undefined, string>;
  cosign_supervisor_id: string | null;
  counseling_notes_access: Generated<boolean>;
  updated_at: Updated;
};

export type ClosuresTable = {
  id: Generated<string>;
  organization_id: string;
  site_id: string | null;
  closed_on: LocalDate;
  reason: string;
};

export type GroupTemplatesTable = {
  id: Generated<string>;
  organization_id: string;
  program_id: string;
  title: string;
  modality: string;
  days_of_week: number[];
  start_time: string;
  duration_minutes: number;
  room_id: string | null;
  telehealth: Generated<boolean>;
  capacity: number;
  starts_on: LocalDate;
  ends_on: LocalDate | null;
  active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type GroupTemplateFacilitatorsTable = { organization_id: string; template_id: string; user_id: string };

export type PatientsTable = {
  id: Generated<string>;
  organization_id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  date_of_birth: LocalDate;
  phone: string | null;
  email: string | null;
  state_of_residence: string;
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  availability_notes: Generated<string>;
  /** Migration 0012: the language the patient's link pages open in; null = not recorded (English). */
  preferred_language: ColumnType<'en' | 'es' | null, 'en' | 'es' | null | undefined, 'en' | 'es' | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type Disposition = 'completed' | 'stepped_down' | 'stepped_up' | 'left_against_advice' | 'administrative' | 'transferred';

export type EpisodesTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  program_id: string;
  level_of_care: LevelOfCareColumn;
  status: 'open' | 'closed';
  admitted_on: LocalDate;
  expected_weeks: number | null;
  discharged_on: LocalDate | null;
  disposition: Disposition | null;
  aftercare_note: string | null;
  previous_episode_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type EpisodeEventKind =
  'admitted' | 'transferred_in' | 'transferred_out' | 'stepped_up' | 'stepped_down' | 'level_changed' | 'discharged';

export type EpisodeEventsTable = {
  id: Generated<string>;
  organization_id: string;
  episode_id: string;
  kind: EpisodeEventKind;
  effective_on: LocalDate;
  from_program_id: string | null;
  to_program_id: string | null;
  from_level: string | null;
  to_level: string | null;
  reason: Generated<string>;
  recorded_by: string | null;
  recorded_at: CreatedAt;
};

export type EpisodeEnrolmentsTable = {
  organization_id: string;
  episode_id: string;
  template_id: string;
  starts_on: LocalDate;
  ends_on: LocalDate | null;
};

export type SessionKind = 'group' | 'individual_therapy' | 'family_session' | 'psychiatric_evaluation' | 'medication_management';

export type SessionsOfCareTable = {
  id: Generated<string>;
  organization_id: string;
  site_id: string;
  program_id: string | null;
  kind: SessionKind;
  template_id: string | null;
  occurrence_date: LocalDate | null;
  patient_id: string | null;
  episode_id: string | null;
  title: string;
  modality: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  local_date: LocalDate;
  room_id: string | null;
  telehealth: Generated<boolean>;
  capacity: Generated<number>;
  clinician_ids: ColumnType<string[], string[] | undefined, string[]>;
  substitute_facilitator_id: string | null;
  moved: Generated<boolean>;
  status: ColumnType<'scheduled' | 'cancelled', 'scheduled' | 'cancelled' | undefined, 'scheduled' | 'cancelled'>;
  cancel_reason: string | null;
  cancelled_by: 'closure' | 'staff' | null;
  day_closed_at: Timestamp | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type AttendanceStatusColumn = 'present' | 'late' | 'left_early' | 'absent_excused' | 'absent_unexcused' | 'cancelled_by_program';

export type AttendanceTable = {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  patient_id: string;
  episode_id: string | null;
  status: AttendanceStatusColumn;
  minutes: number;
  mode: 'in_person' | 'telehealth';
  walk_in: Generated<boolean>;
  recorded_by: string;
  recorded_at: Timestamp;
  version: Version;
  updated_at: Updated;
};

export type AttendanceCorrectionsTable = {
  id: Generated<string>;
  organization_id: string;
  attendance_id: string;
  reason: string;
  before: ColumnType<unknown, string, never>;
  after: ColumnType<unknown, string, never>;
  corrected_by: string;
  corrected_at: Timestamp;
};

export type IdempotencyKeysTable = {
  organization_id: string;
  key: string;
  request_fingerprint: string;
  status_code: number;
  response: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
};

export type CalendarFeedsTable = {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
};

export type InquiryStageColumn = 'new' | 'contacted' | 'screening' | 'assessment_scheduled' | 'admitted' | 'referred' | 'closed';
export type LocLevelColumn = 'inpatient_referral' | 'PHP' | 'IOP' | 'OP';

export type InquiriesTable = {
  id: Generated<string>;
  organization_id: string;
  stage: ColumnType<InquiryStageColumn, InquiryStageColumn | undefined, InquiryStageColumn>;
  closed_reason: string | null;
  referred_to: string | null;
  urgent: Generated<boolean>;
  urgent_reason: string | null;
  source: 'web_form' | 'api' | 'staff';
  language: ColumnType<'en' | 'es', 'en' | 'es' | undefined, 'en' | 'es'>;
  for_whom: 'self' | 'loved_one';
  contact_name: string;
  patient_name: string | null;
  phone: string | null;
  phone_normalized: string | null;
  email: string | null;
  email_normalized: string | null;
  best_time: string | null;
  state: string | null;
  age_range: 'under_13' | '13_17' | '18_25' | '26_64' | '65_plus' | null;
  concerns: string | null;
  program_id: string | null;
  format_preference: 'in_person' | 'online' | 'no_preference' | null;
  payer_name: string | null;
  member_id: string | null;
  heard_about: string | null;
  consent_to_contact: boolean;
  privacy_notice_version: string;
  /** JSON text on insert; the parsed value on read. */
  self_check: ColumnType<unknown, string | null | undefined, string | null>;
  owner_id: string | null;
  first_contact_at: Date | null;
  assessment_at: Date | null;
  assessment_clinician_id: string | null;
  admitted_at: Date | null;
  patient_id: string | null;
  episode_id: string | null;
  merged_into_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Updated;
};

export type InquiryActivitiesTable = {
  id: Generated<string>;
  organization_id: string;
  inquiry_id: string;
  kind: 'call' | 'email' | 'text_message' | 'note' | 'stage_change' | 'assessment_booked' | 'merged' | 'submitted';
  call_outcome: 'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number' | null;
  body: string | null;
  stage_from: string | null;
  stage_to: string | null;
  created_by: string | null;
  created_at: CreatedAt;
};

export type InquiryTasksTable = {
  id: Generated<string>;
  organization_id: string;
  inquiry_id: string;
  title: string;
  due_at: Timestamp;
  owner_id: string;
  done_at: Date | null;
  done_by: string | null;
  created_by: string;
  created_at: CreatedAt;
};

export type LocAssessmentsTable = {
  id: Generated<string>;
  organization_id: string;
  inquiry_id: string | null;
  patient_id: string | null;
  episode_id: string | null;
  pack_id: string;
  pack_version: number;
  /** JSON text on insert; the parsed value on read. */
  ratings: ColumnType<unknown, string, string>;
  recommended_level: LocLevelColumn;
  recommendation_reasons: ColumnType<unknown, string, string>;
  final_level: LocLevelColumn;
  override_reason: string | null;
  note: string | null;
  assessed_by: string;
  assessed_at: Timestamp;
  created_at: CreatedAt;
};

export type SafetyAlertSeverityColumn = 'acute' | 'positive';
export type SafetyAlertSourceColumn = 'measure' | 'self_check' | 'staff';
export type SafetyActionColumn =
  'safety_assessment_done' | 'safety_plan_reviewed' | 'level_of_care_reconsidered' | 'emergency_services' | 'other';

export type SafetyAlertsTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string | null;
  inquiry_id: string | null;
  source: SafetyAlertSourceColumn;
  source_ref: string | null;
  severity: SafetyAlertSeverityColumn;
  reason_code: string;
  note: string | null;
  raised_by: string | null;
  created_at: Timestamp;
  escalate_at: Timestamp;
  escalated_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  actions: ColumnType<SafetyActionColumn[], SafetyActionColumn[] | undefined, SafetyActionColumn[]>;
  ack_note: string | null;
};

export type SafetyPlansTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  version: number;
  warning_signs: string[];
  internal_coping: string[];
  social_distraction: string[];
  people_to_ask: string[];
  professionals: string[];
  safe_environment: string[];
  created_by: string;
  created_at: Timestamp;
};

export type MeasureSchedulesTable = {
  id: Generated<string>;
  organization_id: string;
  program_id: string;
  instrument_code: string;
  baseline: boolean;
  every_days: number | null;
  every_sessions: number | null;
  at_level_change: boolean;
  at_discharge: boolean;
};

export type MeasureSourceColumn = 'link' | 'kiosk' | 'staff_entry';

export type MeasureLinksTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  episode_id: string | null;
  instrument_code: string;
  kind: 'link' | 'kiosk';
  token_hash: Buffer;
  language: 'en' | 'es';
  expires_at: Timestamp;
  used_at: Timestamp | null;
  response_id: string | null;
  submit_key: string | null;
  created_by: string;
  created_at: Timestamp;
};

export type MeasureResponsesTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  episode_id: string | null;
  instrument_code: string;
  instrument_version: string;
  /** JSON text on insert; the parsed value on read. */
  answers: ColumnType<unknown, string, string>;
  complete: boolean;
  total: number | null;
  band: string | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  missing_items: ColumnType<string[], string[] | undefined, string[]>;
  source: MeasureSourceColumn;
  entered_by: string | null;
  link_id: string | null;
  administered_at: Timestamp;
  created_at: Timestamp;
};

export type SafetyPlanLinksTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  created_by: string;
  created_at: Timestamp;
  last_viewed_at: Timestamp | null;
};

// Issue #6, clinical documentation (migration 0009). jsonb columns are written as JSON strings.
type Json = ColumnType<unknown, string, string>;
type UuidArray = ColumnType<string[], string[] | undefined, string[]>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** Set by a trigger from the program (42 CFR Part 2); never cleared. */
type Part2Tag = ColumnType<boolean, boolean | undefined, boolean>;

export type TreatmentPlansTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  episode_id: string;
  plan_version: number;
  content: Json;
  planned_days_per_week: number | null;
  planned_minutes_per_week: number | null;
  review_due_on: LocalDate | null;
  reviewed_on: LocalDate | null;
  revision_reason: string | null;
  part2: Part2Tag;
  version: Version;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  clinician_signed_by: string | null;
  clinician_signed_at: Timestamp | null;
  patient_signed_name: string | null;
  patient_signed_at: Timestamp | null;
  patient_signature_method: 'device' | 'link' | null;
  patient_signature_image: string | null;
  patient_declined_reason: string | null;
};

export type TreatmentPlanSignLinksTable = {
  id: Generated<string>;
  organization_id: string;
  plan_id: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
};

export type GroupNotesTable = {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  summary: ColumnType<unknown, string | undefined, string>;
  part2: Part2Tag;
  /** 'awaiting_cosign': signed by a trainee, waiting for cosigner_id (migration 0011). */
  status: ColumnType<NoteStatusColumn, NoteStatusColumn | undefined, NoteStatusColumn>;
  version: Version;
  author_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  signed_by: string | null;
  signed_at: Timestamp | null;
  cosigner_id: string | null;
  cosigned_by: string | null;
  cosigned_at: Timestamp | null;
};

export type GroupNoteEntriesTable = {
  organization_id: string;
  group_note_id: string;
  patient_id: string;
  episode_id: string | null;
  participation: Generated<string>;
  response: Generated<string>;
  progress: Generated<string>;
  addressed_objective_ids: UuidArray;
  updated_at: Timestamp;
};

export type NoteTypeColumn =
  'progress_dap' | 'psychiatric_evaluation' | 'medication_management' | 'family_session' | 'crisis_safety' | 'sud_counseling' | 'group';
export type NoteStatusColumn = 'draft' | 'awaiting_cosign' | 'signed';

export type ClinicalNotesTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  episode_id: string | null;
  note_type: NoteTypeColumn;
  session_id: string | null;
  group_note_id: string | null;
  service_date: LocalDate;
  duration_minutes: number | null;
  content: ColumnType<unknown, string | undefined, string>;
  addressed_objective_ids: UuidArray;
  part2: Part2Tag;
  status: ColumnType<NoteStatusColumn, NoteStatusColumn | undefined, NoteStatusColumn>;
  version: Version;
  author_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  signed_by: string | null;
  signed_at: Timestamp | null;
  cosigner_id: string | null;
  cosigned_by: string | null;
  cosigned_at: Timestamp | null;
};

export type AddendumKindColumn = 'correction' | 'late_entry' | 'clarification';

export type NoteAddendaTable = {
  id: Generated<string>;
  organization_id: string;
  note_id: string;
  patient_id: string;
  kind: AddendumKindColumn;
  body: string;
  author_id: string;
  signed_at: Timestamp;
};

export type ConsentStatusColumn = 'draft' | 'active' | 'revoked';
export type ConsentRecordKindColumn = 'treatment_plans' | 'notes' | 'sud_counseling_notes' | 'attendance' | 'measures' | 'diagnoses';

export type Part2ConsentsTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  status: ColumnType<ConsentStatusColumn, ConsentStatusColumn | undefined, ConsentStatusColumn>;
  discloser: Generated<string>;
  information: Generated<string>;
  record_kinds: ColumnType<ConsentRecordKindColumn[], ConsentRecordKindColumn[] | undefined, ConsentRecordKindColumn[]>;
  recipients: TextArray;
  purpose: Generated<string>;
  treatment_payment_operations: Generated<boolean>;
  revocation_right_stated: Generated<boolean>;
  expires_on: LocalDate | null;
  expiry_event: string | null;
  patient_signed_name: string | null;
  signer_relationship: string | null;
  signed_on: LocalDate | null;
  version: Version;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  activated_by: string | null;
  activated_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revocation_note: string | null;
};

export type DisclosureChannelColumn = 'pdf' | 'print' | 'data_export' | 'api_share';

export type DisclosuresTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  disclosed_at: Timestamp;
  disclosed_by: string;
  recipient: string;
  purpose: string;
  basis: string;
  consent_id: string | null;
  channel: DisclosureChannelColumn;
  records: Json;
  included_part2: boolean;
  notice_included: boolean;
  /** The API share a fetch came through (channel 'api_share' only; migration 0010). */
  share_id: ColumnType<string | null, string | null | undefined, never>;
};

// Migration 0010: API shares of records with an outside system (decision 0030).
export type RecordSharesTable = {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  token_hash: Buffer;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  recipient: string;
  purpose: string;
  basis: string;
  consent_id: string | null;
  selection: Json;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  fetch_count: Generated<number>;
  last_fetched_at: Timestamp | null;
};

// Migration 0013: a director names another co-signer for a note awaiting co-signature (decision 0034).
export type CosignerReassignmentsTable = {
  id: Generated<string>;
  organization_id: string;
  clinical_note_id: string | null;
  group_note_id: string | null;
  from_cosigner_id: string;
  to_cosigner_id: string;
  reason: string;
  reassigned_by: string;
  reassigned_at: Timestamp;
};
