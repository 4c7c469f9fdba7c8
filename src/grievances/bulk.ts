// Bulk work on a queue, for nodal officers and supervisors: assign a batch of unrouted grievances, move
// them to another position, escalate, start, or note them all at once.
//
// Each grievance is acted on in its own transaction through the same checked entry point as a single
// action, so the policy, the transition table, events and notifications all apply per case, and one
// refused case (someone else moved it meanwhile, it is out of scope) never undoes the others. The
// caller gets one result per reference.
//
// Resolving and rejecting are left out on purpose: each needs its own account of the action taken or the
// reason, read by the citizen, and helplines watch for officers closing cases en masse to clear a queue.
import type { Kysely } from 'kysely';
import type { AuditWho } from '../access/audit.ts';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { DB, Status } from '../db/schema.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Action } from './lifecycle.ts';
import { actOn } from './transition.ts';

export const BULK_ACTIONS = ['assign', 'transfer', 'start', 'escalate', 'deescalate', 'note'] as const;
export type BulkAction = Extract<Action, { type: (typeof BULK_ACTIONS)[number] }>;

export type BulkResult =
  | { reference: string; ok: true; status: Status }
  /** `problem`: the detail code of the refusal, for the reader's catalogue. */
  | { reference: string; ok: false; code: ErrorCode; message: string; problem?: string };

export async function actOnMany(
  db: Kysely<DB>,
  clock: Clock,
  references: string[],
  action: BulkAction,
  principal: Principal,
  who: AuditWho,
  log?: { error(obj: unknown, msg: string): void },
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  // One after another: a queue of a hundred is seconds of work, and taking turns keeps the locks short.
  for (const reference of references) {
    try {
      const { status } = await actOn(db, clock, reference, action, principal, who);
      results.push({ reference, ok: true, status });
    } catch (error) {
      if (error instanceof AppError) {
        const problem = error.details.find((d) => d.code)?.code;
        results.push({
          reference,
          ok: false,
          code: error.code,
          message: error.message,
          ...(problem ? { problem } : {}),
        });
      } else {
        // Reported per case rather than failing the request: the cases before it are already done.
        log?.error({ err: error, reference }, 'bulk action failed on one grievance');
        results.push({
          reference,
          ok: false,
          code: 'internal',
          message: 'could not act on this grievance; try it again',
        });
      }
    }
  }
  return results;
}
