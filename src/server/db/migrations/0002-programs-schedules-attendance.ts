import { sql, type Kysely } from 'kysely';

// Issue #3: sites and rooms, programs with intensity rules, staff profiles, closures, group
// templates, sessions (group and individual), patients, episodes of care with their level-of-care
// history and weekly plan, attendance, idempotency keys and calendar feeds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sites
      ADD COLUMN address text NOT NULL DEFAULT '',
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

    CREATE TABLE rooms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      site_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      capacity integer NOT NULL CHECK (capacity > 0),
      active boolean NOT NULL DEFAULT true,
      UNIQUE (organization_id, id),
      UNIQUE (site_id, name),
      FOREIGN KEY (organization_id, site_id) REFERENCES sites (organization_id, id)
    );

    CREATE TABLE programs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      site_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      level_of_care text NOT NULL CHECK (level_of_care IN ('OP', 'IOP', 'PHP')),
      population text NOT NULL CHECK (population IN ('adult', 'adolescent')),
      focus text NOT NULL CHECK (focus IN ('mental_health', 'substance_use', 'dual_diagnosis')),
      format text NOT NULL CHECK (format IN ('in_person', 'virtual', 'hybrid')),
      weekly_floor_minutes integer NOT NULL CHECK (weekly_floor_minutes >= 0),
      weekly_ceiling_minutes integer CHECK (weekly_ceiling_minutes IS NULL OR weekly_ceiling_minutes >= weekly_floor_minutes),
      min_days_per_week integer NOT NULL CHECK (min_days_per_week BETWEEN 0 AND 7),
      min_billable_days_per_week integer NOT NULL CHECK (min_billable_days_per_week BETWEEN 0 AND 7),
      min_billable_day_minutes integer NOT NULL CHECK (min_billable_day_minutes BETWEEN 0 AND 1440),
      group_capacity integer NOT NULL CHECK (group_capacity > 0),
      conditions text[] NOT NULL DEFAULT '{}',
      modalities text[] NOT NULL DEFAULT '{}',
      is_part2 boolean NOT NULL DEFAULT false,
      published boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, site_id) REFERENCES sites (organization_id, id)
    );

    CREATE TABLE staff_profiles (
      organization_id uuid NOT NULL,
      user_id uuid PRIMARY KEY,
      licence_type text NOT NULL DEFAULT '',
      licensed_states text[] NOT NULL DEFAULT '{}',
      modalities text[] NOT NULL DEFAULT '{}',
      -- [{ "weekday": 1..7, "start": "HH:MM", "end": "HH:MM" }] in the staff member's site time zone
      weekly_availability jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
    );

    CREATE TABLE closures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      site_id uuid, -- null: every site of the organization
      closed_on date NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
      FOREIGN KEY (organization_id, site_id) REFERENCES sites (organization_id, id)
    );
    CREATE UNIQUE INDEX closures_unique ON closures (organization_id, coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid), closed_on);

    CREATE TABLE group_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      program_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      modality text NOT NULL,
      days_of_week smallint[] NOT NULL CHECK (cardinality(days_of_week) BETWEEN 1 AND 7 AND days_of_week <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
      start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
      room_id uuid,
      telehealth boolean NOT NULL DEFAULT false,
      capacity integer NOT NULL CHECK (capacity > 0),
      starts_on date NOT NULL,
      ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, program_id) REFERENCES programs (organization_id, id),
      FOREIGN KEY (organization_id, room_id) REFERENCES rooms (organization_id, id),
      CHECK (room_id IS NOT NULL OR telehealth)
    );

    CREATE TABLE group_template_facilitators (
      organization_id uuid NOT NULL,
      template_id uuid NOT NULL,
      user_id uuid NOT NULL,
      PRIMARY KEY (template_id, user_id),
      FOREIGN KEY (organization_id, template_id) REFERENCES group_templates (organization_id, id),
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
    );

    CREATE TABLE patients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      legal_first_name text NOT NULL CHECK (length(legal_first_name) BETWEEN 1 AND 100),
      legal_last_name text NOT NULL CHECK (length(legal_last_name) BETWEEN 1 AND 100),
      preferred_name text,
      pronouns text,
      date_of_birth date NOT NULL,
      phone text,
      email text,
      state_of_residence char(2) NOT NULL,
      emergency_contact_name text,
      emergency_contact_phone text,
      availability_notes text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id)
    );
    CREATE INDEX patients_name ON patients (organization_id, lower(legal_last_name), lower(legal_first_name));

    CREATE TABLE episodes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      program_id uuid NOT NULL,
      level_of_care text NOT NULL CHECK (level_of_care IN ('OP', 'IOP', 'PHP')),
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      admitted_on date NOT NULL,
      expected_weeks integer CHECK (expected_weeks IS NULL OR expected_weeks BETWEEN 1 AND 104),
      discharged_on date,
      disposition text CHECK (disposition IN ('completed', 'stepped_down', 'stepped_up', 'left_against_advice', 'administrative', 'transferred')),
      aftercare_note text,
      previous_episode_id uuid REFERENCES episodes(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, program_id) REFERENCES programs (organization_id, id),
      CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
      CHECK ((status = 'closed') = (discharged_on IS NOT NULL AND disposition IS NOT NULL))
    );
    -- At most one open episode per patient and program: census counts follow episodes.
    CREATE UNIQUE INDEX episodes_one_open ON episodes (patient_id, program_id) WHERE status = 'open';
    CREATE INDEX episodes_program_open ON episodes (program_id) WHERE status = 'open';

    -- The level-of-care history: admission, transfers, step up/down, discharge, with reasons.
    CREATE TABLE episode_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('admitted', 'transferred_in', 'transferred_out', 'stepped_up', 'stepped_down', 'level_changed', 'discharged')),
      effective_on date NOT NULL,
      from_program_id uuid,
      to_program_id uuid,
      from_level text,
      to_level text,
      reason text NOT NULL DEFAULT '',
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id)
    );
    CREATE INDEX episode_events_episode ON episode_events (episode_id, effective_on);

    -- The weekly plan: which group series a patient attends, from when to when.
    CREATE TABLE episode_enrolments (
      organization_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      template_id uuid NOT NULL,
      starts_on date NOT NULL,
      ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
      PRIMARY KEY (episode_id, template_id, starts_on),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, template_id) REFERENCES group_templates (organization_id, id)
    );
    CREATE INDEX episode_enrolments_template ON episode_enrolments (template_id);

    -- Group occurrences and individual appointments alike; attendance hangs off a session.
    CREATE TABLE sessions_of_care (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      site_id uuid NOT NULL,
      program_id uuid,
      kind text NOT NULL CHECK (kind IN ('group', 'individual_therapy', 'family_session', 'psychiatric_evaluation', 'medication_management')),
      template_id uuid,
      occurrence_date date, -- the series date this occurrence belongs to (stays when moved)
      patient_id uuid,      -- individual appointments: the one patient
      episode_id uuid,
      title text NOT NULL,
      modality text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      local_date date NOT NULL, -- the site-local date the session starts on (intensity counts it there)
      room_id uuid,
      telehealth boolean NOT NULL DEFAULT false,
      capacity integer NOT NULL DEFAULT 1 CHECK (capacity > 0),
      clinician_ids uuid[] NOT NULL DEFAULT '{}',
      substitute_facilitator_id uuid,
      moved boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancel_reason text,
      cancelled_by text CHECK (cancelled_by IN ('closure', 'staff')),
      day_closed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, site_id) REFERENCES sites (organization_id, id),
      FOREIGN KEY (organization_id, program_id) REFERENCES programs (organization_id, id),
      FOREIGN KEY (organization_id, template_id) REFERENCES group_templates (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, room_id) REFERENCES rooms (organization_id, id),
      CHECK (ends_at > starts_at),
      CHECK ((kind = 'group') = (template_id IS NOT NULL OR patient_id IS NULL)),
      CHECK (status = 'scheduled' OR cancel_reason IS NOT NULL)
    );
    CREATE UNIQUE INDEX sessions_of_care_occurrence ON sessions_of_care (template_id, occurrence_date) WHERE template_id IS NOT NULL;
    CREATE INDEX sessions_of_care_site_time ON sessions_of_care (site_id, starts_at);
    CREATE INDEX sessions_of_care_patient_time ON sessions_of_care (patient_id, starts_at) WHERE patient_id IS NOT NULL;
    CREATE INDEX sessions_of_care_clinicians ON sessions_of_care USING gin (clinician_ids);

    CREATE TABLE attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      episode_id uuid,
      status text NOT NULL CHECK (status IN ('present', 'late', 'left_early', 'absent_excused', 'absent_unexcused', 'cancelled_by_program')),
      minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 720),
      mode text NOT NULL CHECK (mode IN ('in_person', 'telehealth')),
      walk_in boolean NOT NULL DEFAULT false,
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- One record per patient per session, whatever retries or second devices send.
      UNIQUE (session_id, patient_id),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions_of_care (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      CHECK (status IN ('present', 'late', 'left_early') OR minutes = 0)
    );
    CREATE INDEX attendance_patient ON attendance (patient_id);

    CREATE TABLE attendance_corrections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      attendance_id uuid NOT NULL,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
      before jsonb NOT NULL,
      after jsonb NOT NULL,
      corrected_by uuid NOT NULL,
      corrected_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, attendance_id) REFERENCES attendance (organization_id, id)
    );

    -- Stored results of retried writes (Idempotency-Key header), per organization and key.
    CREATE TABLE idempotency_keys (
      organization_id uuid NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      request_fingerprint text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, key)
    );

    CREATE TABLE calendar_feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
    );
  `.execute(db);
}
