// `npm run audit:verify`: recomputes the audit log's hash chain and exits 1 if any row was edited or
// deleted, naming the first one.
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { verifyAuditChain } from './audit.ts';

const database = await openDatabase(readConfig());
try {
  const report = await verifyAuditChain(database.db);
  if (report.ok) {
    console.log(`audit log intact: ${report.rows} rows, chain verified`);
  } else {
    console.error(
      `audit log TAMPERED: row ${report.brokenAt?.id}: ${report.brokenAt?.problem} (${report.rows} rows before it verified)`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
