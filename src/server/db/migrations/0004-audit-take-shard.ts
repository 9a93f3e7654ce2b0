import { sql, type Kysely } from 'kysely';

// One round trip to start appending to an organization's audit chain (docs/decisions/0004-audit-chain.md):
// take the first free shard lock (or wait for a random one when all are busy), then read that
// shard's last row. The read is a separate statement inside a VOLATILE function, so it takes its
// snapshot after the lock is held and sees the row of the writer that held the lock before us.
// The lock key is the same text the writer used before this function existed ('<chain>/<shard>').
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_take_shard(p_chain uuid, p_shards integer)
    RETURNS TABLE (shard integer, last_seq bigint, last_hash text, last_occurred_at timestamptz)
    LANGUAGE plpgsql VOLATILE AS $fn$
    DECLARE
      taken integer;
    BEGIN
      FOR candidate IN 0 .. p_shards - 1 LOOP
        IF pg_try_advisory_xact_lock(hashtextextended(p_chain::text || '/' || candidate, 7)) THEN
          taken := candidate;
          EXIT;
        END IF;
      END LOOP;
      IF taken IS NULL THEN
        taken := floor(random() * p_shards)::integer;
        PERFORM pg_advisory_xact_lock(hashtextextended(p_chain::text || '/' || taken, 7));
      END IF;
      RETURN QUERY
        SELECT taken, e.chain_seq, e.hash, e.occurred_at FROM audit_events e
        WHERE e.chain_id = p_chain AND e.chain_shard = taken
        ORDER BY e.chain_seq DESC LIMIT 1;
      IF NOT FOUND THEN
        RETURN QUERY SELECT taken, NULL::bigint, NULL::text, NULL::timestamptz;
      END IF;
    END
    $fn$
  `.execute(db);
}
