// The one object of explicit dependencies, built in main.ts (or a test) and handed to routes and jobs.
import type { Kysely } from 'kysely';
import type { UploadCap } from './attachments/cap.ts';
import type { AccessCache } from './cache/access.ts';
import type { ReferenceCache } from './cache/reference.ts';
import type { ChannelRegistry } from './channels/registry.ts';
import type { Clock } from './clock.ts';
import type { DB } from './db/schema.ts';
import type { DeliveryWorker } from './notify/worker.ts';

export interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  /** Reference data cached in this process (src/cache); without it, read from the database each time. */
  reference?: ReferenceCache;
  /** Who credentials name, cached in this process (src/cache/access.ts). */
  access?: AccessCache;
  /** The notification delivery worker of this process (src/notify/worker.ts), when channels are configured. */
  delivery?: DeliveryWorker;
  /** How many files and bytes one grievance may hold (GRIEVANCE_FILES, GRIEVANCE_MB); a default otherwise. */
  uploadCap?: UploadCap;
  /** The channel adapters in use (src/channels/registry.ts), kept current with the channel settings. */
  channels?: ChannelRegistry;
}
