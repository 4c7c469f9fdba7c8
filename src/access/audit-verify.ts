// `npm run audit:verify`: recomputes the audit log's hash chain and exits 1
// if any sealed entry was edited, deleted or reordered, or an entry was left unsealed past the grace
// period. Every problem is listed, not only the first.
import { systemClock } from '../clock.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { verifyAuditChain } from './audit-seal.ts';

const database = await openDatabase(readConfig());
try {
  const report = await verifyAuditChain(database.db, systemClock.now());
  for (const p of report.problems) {
    console.error(`audit log TAMPERED: row ${p.id} (sealed as ${p.seq}): ${p.problem}`);
  }
  if (report.unsealed.count) {
    console.error(
      `audit log: ${report.unsealed.count} entries unsealed for longer than the grace period (is the sealer running?): ids ${report.unsealed.ids.slice(0, 20).join(', ')}${report.unsealed.count > 20 ? ', ...' : ''}`,
    );
  }
  if (report.ok) console.log(`audit log intact: ${report.rows} rows, chain verified`);
  else console.error(`${report.problems.length} problems in ${report.rows} sealed rows`);
  if (report.head) console.log(`chain head: entry ${report.head.seq}, hash ${report.head.hash}`);
  if (!report.ok) process.exitCode = 1;
} finally {
  await database.close();
}
