import type { ColumnType, Generated } from 'kysely';

// Row shapes as PostgreSQL returns them. Types stop at the repositories (STYLE rule 4).
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

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
};

export type OrganizationsTable = {
  id: Generated<string>;
  name: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
};

export type SitesTable = {
  id: Generated<string>;
  organization_id: string;
  name: string;
  time_zone: string;
  created_at: CreatedAt;
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
