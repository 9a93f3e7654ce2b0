// `npm run audit:verify`: re-checks every audit chain from its first row with the audit key.
// Exit 0 when intact; 1 at the first altered, deleted or reordered row; 2 when it could not check.
import { verifyAuditChains } from '../src/server/audit/audit.verifier.js';
import { loadConfig } from '../src/server/config.js';
import { loadAuditKey } from '../src/server/data-dir.js';
import { connectForTools } from '../src/server/db/connect-for-tools.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const key = loadAuditKey(config, { create: false });
  const connection = await connectForTools(config, 'npm run audit:verify', { createCluster: false });
  try {
    const result = await verifyAuditChains(connection.db, key, new Map());
    if (!result.ok) {
      process.stderr.write(`audit chain BROKEN: ${result.first.message}\n`);
      return 1;
    }
    process.stdout.write(`audit chain OK: ${result.rowsChecked} rows in ${result.chains} chains (${connection.source})\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
