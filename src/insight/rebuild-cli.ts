// `npm run insight:rebuild`: computes insight's rollups again from the event history and the grievances
// (after changing insight_settings, or to check the incremental ones). One transaction: the figures are
// the old ones until it commits.
import { readConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/index.ts';
import { rebuildInsight } from './figures.ts';

const database = await openDatabase(readConfig());
try {
  await migrate(database);
  const started = performance.now();
  await database.db.transaction().execute((trx) => rebuildInsight(trx));
  console.log(`insight rollups rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
