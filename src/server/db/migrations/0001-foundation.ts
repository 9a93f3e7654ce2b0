import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      time_zone text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      email text NOT NULL CHECK (email = lower(email)),
      display_name text NOT NULL,
      password_hash text,
      status text NOT NULL CHECK (status IN ('invited', 'active', 'deactivated')),
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id)
    );
    -- Staff log in with an email alone, so an email belongs to one account across organizations.
    CREATE UNIQUE INDEX users_email_key ON users (email);

    CREATE TABLE user_roles (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk', 'auditor')),
      PRIMARY KEY (user_id, role),
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
    );

    CREATE TABLE user_sites (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      site_id uuid NOT NULL,
      PRIMARY KEY (user_id, site_id),
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, site_id) REFERENCES sites (organization_id, id)
    );

    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      code_hash text NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY, -- SHA-256 of the cookie token; the token itself is never stored
      user_id uuid NOT NULL REFERENCES users(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      stage text NOT NULL CHECK (stage IN ('active', 'mfa_required', 'mfa_enrolment_required')),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      ended_reason text,
      client_ip text
    );
    CREATE INDEX sessions_user_open ON sessions (user_id) WHERE ended_at IS NULL;

    CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      blocked_until timestamptz
    );

    CREATE TABLE one_time_tokens (
      token_hash text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('setup', 'invite')),
      organization_id uuid REFERENCES organizations(id),
      user_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid REFERENCES organizations(id),
      kind text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      last_error text
    );
    CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

    CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      chain_id uuid NOT NULL,
      chain_seq bigint NOT NULL,
      occurred_at timestamptz NOT NULL,
      organization_id uuid,
      user_id uuid,
      action text NOT NULL,
      entity_type text,
      entity_id text,
      patient_id uuid,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
      client_ip text,
      request_id text,
      details jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (chain_id, chain_seq)
    );
    CREATE INDEX audit_events_org_time ON audit_events (organization_id, occurred_at);
    CREATE INDEX audit_events_patient ON audit_events (patient_id) WHERE patient_id IS NOT NULL;

    -- The audit trail is append-only: no role, not even the table owner, may rewrite history.
    CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
  `.execute(db);
}
