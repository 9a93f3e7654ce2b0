import { sql, type Kysely } from 'kysely';

// Issue #4, the front door: organization settings shown on the public site, inquiries and the
// admissions pipeline (activity log, follow-up tasks), and level-of-care assessments. The shared
// data model of the public site, the admissions board and the assessment (docs/decisions/0015).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What the public site shows about the center; an admin edits them.
    ALTER TABLE organizations
      ADD COLUMN public_phone text NOT NULL DEFAULT '' CHECK (length(public_phone) <= 40),
      ADD COLUMN public_email text NOT NULL DEFAULT '' CHECK (length(public_email) <= 254),
      ADD COLUMN public_address text NOT NULL DEFAULT '' CHECK (length(public_address) <= 300),
      ADD COLUMN accreditations text[] NOT NULL DEFAULT '{}',
      ADD COLUMN logo bytea CHECK (logo IS NULL OR length(logo) <= 262144),
      ADD COLUMN logo_content_type text CHECK (logo_content_type IN ('image/png', 'image/jpeg', 'image/webp')),
      ADD COLUMN inquiry_response_target_minutes integer NOT NULL DEFAULT 60 CHECK (inquiry_response_target_minutes BETWEEN 5 AND 10080),
      ADD COLUMN settings_version integer NOT NULL DEFAULT 1,
      ADD CHECK ((logo IS NULL) = (logo_content_type IS NULL));

    -- A program's own words for the public page, in English and Spanish (optional).
    ALTER TABLE programs
      ADD COLUMN public_summary_en text NOT NULL DEFAULT '' CHECK (length(public_summary_en) <= 1000),
      ADD COLUMN public_summary_es text NOT NULL DEFAULT '' CHECK (length(public_summary_es) <= 1000);

    CREATE TABLE inquiries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      stage text NOT NULL DEFAULT 'new'
        CHECK (stage IN ('new', 'contacted', 'screening', 'assessment_scheduled', 'admitted', 'referred', 'closed')),
      closed_reason text CHECK (closed_reason IS NULL OR length(closed_reason) BETWEEN 1 AND 500),
      referred_to text CHECK (referred_to IS NULL OR length(referred_to) BETWEEN 1 AND 300),
      -- Urgent: same-day call-back (a sent self-check reporting current suicidal thoughts).
      urgent boolean NOT NULL DEFAULT false,
      urgent_reason text,
      source text NOT NULL CHECK (source IN ('web_form', 'api', 'staff')),
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
      for_whom text NOT NULL CHECK (for_whom IN ('self', 'loved_one')),
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
      -- When someone writes for a loved one: that person's first name, if given.
      patient_name text CHECK (patient_name IS NULL OR length(patient_name) BETWEEN 1 AND 200),
      phone text CHECK (phone IS NULL OR length(phone) <= 40),
      phone_normalized text,
      email text CHECK (email IS NULL OR length(email) <= 254),
      email_normalized text,
      best_time text CHECK (best_time IS NULL OR length(best_time) <= 200),
      state char(2),
      age_range text CHECK (age_range IN ('under_13', '13_17', '18_25', '26_64', '65_plus')),
      concerns text CHECK (concerns IS NULL OR length(concerns) <= 4000),
      program_id uuid,
      format_preference text CHECK (format_preference IN ('in_person', 'online', 'no_preference')),
      payer_name text CHECK (payer_name IS NULL OR length(payer_name) <= 200),
      member_id text CHECK (member_id IS NULL OR length(member_id) <= 100),
      heard_about text CHECK (heard_about IS NULL OR length(heard_about) <= 200),
      consent_to_contact boolean NOT NULL CHECK (consent_to_contact),
      privacy_notice_version text NOT NULL,
      -- The self-check answers and result, only when the visitor chose to send them.
      self_check jsonb,
      owner_id uuid,
      first_contact_at timestamptz,
      assessment_at timestamptz,
      assessment_clinician_id uuid,
      admitted_at timestamptz,
      patient_id uuid,
      episode_id uuid,
      merged_into_id uuid,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, program_id) REFERENCES programs (organization_id, id),
      FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, assessment_clinician_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, merged_into_id) REFERENCES inquiries (organization_id, id),
      CHECK (phone IS NOT NULL OR email IS NOT NULL),
      CHECK ((stage = 'closed') = (closed_reason IS NOT NULL)),
      CHECK ((stage = 'admitted') = (patient_id IS NOT NULL AND episode_id IS NOT NULL AND admitted_at IS NOT NULL)),
      CHECK (stage <> 'referred' OR referred_to IS NOT NULL),
      CHECK (merged_into_id IS NULL OR stage = 'closed')
    );
    CREATE INDEX inquiries_board ON inquiries (organization_id, stage, urgent DESC, created_at);
    CREATE INDEX inquiries_phone ON inquiries (organization_id, phone_normalized) WHERE phone_normalized IS NOT NULL;
    CREATE INDEX inquiries_email ON inquiries (organization_id, email_normalized) WHERE email_normalized IS NOT NULL;

    -- Everything that happened to an inquiry: calls with their outcome, emails, notes, stage changes.
    CREATE TABLE inquiry_activities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      inquiry_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('call', 'email', 'text_message', 'note', 'stage_change', 'assessment_booked', 'merged', 'submitted')),
      call_outcome text CHECK (call_outcome IN ('reached', 'left_voicemail', 'no_answer', 'wrong_number')),
      body text CHECK (body IS NULL OR length(body) <= 4000),
      stage_from text,
      stage_to text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, inquiry_id) REFERENCES inquiries (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      CHECK ((kind = 'call') = (call_outcome IS NOT NULL))
    );
    CREATE INDEX inquiry_activities_inquiry ON inquiry_activities (inquiry_id, created_at);

    CREATE TABLE inquiry_tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      inquiry_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      due_at timestamptz NOT NULL,
      owner_id uuid NOT NULL,
      done_at timestamptz,
      done_by uuid,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (organization_id, inquiry_id) REFERENCES inquiries (organization_id, id),
      FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, done_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      CHECK ((done_at IS NULL) = (done_by IS NULL))
    );
    CREATE INDEX inquiry_tasks_open ON inquiry_tasks (organization_id, owner_id, due_at) WHERE done_at IS NULL;

    -- A clinician's level-of-care assessment: ratings per dimension (pack data), the engine's
    -- recommendation with its reasons, and the level the clinician chose (an override needs a reason).
    -- Before admission it belongs to an inquiry; admission attaches it to the patient and episode;
    -- later ones (step up, step down) belong to the patient from the start.
    CREATE TABLE loc_assessments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      inquiry_id uuid,
      patient_id uuid,
      episode_id uuid,
      pack_id text NOT NULL,
      pack_version integer NOT NULL,
      ratings jsonb NOT NULL,
      recommended_level text NOT NULL CHECK (recommended_level IN ('inpatient_referral', 'PHP', 'IOP', 'OP')),
      recommendation_reasons jsonb NOT NULL,
      final_level text NOT NULL CHECK (final_level IN ('inpatient_referral', 'PHP', 'IOP', 'OP')),
      override_reason text CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 2000),
      note text CHECK (note IS NULL OR length(note) <= 4000),
      assessed_by uuid NOT NULL,
      assessed_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, inquiry_id) REFERENCES inquiries (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, episode_id) REFERENCES episodes (organization_id, id),
      FOREIGN KEY (organization_id, assessed_by) REFERENCES users (organization_id, id),
      CHECK (inquiry_id IS NOT NULL OR patient_id IS NOT NULL),
      CHECK ((final_level = recommended_level) OR override_reason IS NOT NULL)
    );
    CREATE INDEX loc_assessments_inquiry ON loc_assessments (inquiry_id, assessed_at) WHERE inquiry_id IS NOT NULL;
    CREATE INDEX loc_assessments_patient ON loc_assessments (patient_id, assessed_at) WHERE patient_id IS NOT NULL;
  `.execute(db);
}
