import { sql, type Kysely } from 'kysely';

// Each organization's audit chain is split into a few independent shards so concurrent writers
// (check-ins from many devices) do not queue behind one lock (docs/decisions/0004-audit-chain.md).
// Adding a column with a default rewrites no rows, so the append-only triggers are not involved.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_events ADD COLUMN chain_shard smallint NOT NULL DEFAULT 0 CHECK (chain_shard BETWEEN 0 AND 63);
    ALTER TABLE audit_events DROP CONSTRAINT audit_events_chain_id_chain_seq_key;
    ALTER TABLE audit_events ADD CONSTRAINT audit_events_chain_key UNIQUE (chain_id, chain_shard, chain_seq);
  `.execute(db);
}
