import { sql, type Kysely } from 'kysely';

// Issue #5, "shown to the patient": links that show the patient their current safety plan
// (docs/domain/safety.md, decision 0024). Unlike measure links they are not single-use: the plan
// is for the patient to keep coming back to, so a link lasts 30 days and staff can revoke it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE safety_plan_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      patient_id uuid NOT NULL,
      -- SHA-256 of the token; the token itself is shown once and never stored.
      token_hash bytea NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      last_viewed_at timestamptz,
      UNIQUE (organization_id, id),
      FOREIGN KEY (organization_id, patient_id) REFERENCES patients (organization_id, id),
      FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, revoked_by) REFERENCES users (organization_id, id),
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
      CHECK (expires_at > created_at)
    );
    CREATE INDEX safety_plan_links_patient ON safety_plan_links (organization_id, patient_id, created_at);
  `.execute(db);
}
