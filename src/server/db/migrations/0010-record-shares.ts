import { sql, type Kysely } from 'kysely';

// Issue #6, the last two disclosure channels (docs/decisions/0030-disclosure-channels.md): a data
// export (a JSON file downloaded for an outside party) writes a disclosure log row like a PDF; an
// API share is a revocable, expiring grant an outside system fetches with a bearer token. Creating
// the grant discloses nothing; every fetch is decided again and, when allowed, logged with the
// grant's id. The token is stored only as its SHA-256.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE record_shares (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 500),
      purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
      basis text NOT NULL CHECK (length(basis) BETWEEN 1 AND 64),
      consent_id uuid,
      -- What the grant covers: { "kind": "note", "noteId" } | { "kind": "plan", "planId" } |
      -- { "kind": "chart", "from", "to", "includeCounselingNotes" }.
      selection jsonb NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid,
      fetch_count integer NOT NULL DEFAULT 0 CHECK (fetch_count >= 0),
      last_fetched_at timestamptz,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, revoked_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, consent_id) REFERENCES part2_consents (organization_id, id),
      CHECK (expires_at > created_at),
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
      CHECK ((basis = 'consent') = (consent_id IS NOT NULL)),
      CHECK ((fetch_count = 0) = (last_fetched_at IS NULL))
    );
    CREATE INDEX record_shares_patient ON record_shares (organization_id, patient_id, created_at);

    -- A grant never changes what it covers, who it is for or why: only revocation and the fetch count.
    CREATE FUNCTION record_shares_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a record share is never deleted; revoke it' USING ERRCODE = 'check_violation';
      END IF;
      IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at, NEW.revoked_by) IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by) THEN
        RAISE EXCEPTION 'a revoked record share stays revoked' USING ERRCODE = 'check_violation';
      END IF;
      -- The count is the trail of fetches next to the disclosure log: it never goes back.
      IF NEW.fetch_count < OLD.fetch_count OR (NEW.fetch_count = OLD.fetch_count AND NEW.last_fetched_at IS DISTINCT FROM OLD.last_fetched_at) THEN
        RAISE EXCEPTION 'a record share''s fetch count only counts up' USING ERRCODE = 'check_violation';
      END IF;
      IF (to_jsonb(NEW) - ARRAY['revoked_at', 'revoked_by', 'fetch_count', 'last_fetched_at'])
         IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['revoked_at', 'revoked_by', 'fetch_count', 'last_fetched_at']) THEN
        RAISE EXCEPTION 'a record share changes only by revocation or a fetch' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER record_shares_no_rewrite BEFORE UPDATE OR DELETE ON record_shares FOR EACH ROW EXECUTE FUNCTION record_shares_locked();

    -- Each fetch of an API share is a disclosure of its own, logged with the grant it came through.
    ALTER TABLE disclosures
      ADD COLUMN share_id uuid,
      ADD FOREIGN KEY (organization_id, share_id) REFERENCES record_shares (organization_id, id),
      ADD CHECK ((channel = 'api_share') = (share_id IS NOT NULL));
  `.execute(db);
}
