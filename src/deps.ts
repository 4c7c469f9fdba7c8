// The one object of explicit dependencies, built in main.ts (or a test) and handed to routes and jobs.
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { DB } from './db/schema.ts';

export interface Deps {
  db: Kysely<DB>;
  clock: Clock;
}
