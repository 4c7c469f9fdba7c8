// The lookups a flow can branch on. Each reads what the call has learnt (`vars`), answers with an
// outcome the flow maps to a node, and may add prompts to say and facts to remember. An `invalid`
// outcome is the caller's mistake (an unknown code): the flow asks again, then hands over to an agent.
import { type Kysely, sql } from 'kysely';
import type { ReferenceCache } from '../../cache/index.ts';
import type { DB, I18nText } from '../../db/schema.ts';
import { deploymentZone } from '../../sla/calendars.ts';
import { cachedRead } from './cached.ts';
import { localDateTime } from './hours.ts';
import type { PromptRef } from './instructions.ts';

export interface LookupContext {
  db: Kysely<DB>;
  now: Date;
  callId: number;
  caller: string | null;
  citizenId: number | null;
  language: string;
  vars: Record<string, unknown>;
  /** The app's reference cache: the district codes are read through it. */
  reference?: ReferenceCache;
}

export interface LookupResult {
  outcome: string;
  prompts?: PromptRef[];
  vars?: Record<string, unknown>;
  /** Settled facts for the call's row. */
  facts?: { districtId?: number };
  /** A row the lookup wrote (a callback request), for the audit log. */
  created?: { entity: string; id: number };
}

type Lookup = (ctx: LookupContext) => Promise<LookupResult>;

/** The outcomes each lookup can name (the flow validator checks every one has somewhere to go). */
export const LOOKUP_OUTCOMES = {
  district: ['found', 'invalid'],
  my_grievances: ['none', 'some', 'more'],
  my_grievances_next: ['some', 'more'],
  reference: ['found', 'invalid'],
  articles: ['some', 'none'],
  article: ['found', 'invalid'],
  callback: ['done', 'no_number'],
} as const satisfies Record<string, readonly string[]>;

const OPEN: Array<'registered' | 'assigned' | 'in_progress' | 'awaiting_info'> = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_info',
];
/** The most a caller hears read out one by one. */
const STATUS_LIMIT = 5;
/** Keys 1-8 choose an article; 9 is the agent. */
const ARTICLE_LIMIT = 8;

export const text = (value: I18nText | null | undefined, language: string) =>
  value?.[language] || value?.en || Object.values(value ?? {})[0] || '';

/** The deployment's time zone (its default calendar's), for dates read out. Read through the app's
 * reference cache, so an edited calendar is heard at once and apps on other databases keep their own. */
function timeZone(db: Kysely<DB>, reference: ReferenceCache | undefined) {
  return cachedRead(reference, db, 'time_zone', () => deploymentZone(db));
}

async function describeGrievances(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('grievances as g')
    .innerJoin('categories as c', 'c.id', 'g.category_id')
    .leftJoin('positions as p', 'p.id', 'g.position_id')
    .select([
      'g.id',
      'g.reference',
      'g.status',
      'g.due_at as dueAt',
      'g.resolved_at as resolvedAt',
      'g.closed_at as closedAt',
      'c.name as category',
      'p.title as position',
    ])
    .where('g.id', 'in', ids)
    .execute();
}

type Described = Awaited<ReturnType<typeof describeGrievances>>[number];

/** What the caller hears about one grievance. */
function statusPrompt(g: Described, language: string, zone: string, first: boolean): PromptRef {
  const category = text(g.category, language);
  const reference = g.reference;
  if (!OPEN.includes(g.status as (typeof OPEN)[number])) {
    const at = g.resolvedAt ?? g.closedAt;
    return {
      key: 'reference.closed',
      params: { reference, category, date: at ? localDateTime(at, zone).slice(0, 10) : '' },
    };
  }
  if (!g.position || !g.dueAt) return { key: 'reference.pending', params: { reference, category } };
  const params = {
    reference,
    category,
    position: text(g.position, language),
    due: localDateTime(g.dueAt, zone).slice(0, 10),
  };
  return { key: first ? 'status.latest' : 'status.other', params };
}

