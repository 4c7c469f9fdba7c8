// Entry points that change a grievance: each opens the transaction, locks the row and hands it to the
// lifecycle, so concurrent actions on one grievance take turns and each sees the other's result.
import type { Kysely, Transaction } from 'kysely';
import { type AuditWho, appendAudit } from '../access/audit.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { notFound, refusal } from '../errors.ts';
import { type Action, type Actor, applyAction, LOCKED_COLUMNS, type LockedGrievance } from './lifecycle.ts';
import { canAct, canRead } from './policy.ts';
import { grievanceScope, parseReference } from './queries.ts';

/** The trusted entry point, for the service itself (jobs, the demo loader, tests): no policy check. */
export async function transition(
  db: Kysely<DB>,
  clock: Clock,
  reference: string,
  action: Action,
  actor: Actor,
  /** Who to record in the audit log, in the same transaction (a channel acting for a citizen); none: no entry. */
  who: AuditWho | null = null,
) {
  return lockAndApply(db, clock, reference, action, who, () => actor);
}

/**
 * The trusted entry point with a condition checked under the row's lock: `check` sees the locked row
 * (and may write in the same transaction, or throw to change nothing). A citizen's answer to one
 * particular resolution uses it, so the answer cannot land on a later state of the grievance.
 */
export async function transitionIf(
  db: Kysely<DB>,
  clock: Clock,
  reference: string,
  action: Action,
  actor: Actor,
  who: AuditWho | null,
  check: (trx: Transaction<DB>, row: LockedGrievance) => Promise<void>,
) {
  return lockAndApply(db, clock, reference, action, who, async (trx, row) => {
    await check(trx, row);
    return actor;
  });
}

/**
 * A request's action on a grievance: the same transition, after the policy says this principal may
 * take this action on this grievance. One they may not even read does not exist for them.
 */
export async function actOn(
  db: Kysely<DB>,
  clock: Clock,
  reference: string,
  action: Action,
  principal: Principal,
  who: AuditWho,
) {
  return lockAndApply(db, clock, reference, action, who, async (trx, row) => {
    const scope = await grievanceScope(trx, { id: row.id });
    if (!scope) throw notFound('grievance', reference);
    if (!canRead(principal, scope)) throw notFound('grievance', reference);
    if (!canAct(principal, scope, action.type)) {
      throw refusal(
        'forbidden',
        'role_may_not_act',
        `your role may not ${action.type.replace('_', ' ')} this grievance`,
      );
    }
    return actorOf(principal);
  });
}

/**
 * Locks the row, asks `authorise` who is acting (it may refuse), applies the action and, for an action
 * someone asked for, appends their audit entry in the same transaction.
 */
async function lockAndApply(
  db: Kysely<DB>,
  clock: Clock,
  reference: string,
  action: Action,
  who: AuditWho | null,
  authorise: (trx: Transaction<DB>, row: LockedGrievance) => Actor | Promise<Actor>,
) {
  const canonical = parseReference(reference);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('grievances')
      .select(LOCKED_COLUMNS)
      .where('reference', '=', canonical)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('grievance', reference);
    const actor = await authorise(trx, row);
    const now = clock.now();
    const result = await applyAction(trx, now, row, action, actor);
    if (who) {
      await appendAudit(trx, now, {
        ...who,
        action: `grievance.${action.type}`,
        entity: 'grievance',
        entityId: row.reference,
        reason: 'note' in action ? (action.note ?? null) : null,
        data: {
          from: row.status,
          to: result.status,
          ...('positionId' in action ? { positionId: action.positionId } : {}),
          ...(action.type === 'close' ? { reason: action.reason } : {}),
          ...(action.type === 'note' && action.internal ? { internal: true } : {}),
        },
      });
    }
    return result;
  });
}

/**
 * Closes grievances resolved more than `afterDays` ago that the citizen neither confirmed nor disputed.
 * Runs as a periodic job in batches, each its own short transaction that skips rows another node has
 * locked, so it never holds many locks for long and two nodes never close one grievance twice.
 */
export async function closeUnconfirmed(
  db: Kysely<DB>,
  clock: Clock,
  afterDays: number,
  batch = 500,
): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - afterDays * 86_400_000);
  let closed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('grievances')
        .select(LOCKED_COLUMNS)
        .where('status', '=', 'resolved')
        .where('resolved_at', '<', cutoff)
        .orderBy('resolved_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        await applyAction(
          trx,
          clock.now(),
          row,
          { type: 'close', reason: 'no_response' },
          { kind: 'system', id: null },
        );
      }
      return rows.length;
    });
    closed += done;
    if (done < batch) return closed;
  }
}
