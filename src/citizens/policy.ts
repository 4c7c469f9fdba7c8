// Who may read which contacts (interactions). A contact takes the scope of the grievances it produced:
// whoever may read one of those (by the grievance read policy) may read the contact. A contact that
// produced no grievance belongs to no department or place, so only a reader whose grant covers every
// department everywhere sees it, besides the account that logged it. A contact that produced an
// anonymous grievance would say who raised it: no one but the account that took it ever sees it.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Principal } from '../access/principal.ts';
import type { DB } from '../db/schema.ts';
import { readableBy, readsEverywhere } from '../grievances/policy.ts';

type InteractionScope = ExpressionBuilder<DB & { i: DB['interactions'] }, 'i'>;

/** As SQL over `interactions as i`: what `principal` may not read is never selected. */
export function interactionReadableBy(principal: Principal) {
  return (eb: InteractionScope): Expression<SqlBool> => {
    if (principal.kind === 'system') return eb.lit(true);
    if (principal.kind === 'citizen') return eb('i.citizen_id', '=', principal.citizenId);
    if (principal.kind === 'public' || principal.mfaPending) return eb.lit(false);
    const linked = eb
      .selectFrom('interaction_grievances as ig')
      .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
      .whereRef('ig.interaction_id', '=', 'i.id');
    const readableGrievance = eb.exists(
      linked
        .innerJoin('places as pl', 'pl.id', 'g.place_id')
        // biome-ignore lint/suspicious/noExplicitAny: the grievance policy is written over g and pl only
        .where(readableBy(principal) as any)
        .select(sql`1`.as('one')),
    );
    const anyGrievance = eb.exists(linked.select(sql`1`.as('one')));
    const anonymousGrievance = eb.exists(linked.where('g.anonymous', '=', true).select(sql`1`.as('one')));
    const byScope = eb.and([
      eb.not(anonymousGrievance),
      readsEverywhere(principal) ? eb.or([readableGrievance, eb.not(anyGrievance)]) : readableGrievance,
    ]);
    return eb.or([eb('i.created_by', '=', principal.userId), byScope]);
  };
}

/** Contacts that produced an anonymous grievance: never listed under the citizen who made them. */
export function notAnonymousContact(eb: InteractionScope): Expression<SqlBool> {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('interaction_grievances as ig')
        .innerJoin('grievances as g', 'g.id', 'ig.grievance_id')
        .whereRef('ig.interaction_id', '=', 'i.id')
        .where('g.anonymous', '=', true)
        .select(sql`1`.as('one')),
    ),
  );
}