const lookups: Record<keyof typeof LOOKUP_OUTCOMES, Lookup> = {
  async district({ db, vars, reference }) {
    const digits = String(vars.district_digits ?? '');
    const row = digits
      ? await cachedRead(reference, db, `district:${digits}`, () =>
          db
            .selectFrom('ivr_district_codes')
            .select('place_id')
            .where('digits', '=', digits)
            .executeTakeFirst(),
        )
      : undefined;
    if (!row) return { outcome: 'invalid' };
    return { outcome: 'found', vars: { district_id: row.place_id }, facts: { districtId: row.place_id } };
  },

  // The caller's own grievances, found by the number they call from: the latest first.
  async my_grievances({ db, reference, citizenId, language }) {
    if (citizenId === null) return { outcome: 'none' };
    const rows = await db
      .selectFrom('grievances')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('status', 'in', OPEN)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(STATUS_LIMIT + 1)
      .execute();
    if (!rows.length) return { outcome: 'none' };
    const { count } = await db
      .selectFrom('grievances')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('citizen_id', '=', citizenId)
      .where('status', 'in', OPEN)
      .executeTakeFirstOrThrow();
    const ids = rows.slice(0, STATUS_LIMIT).map((r) => r.id);
    const [latest] = await describeGrievances(db, [ids[0] as number]);
    const zone = await timeZone(db, reference);
    const n = Number(count);
    const prompts: PromptRef[] = [
      n === 1 ? { key: 'status.count.one' } : { key: 'status.count.many', params: { count: n } },
      statusPrompt(latest as Described, language, zone, true),
    ];
    return { outcome: ids.length > 1 ? 'more' : 'some', prompts, vars: { status_ids: ids, status_index: 0 } };
  },

  async my_grievances_next({ db, reference, language, vars }) {
    const ids = (vars.status_ids as number[] | undefined) ?? [];
    const index = Math.min(Number(vars.status_index ?? 0) + 1, ids.length - 1);
    const [g] = await describeGrievances(db, index >= 0 ? [ids[index] as number] : []);
    const prompts = g ? [statusPrompt(g, language, await timeZone(db, reference), false)] : [];
    return { outcome: index < ids.length - 1 ? 'more' : 'some', prompts, vars: { status_index: index } };
  },

  // A reference keyed on the keypad: every character by the key that carries it. Nine keys name a few
  // possible references at most; the ones that exist are found through an index on the keyed form
  // (reference_keypad in 0050_ivr.sql), and the check character makes a mistyped key name none.
  async reference({ db, reference, citizenId, language, vars }) {
    const digits = String(vars.reference_digits ?? '').replace(/\D/g, '');
    if (!/^[2-9]{9}$/.test(digits)) return { outcome: 'invalid' };
    const rows = await db
      .selectFrom('grievances')
      .select(['id', 'citizen_id as citizenId'])
      .where(sql<string>`reference_keypad(reference)`, '=', digits)
      .limit(10)
      .execute();
    if (!rows.length) return { outcome: 'invalid' };
    // Two references keyed alike are rare (one in about 10^8 pairs); the caller's own comes first.
    const chosen = rows.find((r) => citizenId !== null && r.citizenId === citizenId) ?? rows[0];
    const [g] = await describeGrievances(db, [chosen?.id as number]);
    return {
      outcome: 'found',
      prompts: [statusPrompt(g as Described, language, await timeZone(db, reference), false)],
    };
  },

  // The information line: published articles that have a short answer to read.
  async articles({ db, language }) {
    const rows = await db
      .selectFrom('knowledge_articles')
      .select(['id', 'title'])
      .where('published', '=', true)
      .where(sql<boolean>`short_answer <> '{}'::jsonb`)
      .orderBy(sql`'ivr' = any(tags)`, 'desc')
      .orderBy('id')
      .limit(ARTICLE_LIMIT)
      .execute();
    if (!rows.length) return { outcome: 'none' };
    const prompts = rows.map((r, i) => ({
      key: 'info.item',
      params: { title: text(r.title, language), digit: i + 1 },
    }));
    return { outcome: 'some', prompts, vars: { article_ids: rows.map((r) => r.id) } };
  },

  async article({ db, language, vars }) {
    const ids = (vars.article_ids as number[] | undefined) ?? [];
    const index = Number(vars.article_digit) - 1;
    const id = ids[index];
    if (id === undefined) return { outcome: 'invalid' };
    const row = await db
      .selectFrom('knowledge_articles')
      .select('short_answer')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return { outcome: 'invalid' };
    return {
      outcome: 'found',
      prompts: [{ key: 'info.answer', params: { text: text(row.short_answer, language) } }],
    };
  },

  // After hours: a call back when the queue opens again, on the morning's outbound work list.
  async callback({ db, now, callId, caller, citizenId, language, vars }) {
    if (!caller) return { outcome: 'no_number' };
    const inserted = await db
      .insertInto('ivr_callbacks')
      .values({
        call_id: callId,
        citizen_id: citizenId,
        phone: caller,
        language,
        district_id: (vars.district_id as number | undefined) ?? null,
        queue_id: (vars.queue_id as number | undefined) ?? null,
        due_from: typeof vars.opens_instant === 'string' ? new Date(vars.opens_instant) : null,
        requested_at: now,
      })
      .onConflict((oc) => oc.column('call_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return { outcome: 'done', ...(inserted ? { created: { entity: 'ivr_callback', id: inserted.id } } : {}) };
  },
};

export function runLookup(name: string, ctx: LookupContext): Promise<LookupResult> {
  const lookup = lookups[name as keyof typeof LOOKUP_OUTCOMES];
  if (!lookup) throw new Error(`no lookup "${name}"`);
  return lookup(ctx);
}
