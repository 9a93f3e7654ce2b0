import { sql, type Kysely } from 'kysely';

// A trainee's group note waits for their supervisor's co-signature, as an individual note does
// (docs/decisions/0032-group-note-cosignature.md): group_notes gains the 'awaiting_cosign' status
// and the co-signature columns of clinical_notes, with the same CHECKs. The locking triggers of
// migration 0009 are extended to allow exactly the named supervisor's co-signature and nothing
// else; group_note_entries need no change (they are locked once the note has a signed_at).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE group_notes
      -- Names Postgres gave migration 0009's unnamed CHECKs (status list; status = signed_at).
      DROP CONSTRAINT group_notes_status_check,
      DROP CONSTRAINT group_notes_check,
      ADD COLUMN cosigner_id uuid, -- the supervisor whose co-signature the note needs
      ADD COLUMN cosigned_by uuid,
      ADD COLUMN cosigned_at timestamptz,
      ADD FOREIGN KEY (organization_id, cosigner_id) REFERENCES users (organization_id, id),
      ADD FOREIGN KEY (organization_id, cosigned_by) REFERENCES users (organization_id, id),
      -- draft -> signed, or draft -> awaiting_cosign -> signed for a trainee's group note.
      ADD CONSTRAINT group_notes_status_values CHECK (status IN ('draft', 'awaiting_cosign', 'signed')),
      ADD CONSTRAINT group_notes_status_signed CHECK ((status = 'draft') = (signed_at IS NULL)),
      ADD CONSTRAINT group_notes_cosigned_pair CHECK ((cosigned_at IS NULL) = (cosigned_by IS NULL)),
      ADD CONSTRAINT group_notes_awaiting_cosigner CHECK (status <> 'awaiting_cosign' OR (cosigner_id IS NOT NULL AND cosigned_at IS NULL)),
      ADD CONSTRAINT group_notes_cosigned_when_signed CHECK (cosigner_id IS NULL OR status <> 'signed' OR cosigned_at IS NOT NULL),
      ADD CONSTRAINT group_notes_cosigned_by_cosigner CHECK (cosigned_by IS NULL OR cosigned_by = cosigner_id);

    CREATE INDEX group_notes_awaiting_cosign ON group_notes (organization_id, cosigner_id) WHERE status = 'awaiting_cosign';

    -- A signed group note never changes. The one change allowed: the named supervisor's
    -- co-signature of a note awaiting it.
    CREATE OR REPLACE FUNCTION group_notes_locked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.signed_at IS NOT NULL THEN
        RAISE EXCEPTION 'a signed group note is never deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.signed_at IS NOT NULL THEN
        IF OLD.status = 'awaiting_cosign' AND NEW.status = 'signed' AND NEW.cosigned_at IS NOT NULL
           AND NEW.cosigned_by = OLD.cosigner_id
           AND (to_jsonb(NEW) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at']) = (to_jsonb(OLD) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at']) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a signed group note is never changed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END;
    $$;

    -- As in 0009, plus: an attendee's note written by a group note is co-signed only together with
    -- its group note (which is co-signed first, by the same supervisor, in the same transaction).
    CREATE OR REPLACE FUNCTION clinical_notes_locked() RETURNS trigger LANGUAGE plpgsql AS $$
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
         AND (to_jsonb(NEW) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at']) = (to_jsonb(OLD) - ARRAY['status', 'cosigned_by', 'cosigned_at', 'updated_at'])
         AND (OLD.group_note_id IS NULL OR EXISTS (
           SELECT 1 FROM group_notes g WHERE g.id = OLD.group_note_id AND g.status = 'signed' AND g.cosigned_by = NEW.cosigned_by)) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'a signed note is never changed; write an addendum' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
  `.execute(db);
}
