import { sql, type Kysely } from 'kysely';

// Issue #5, measurement-based care: each program's measurement schedule, stored questionnaire
// responses (link, kiosk or staff paper entry) and the single-use links patients answer through
// (docs/domain/measures.md, docs/decisions/0022-measure-links-and-kiosk.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE measure_schedules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      program_id uuid NOT NULL,
      instrument_code text NOT NULL CHECK (length(instrument_code) BETWEEN 1 AND 32),
      baseline boolean NOT NULL,
      every_days integer CHECK (every_days IS NULL OR every_days BETWEEN 1 AND 365),
      every_sessions integer CHECK (every_sessions IS NULL OR every_sessions BETWEEN 1 AND 100),
      at_level_change boolean NOT NULL,
      at_discharge boolean NOT NULL,
      UNIQUE (program_id, instrument_code),
      FOREIGN KEY (organization_id, program_id) REFERENCES programs (organization_id, id),
      -- One cadence at most: every N days or every N sessions.
      CHECK (every_days IS NULL OR every_sessions IS NULL)
    );

    -- Every program starts with the default schedule (PHQ-9 and GAD-7 at admission, weekly and at
    -- discharge); directors change it afterwards. A trigger so that every way of creating a
    -- program (API, demo, tests) gets it.
    CREATE FUNCTION measure_schedules_default() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO measure_schedules (organization_id, program_id, instrument_code, baseline, every_days, every_sessions, at_level_change, at_discharge)
      VALUES (NEW.organization_id, NEW.id, 'phq-9', true, 7, NULL, false, true),
             (NEW.organization_id, NEW.id, 'gad-7', true, 7, NULL, false, true);
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER programs_default_measure_schedule AFTER INSERT ON programs
      FOR EACH ROW EXECUTE FUNCTION measure_schedules_default();
    INSERT INTO measure_schedules (organization_id, program_id, instrument_code, baseline, every_days, every_sessions, at_level_change, at_discharge)
      SELECT organization_id, id, code, true, 7, NULL, false, true FROM programs, (VALUES ('phq-9'), ('gad-7')) AS c(code);

    CREATE TABLE measure_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      episode_id uuid,
      instrument_code text NOT NULL CHECK (length(instrument_code) BETWEEN 1 AND 32),
      -- 'link': the patient's own device; 'kiosk': a clinic tablet (short expiry, neutral thank-you page).
      kind text NOT NULL CHECK (kind IN ('link', 'kiosk')),
      -- SHA-256 of the token; the token itself is shown once and never stored.
      token_hash bytea NOT NULL UNIQUE,
      language text NOT NULL CHECK (language IN ('en', 'es')),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      response_id uuid,
      -- The hidden one-time key of the form that used the link: the same form posted again (double
      -- click, retry) is shown its result again instead of a "link used" page.
      submit_key text CHECK (submit_key IS NULL OR length(submit_key) <= 64),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      CHECK ((used_at IS NULL) = (response_id IS NULL)),
      CHECK ((used_at IS NULL) = (submit_key IS NULL)),
      CHECK (expires_at > created_at)
    );

    CREATE TABLE measure_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      episode_id uuid,
      instrument_code text NOT NULL CHECK (length(instrument_code) BETWEEN 1 AND 32),
      instrument_version text NOT NULL CHECK (length(instrument_version) BETWEEN 1 AND 32),
      answers jsonb NOT NULL,
      complete boolean NOT NULL,
      total integer,
      band text,
      flags text[] NOT NULL DEFAULT '{}',
      missing_items text[] NOT NULL DEFAULT '{}',
      source text NOT NULL CHECK (source IN ('link', 'kiosk', 'staff_entry')),
      entered_by uuid,
      link_id uuid UNIQUE,
      administered_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, entered_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, link_id) REFERENCES measure_links (organization_id, id),
      -- A total and band only from a complete form (docs/domain/instruments.md).
      CHECK (complete OR (total IS NULL AND band IS NULL)),
      CHECK (complete = (cardinality(missing_items) = 0)),
      CHECK ((source = 'staff_entry') = (entered_by IS NOT NULL)),
      CHECK ((source = 'staff_entry') = (link_id IS NULL))
    );
    CREATE INDEX measure_responses_patient ON measure_responses (organization_id, patient_id, administered_at);

    ALTER TABLE measure_links
      ADD FOREIGN KEY (organization_id, response_id) REFERENCES measure_responses (organization_id, id);
  `.execute(db);
}
