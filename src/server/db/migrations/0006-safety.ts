import { sql, type Kysely } from 'kysely';

// Issue #5, suicide-risk safety: staff alerts raised in the same transaction as the answer that
// caused them, their escalation to the directors, and versioned Stanley-Brown safety plans
// (docs/domain/safety.md, docs/decisions/0021-safety-alerts.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Minutes an open alert may wait before it escalates to the organization's directors.
    ALTER TABLE organizations
      ADD COLUMN safety_escalation_acute_minutes integer NOT NULL DEFAULT 30
        CHECK (safety_escalation_acute_minutes BETWEEN 1 AND 1440),
      ADD COLUMN safety_escalation_positive_minutes integer NOT NULL DEFAULT 240
        CHECK (safety_escalation_positive_minutes BETWEEN 1 AND 10080);

    CREATE TABLE safety_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      -- A patient's alert, or a prospective patient's (a public self-check sent with an inquiry).
      patient_id uuid,
      inquiry_id uuid,
      source text NOT NULL CHECK (source IN ('measure', 'self_check', 'staff')),
      -- What caused it in its source module (e.g. a questionnaire response id); never its content.
      source_ref text CHECK (source_ref IS NULL OR length(source_ref) <= 100),
      severity text NOT NULL CHECK (severity IN ('acute', 'positive')),
      reason_code text NOT NULL CHECK (length(reason_code) BETWEEN 1 AND 64),
      note text CHECK (note IS NULL OR length(note) <= 2000),
      raised_by uuid,
      created_at timestamptz NOT NULL,
      escalate_at timestamptz NOT NULL,
      escalated_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      actions text[] NOT NULL DEFAULT '{}'
        CHECK (actions <@ ARRAY['safety_assessment_done', 'safety_plan_reviewed', 'level_of_care_reconsidered', 'emergency_services', 'other']::text[]),
      ack_note text CHECK (ack_note IS NULL OR length(ack_note) <= 2000),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, inquiry_id) REFERENCES inquiries (organization_id, id),
      FOREIGN KEY (organization_id, raised_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, acknowledged_by) REFERENCES users (organization_id, id),
      CHECK ((patient_id IS NULL) <> (inquiry_id IS NULL)),
      CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
      CHECK (acknowledged_at IS NULL OR cardinality(actions) >= 1),
      CHECK (escalate_at >= created_at)
    );
    -- The open queue of an organization, and the escalation job's scan of due alerts.
    CREATE INDEX safety_alerts_open ON safety_alerts (organization_id, severity, created_at) WHERE acknowledged_at IS NULL;
    CREATE INDEX safety_alerts_due ON safety_alerts (escalate_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
    CREATE INDEX safety_alerts_patient ON safety_alerts (organization_id, patient_id, created_at) WHERE patient_id IS NOT NULL;
    CREATE INDEX safety_alerts_acknowledged ON safety_alerts (organization_id, acknowledged_at) WHERE acknowledged_at IS NOT NULL;

    -- Stanley-Brown safety plan (DOMAIN.md section 6): six lists of short entries. A version is
    -- never edited; a change is the next version.
    CREATE TABLE safety_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      warning_signs text[] NOT NULL,
      internal_coping text[] NOT NULL,
      social_distraction text[] NOT NULL,
      people_to_ask text[] NOT NULL,
      professionals text[] NOT NULL,
      safe_environment text[] NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (organization_id, id),
      UNIQUE (patient_id, version),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id)
    );

    CREATE FUNCTION safety_plans_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'safety plan versions are never changed; save a new version';
    END;
    $$;
    CREATE TRIGGER safety_plans_no_update BEFORE UPDATE ON safety_plans
      FOR EACH ROW EXECUTE FUNCTION safety_plans_immutable();
  `.execute(db);
}
