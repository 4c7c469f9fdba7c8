// A second app process for the race test: sweeps the given PostgreSQL schema at the given instant and
// prints what it did as JSON.
import { manualClock } from '../src/clock.ts';
import { openPostgres } from '../src/db/index.ts';
import { sweep } from '../src/sla/sweep.ts';

const [url, schema, at, batch] = process.argv.slice(2) as [string, string, string, string];
const database = await openPostgres(url, { schema });
const result = await sweep(database.db, manualClock(at), { batch: Number(batch) });
await database.close();
process.stdout.write(JSON.stringify(result));
