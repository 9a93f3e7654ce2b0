import { sql, type Kysely } from 'kysely';

// A director reassigns a pending co-signature when the named supervisor cannot give it
// (docs/decisions/0034-cosigner-reassignment.md). The locking triggers of migration 0011 gain ONE
// allowed change: a note or group note awaiting co-signature may name another co-signer (not its
// signer), touching nothing but cosigner_id and updated_at. An attendee's note written by a group
// note follows its group note: it may only take the group note's (already reassigned) co-signer,
// and at commit no attendee note may still wait for a different co-signer than its group note.
// Each reassignment is recorded with the director's reason in cosigner_reassignments; the audit
// event carries only ids (the reason is staff text that may still mention a patient).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cosigner_reassignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      -- Exactly one of the two: an individual note, or a group note (with its attendee notes).
      clinical_note_id uuid,
      group_note_id uuid,
      from_cosigner_id uuid NOT NULL,
      to_cosigner_id uuid NOT NULL,
      reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
      reassigned_by uuid NOT NULL,
      reassigned_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, clinical_note_id) REFERENCES clinical_notes (organization_id, id),
      FOREIGN KEY (organization_id, group_note_id) REFERENCES group_notes (organization_id, id),
      FOREIGN KEY (organization_id, from_cosigner_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, to_cosigner_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, reassigned_by) REFERENCES users (organization_id, id),
      CHECK (num_nonnulls(clinical_note_id, group_note_id) = 1),
      CHECK (from_cosigner_id <> to_cosigner_id)
    );
    CREATE INDEX cosigner_reassignments_clinical_note ON cosigner_reassignments (clinical_note_id) WHERE clinical_note_id IS NOT NULL;
    CREATE INDEX cosigner_reassignments_group_note ON cosigner_reassignments (group_note_id) WHERE group_note_id IS NOT NULL;

    -- A draft names no co-signer (signing does, from the signer's profile), so nothing can
    -- "reassign" a draft around the rules below.
    ALTER TABLE clinical_notes ADD CONSTRAINT clinical_notes_draft_no_cosigner CHECK (status <> 'draft' OR cosigner_id IS NULL);
    ALTER TABLE group_notes ADD CONSTRAINT group_notes_draft_no_cosigner CHECK (status <> 'draft' OR cosigner_id IS NULL);

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
        -- Reassignment: another co-signer, not the signer; nothing else changes.
        IF OLD.status = 'awaiting_cosign' AND NEW.status = 'awaiting_cosign'
           AND NEW.cosigner_id IS NOT NULL AND NEW.cosigner_id <> OLD.cosigner_id AND NEW.cosigner_id <> OLD.signed_by
           AND (to_jsonb(NEW) - ARRAY['cosigner_id', 'updated_at']) = (to_jsonb(OLD) - ARRAY['cosigner_id', 'updated_at']) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a signed group note is never changed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END;
    $$;

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
      -- Reassignment: another co-signer, not the signer; nothing else changes. An attendee's note
      -- only follows its group note, which is reassigned first in the same transaction.
      IF OLD.status = 'awaiting_cosign' AND NEW.status = 'awaiting_cosign'
         AND NEW.cosigner_id IS NOT NULL AND NEW.cosigner_id <> OLD.cosigner_id AND NEW.cosigner_id <> OLD.signed_by
         AND (to_jsonb(NEW) - ARRAY['cosigner_id', 'updated_at']) = (to_jsonb(OLD) - ARRAY['cosigner_id', 'updated_at'])
         AND (OLD.group_note_id IS NULL OR EXISTS (
           SELECT 1 FROM group_notes g WHERE g.id = OLD.group_note_id AND g.status = 'awaiting_cosign' AND g.cosigner_id = NEW.cosigner_id)) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'a signed note is never changed; write an addendum' USING ERRCODE = 'insufficient_privilege';
    END;
    $$;

    -- A group note is never reassigned without its attendee notes: checked at commit, when both
    -- updates of the reassignment have run.
    CREATE FUNCTION group_note_cosigner_shared() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM group_notes g JOIN clinical_notes c ON c.group_note_id = g.id
        WHERE g.id = NEW.id AND g.status = 'awaiting_cosign' AND c.status = 'awaiting_cosign'
          AND c.cosigner_id IS DISTINCT FROM g.cosigner_id) THEN
        RAISE EXCEPTION 'a group note and its attendee notes wait for the same co-signer' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE CONSTRAINT TRIGGER group_notes_cosigner_shared AFTER UPDATE OF cosigner_id ON group_notes
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION group_note_cosigner_shared();
  `.execute(db);
}
