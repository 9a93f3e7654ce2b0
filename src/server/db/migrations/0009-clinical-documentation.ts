import { sql, type Kysely } from 'kysely';

// Issue #6, clinical documentation: versioned treatment plans with clinician and patient
// signatures, notes (individual, psychiatric, family, crisis, SUD counseling and the per-attendee
// notes a signed group note creates), addenda, supervisor co-signature, and 42 CFR Part 2 consents
// and the disclosure log (docs/decisions/0025-clinical-documentation-data-model.md).
//
// The database itself enforces what must never depend on application code being right:
// - Part 2 tagging: a record of an episode (or group session) in a Part 2 program, and every SUD
//   counseling note, is tagged on insert; nobody can clear the tag.
// - Signed notes, signed group notes and clinician-signed plans are immutable (the only changes
//   allowed are a supervisor's co-signature and the patient's signature); signed records are never
//   deleted; addenda only attach to signed notes; addenda and the disclosure log are append-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE organizations
      -- Treatment plans are reviewed every N days (the review due date of a new version).
      ADD COLUMN plan_review_days integer NOT NULL DEFAULT 30 CHECK (plan_review_days BETWEEN 7 AND 365),
      -- Notes still unsigned this many hours after the service are late (timeliness report).
      ADD COLUMN note_signing_limit_hours integer NOT NULL DEFAULT 72 CHECK (note_signing_limit_hours BETWEEN 1 AND 720);

    ALTER TABLE staff_profiles
      -- A trainee's notes need this supervisor's co-signature before they count as signed.
      ADD COLUMN cosign_supervisor_id uuid,
      -- Explicit access to SUD counseling notes written by others (42 CFR Part 2).
      ADD COLUMN counseling_notes_access boolean NOT NULL DEFAULT false,
      ADD FOREIGN KEY (organization_id, cosign_supervisor_id) REFERENCES users (organization_id, id),
      ADD CHECK (cosign_supervisor_id IS NULL OR cosign_supervisor_id <> user_id);

    -- The tag: true when the episode's (or the session's) program is a Part 2 program.
    CREATE FUNCTION part2_program_of(p_episode_id uuid, p_session_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT p.is_part2 FROM episodes e JOIN programs p ON p.id = e.program_id WHERE e.id = p_episode_id), false)
          OR coalesce((SELECT p.is_part2 FROM sessions_of_care s JOIN programs p ON p.id = s.program_id WHERE s.id = p_session_id), false);
    $$;

    -- One version of a patient's treatment plan for an episode. Version 1 is the initial plan; a
    -- revision is the next version, started from a copy of the previous one, which stays readable.
    CREATE TABLE treatment_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      plan_version integer NOT NULL CHECK (plan_version >= 1),
      -- TreatmentPlanContent (src/domain/treatment-plans/plan-content.ts): problems with diagnoses,
      -- goals, objectives (stable ids across versions) and interventions.
      content jsonb NOT NULL,
      planned_days_per_week integer CHECK (planned_days_per_week IS NULL OR planned_days_per_week BETWEEN 0 AND 7),
      planned_minutes_per_week integer CHECK (planned_minutes_per_week IS NULL OR planned_minutes_per_week BETWEEN 0 AND 10080),
      review_due_on date,
      reviewed_on date, -- set on a revision that is a scheduled review
      revision_reason text CHECK (revision_reason IS NULL OR length(revision_reason) <= 2000),
      part2 boolean NOT NULL DEFAULT false,
      -- Optimistic concurrency of the draft (If-Match / body "version"); 412 on a stale save.
      version integer NOT NULL DEFAULT 1,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      clinician_signed_by uuid,
      clinician_signed_at timestamptz,
      patient_signed_name text CHECK (patient_signed_name IS NULL OR length(patient_signed_name) BETWEEN 1 AND 200),
      patient_signed_at timestamptz,
      -- 'device': signed on a clinic device handed to the patient; 'link': through a one-time link.
      patient_signature_method text CHECK (patient_signature_method IN ('device', 'link')),
      -- Optional drawn signature as a PNG data URL.
      patient_signature_image text CHECK (patient_signature_image IS NULL OR length(patient_signature_image) <= 200000),
      patient_declined_reason text CHECK (patient_declined_reason IS NULL OR length(patient_declined_reason) <= 1000),
      UNIQUE (organization_id, id),
      UNIQUE (episode_id, plan_version),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, clinician_signed_by) REFERENCES users (organization_id, id),
      CHECK ((clinician_signed_at IS NULL) = (clinician_signed_by IS NULL)),
      CHECK ((patient_signed_at IS NULL) = (patient_signed_name IS NULL)),
      CHECK ((patient_signed_at IS NULL) = (patient_signature_method IS NULL)),
      CHECK (patient_signed_at IS NULL OR clinician_signed_at IS NOT NULL)
    );
    CREATE INDEX treatment_plans_patient ON treatment_plans (organization_id, patient_id, episode_id, plan_version);
    CREATE INDEX treatment_plans_review_due ON treatment_plans (organization_id, review_due_on) WHERE clinician_signed_at IS NOT NULL;

    -- One-time links through which a patient reads and signs a clinician-signed plan version.
    CREATE TABLE treatment_plan_sign_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      plan_id uuid NOT NULL,
      token_hash bytea NOT NULL UNIQUE, -- SHA-256 of the token; the token is shown once
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, plan_id) REFERENCES treatment_plans (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      CHECK (expires_at > created_at)
    );

    -- A group session's note: one shared summary, an individualized entry per attendee. Signing it
    -- writes one signed clinical_notes row (note_type 'group') into each attendee's chart.
    CREATE TABLE group_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      session_id uuid NOT NULL UNIQUE,
      -- GroupSummary (src/domain/notes/note-content.ts): topic, modality, interventions, summary.
      summary jsonb NOT NULL DEFAULT '{}',
      part2 boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
      version integer NOT NULL DEFAULT 1,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      signed_by uuid,
      signed_at timestamptz,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions_of_care (organization_id, id),
      FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, signed_by) REFERENCES users (organization_id, id),
      CHECK ((status = 'signed') = (signed_at IS NOT NULL)),
      CHECK ((signed_at IS NULL) = (signed_by IS NULL))
    );

    CREATE TABLE group_note_entries (
      organization_id uuid NOT NULL,
      group_note_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      episode_id uuid,
      participation text NOT NULL DEFAULT '' CHECK (length(participation) <= 10000),
      response text NOT NULL DEFAULT '' CHECK (length(response) <= 10000),
      progress text NOT NULL DEFAULT '' CHECK (length(progress) <= 10000),
      addressed_objective_ids uuid[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (group_note_id, patient_id),
      FOREIGN KEY (organization_id, group_note_id) REFERENCES group_notes (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id)
    );

    -- Every note in a chart. content is the note type's fields (src/domain/notes/note-content.ts).
    CREATE TABLE clinical_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      episode_id uuid,
      note_type text NOT NULL CHECK (note_type IN ('progress_dap', 'psychiatric_evaluation', 'medication_management', 'family_session', 'crisis_safety', 'sud_counseling', 'group')),
      session_id uuid,
      group_note_id uuid,
      service_date date NOT NULL,
      duration_minutes integer CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 720),
      content jsonb NOT NULL DEFAULT '{}',
      -- Treatment-plan objective ids this note says were addressed in the session.
      addressed_objective_ids uuid[] NOT NULL DEFAULT '{}',
      part2 boolean NOT NULL DEFAULT false,
      -- draft -> signed, or draft -> awaiting_cosign -> signed for a trainee's note.
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting_cosign', 'signed')),
      version integer NOT NULL DEFAULT 1,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      signed_by uuid,
      signed_at timestamptz,
      cosigner_id uuid, -- the supervisor whose co-signature the note needs
      cosigned_by uuid,
      cosigned_at timestamptz,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions_of_care (organization_id, id),
      FOREIGN KEY (organization_id, group_note_id) REFERENCES group_notes (organization_id, id),
      FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, signed_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, cosigner_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, cosigned_by) REFERENCES users (organization_id, id),
      CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
      CHECK ((status = 'draft') = (signed_at IS NULL)),
      CHECK ((cosigned_at IS NULL) = (cosigned_by IS NULL)),
      CHECK (status <> 'awaiting_cosign' OR (cosigner_id IS NOT NULL AND cosigned_at IS NULL)),
      CHECK (cosigner_id IS NULL OR status <> 'signed' OR cosigned_at IS NOT NULL),
      CHECK ((note_type = 'group') = (group_note_id IS NOT NULL))
    );
    CREATE INDEX clinical_notes_patient ON clinical_notes (organization_id, patient_id, service_date);
    CREATE INDEX clinical_notes_unsigned ON clinical_notes (organization_id, author_id, service_date) WHERE status <> 'signed';
    CREATE UNIQUE INDEX clinical_notes_group_attendee ON clinical_notes (group_note_id, patient_id) WHERE group_note_id IS NOT NULL;
    CREATE INDEX clinical_notes_objectives ON clinical_notes USING gin (addressed_objective_ids);

    -- Late entries, corrections and clarifications: signed, dated and attributed on creation.
    CREATE TABLE note_addenda (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      note_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('correction', 'late_entry', 'clarification')),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      author_id uuid NOT NULL,
      signed_at timestamptz NOT NULL,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, note_id) REFERENCES clinical_notes (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id)
    );
    CREATE INDEX note_addenda_note ON note_addenda (note_id, signed_at);

    -- 42 CFR 2.31 consent to disclose. Editable while a draft; activation requires every element;
    -- once active only its revocation (written, dated, attributed) changes it.
    CREATE TABLE part2_consents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'revoked')),
      discloser text NOT NULL DEFAULT '' CHECK (length(discloser) <= 500),            -- who may disclose
      information text NOT NULL DEFAULT '' CHECK (length(information) <= 2000),        -- what, how much, what kind
      -- Which kinds of records the consent covers; 'sud_counseling_notes' only by name.
      record_kinds text[] NOT NULL DEFAULT '{}'
        CHECK (record_kinds <@ ARRAY['treatment_plans', 'notes', 'sud_counseling_notes', 'attendance', 'measures', 'diagnoses']::text[]),
      recipients text[] NOT NULL DEFAULT '{}',                                          -- names or a general designation
      purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 1000),
      -- A single consent for all future treatment, payment and health-care operations (2.31(a)(4)).
      treatment_payment_operations boolean NOT NULL DEFAULT false,
      revocation_right_stated boolean NOT NULL DEFAULT false,
      expires_on date,
      expiry_event text CHECK (expiry_event IS NULL OR length(expiry_event) <= 500),
      patient_signed_name text CHECK (patient_signed_name IS NULL OR length(patient_signed_name) <= 200),
      -- Signed by a guardian or personal representative instead of the patient.
      signer_relationship text CHECK (signer_relationship IS NULL OR length(signer_relationship) <= 200),
      signed_on date,
      version integer NOT NULL DEFAULT 1,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      activated_by uuid,
      activated_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid, -- the staff member who recorded the patient's written revocation
      revocation_note text CHECK (revocation_note IS NULL OR length(revocation_note) <= 2000),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, activated_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, revoked_by) REFERENCES users (organization_id, id),
      CHECK ((status = 'draft') = (activated_at IS NULL)),
      CHECK ((activated_at IS NULL) = (activated_by IS NULL)),
      CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
      -- An active consent has every 2.31 element.
      CHECK (status = 'draft' OR (
        length(discloser) > 0 AND length(information) > 0 AND cardinality(record_kinds) > 0 AND cardinality(recipients) > 0
        AND length(purpose) > 0 AND revocation_right_stated AND (expires_on IS NOT NULL OR expiry_event IS NOT NULL)
        AND patient_signed_name IS NOT NULL AND signed_on IS NOT NULL))
    );
    CREATE INDEX part2_consents_patient ON part2_consents (organization_id, patient_id, status);

    -- Every disclosure to someone outside the program: what left, to whom, why, on what basis.
    CREATE TABLE disclosures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      disclosed_at timestamptz NOT NULL,
      disclosed_by uuid NOT NULL,
      recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 500),
      purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
      -- 'consent', or a permitted no-consent basis (e.g. 'medical_emergency', 'court_order'), or
      -- 'not_part2' when nothing disclosed was Part 2.
      basis text NOT NULL CHECK (length(basis) BETWEEN 1 AND 64),
      consent_id uuid,
      channel text NOT NULL CHECK (channel IN ('pdf', 'print', 'data_export', 'api_share')),
      -- What left: e.g. [{ "kind": "note", "id": ... }] or [{ "kind": "chart", "from": ..., "to": ... }].
      records jsonb NOT NULL,
      included_part2 boolean NOT NULL,
      notice_included boolean NOT NULL,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, disclosed_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, consent_id) REFERENCES part2_consents (organization_id, id),
      CHECK ((basis = 'consent') = (consent_id IS NOT NULL)),
      CHECK (NOT included_part2 OR notice_included)
    );
    CREATE INDEX disclosures_patient ON disclosures (organization_id, patient_id, disclosed_at);

    -- Part 2 tagging, set by the database from the program; the tag can never be cleared.
    CREATE FUNCTION part2_tag() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.part2 AND NOT NEW.part2 THEN
        RAISE EXCEPTION 'the Part 2 tag of a record cannot be removed' USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'UPDATE' THEN
        RETURN NEW; -- the tag is set when the record is created (a later program change does not re-tag it)
      END IF;
      IF TG_TABLE_NAME = 'treatment_plans' THEN
        NEW.part2 := NEW.part2 OR part2_program_of(NEW.episode_id, NULL);
      ELSIF TG_TABLE_NAME = 'group_notes' THEN
        NEW.part2 := NEW.part2 OR part2_program_of(NULL, NEW.session_id);
      ELSE
        NEW.part2 := NEW.part2 OR NEW.note_type = 'sud_counseling' OR part2_program_of(NEW.episode_id, NEW.session_id);
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER treatment_plans_part2 BEFORE INSERT OR UPDATE ON treatment_plans FOR EACH ROW EXECUTE FUNCTION part2_tag();
    CREATE TRIGGER group_notes_part2 BEFORE INSERT OR UPDATE ON group_notes FOR EACH ROW EXECUTE FUNCTION part2_tag();
    CREATE TRIGGER clinical_notes_part2 BEFORE INSERT OR UPDATE ON clinical_notes FOR EACH ROW EXECUTE FUNCTION part2_tag();

    -- A signed note never changes. The one change allowed: the named supervisor's co-signature
    -- of a note awaiting it.
    CREATE FUNCTION clinical_notes_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.signed_at IS NOT NULL THEN
          RAISE EXCEPTION 'a signed note is never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.signed_at IS NULL THEN
        RETURN NEW;
      END IF;
      IF OLD.status = 'awaiting_cosign' AND NEW.status = 'signed' AND NEW.cosigned_at IS NOT NULL
         AND NEW.cosigned_by = OLD.cosigner_id
         AND (to_jsonb(NEW) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at']) = (to_jsonb(OLD) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at']) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'a signed note is never changed; write an addendum' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER clinical_notes_signed_locked BEFORE UPDATE OR DELETE ON clinical_notes FOR EACH ROW EXECUTE FUNCTION clinical_notes_locked();

    CREATE FUNCTION group_notes_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.signed_at IS NOT NULL THEN
        RAISE EXCEPTION 'a signed group note is never deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.signed_at IS NOT NULL THEN
        RAISE EXCEPTION 'a signed group note is never changed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END;
    $$;
    CREATE TRIGGER group_notes_signed_locked BEFORE UPDATE OR DELETE ON group_notes FOR EACH ROW EXECUTE FUNCTION group_notes_locked();

    CREATE FUNCTION group_note_entries_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      note_id uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.group_note_id ELSE OLD.group_note_id END;
    BEGIN
      IF EXISTS (SELECT 1 FROM group_notes WHERE id = note_id AND signed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'the entries of a signed group note are never changed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END;
    $$;
    CREATE TRIGGER group_note_entries_signed_locked BEFORE INSERT OR UPDATE OR DELETE ON group_note_entries
      FOR EACH ROW EXECUTE FUNCTION group_note_entries_locked();

    -- A clinician-signed plan version never changes, except that the patient's signature (or the
    -- reason the patient did not sign) is added once.
    CREATE FUNCTION treatment_plans_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      patient_columns text[] := ARRAY['patient_signed_name', 'patient_signed_at', 'patient_signature_method', 'patient_signature_image', 'patient_declined_reason', 'updated_at'];
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.clinician_signed_at IS NOT NULL THEN
          RAISE EXCEPTION 'a signed treatment plan is never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.clinician_signed_at IS NULL THEN
        RETURN NEW;
      END IF;
      IF OLD.patient_signed_at IS NULL AND OLD.patient_declined_reason IS NULL
         AND (to_jsonb(NEW) - patient_columns) = (to_jsonb(OLD) - patient_columns) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'a signed treatment plan is never changed; start a revision' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER treatment_plans_signed_locked BEFORE UPDATE OR DELETE ON treatment_plans FOR EACH ROW EXECUTE FUNCTION treatment_plans_locked();

    -- Addenda attach to signed notes only, and are never changed.
    CREATE FUNCTION note_addenda_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'addenda are never changed or deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM clinical_notes WHERE id = NEW.note_id AND signed_at IS NOT NULL AND patient_id = NEW.patient_id) THEN
        RAISE EXCEPTION 'an addendum attaches to a signed note of the same patient' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER note_addenda_append_only BEFORE INSERT OR UPDATE OR DELETE ON note_addenda FOR EACH ROW EXECUTE FUNCTION note_addenda_guard();

    -- An active consent changes only by its revocation; a revoked one never changes.
    CREATE FUNCTION part2_consents_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      revocation_columns text[] := ARRAY['status', 'revoked_at', 'revoked_by', 'revocation_note', 'updated_at', 'version'];
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
          RAISE EXCEPTION 'an activated consent is never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.status = 'draft' THEN
        RETURN NEW;
      END IF;
      IF OLD.status = 'active' AND NEW.status = 'revoked'
         AND (to_jsonb(NEW) - revocation_columns) = (to_jsonb(OLD) - revocation_columns) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'an active consent changes only by revocation' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER part2_consents_lock BEFORE UPDATE OR DELETE ON part2_consents FOR EACH ROW EXECUTE FUNCTION part2_consents_locked();

    CREATE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the disclosure log is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER disclosures_no_update_delete BEFORE UPDATE OR DELETE ON disclosures FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();
  `.execute(db);
}
