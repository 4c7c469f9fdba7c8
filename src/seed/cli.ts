// `npm run seed`: loads the demo deployment into the configured database (embedded or DATABASE_URL).
// Refuses a database that already has places, so it never mixes demo rows into real data.
import { systemClock } from '../clock.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { describeDemoAccounts, seedDemoAccounts } from './accounts.ts';
import { isEmpty, seedDemo } from './seed.ts';

const config = readConfig();
const database = await openDatabase(config);
try {
  if (!(await isEmpty(database.db))) {
    console.error('The database already has places; the demo deployment loads only into an empty database.');
    process.exitCode = 1;
  } else {
    const grievances = Number(process.env.SEED_GRIEVANCES ?? 3000);
    const started = Date.now();
    const counts = await seedDemo(
      { db: database.db, clock: systemClock },
      { grievances, progress: (done, total) => console.log(`grievances: ${done} of ${total}`) },
    );
    console.log(`Demo deployment loaded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
    const demo = await seedDemoAccounts({ db: database.db, clock: systemClock });
    console.log(describeDemoAccounts(demo, `http://${config.host}:${config.port}`));
  }
} finally {
  await database.close();
}
