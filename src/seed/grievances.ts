// The demo's grievances: a few thousand over the last four months, in English and Hindi, on every
// channel, each taken along a likely path for its age. They are registered through `registerGrievance`
// many at a time (its batch writer puts up to 200 in one statement), and their later histories are
// worked out in memory and written in bulk (lifecycle-bulk.ts), so the demo loads in seconds.
import { type Kysely, sql } from 'kysely';
import type { ReferenceCache } from '../cache/reference.ts';
import { manualClock } from '../clock.ts';
import type { Channel, DB } from '../db/schema.ts';
import { type Actor, type RegisterInput, registerGrievance } from '../grievances/index.ts';
import { type DemoStep, playInBulk } from './lifecycle-bulk.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DemoCategory {
  id: number;
  fields: { key: string }[];
  samples: { en: string[]; hi: string[] };
  /** The villages and wards it applies in (municipal services in wards, panchayat ones in villages). */
  villages: { id: number }[];
}

const CHANNELS: [Channel, number][] = [
  ['phone', 0.55],
  ['web', 0.15],
  ['whatsapp', 0.12],
  ['walk_in', 0.07],
  ['sms', 0.05],
  ['email', 0.03],
  ['app', 0.03],
];

const OFFICER: Actor = { kind: 'officer', id: null };
const CITIZEN: Actor = { kind: 'citizen', id: null };
const SYSTEM_ACTOR: Actor = { kind: 'system', id: null };

interface Planned {
  input: Omit<RegisterInput, 'interactionId'>;
  actor: Actor;
  created: Date;
  /** The call or WhatsApp conversation it came from (logged before it, as the desk does). */
  contact: { channel: Channel; phone: string; summary: string; externalId: string } | null;
  /** Its citizen's name, as they gave it. */
  name: string;
}

/** Registers `count` demo grievances and plays out their histories; returns how many end in each state. */
export async function seedGrievances(
  db: Kysely<DB>,
  reference: ReferenceCache,
  o: {
    now: Date;
    count: number;
    categories: DemoCategory[];
    random: () => number;
    personName: () => string;
    progress?: (done: number, total: number) => void;
  },
): Promise<Record<string, number>> {
  const { random, now } = o;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const citizens = Array.from({ length: Math.max(50, Math.floor(o.count / 4)) }, (_, i) => ({
    phone: `+91${pick(['98', '97', '94', '89', '79', '70'])}${String(10_000_000 + i * 7919).slice(-8)}`,
    name: o.personName(),
  }));
  const channel = () => {
    let r = random();
    for (const [c, share] of CHANNELS) {
      r -= share;
      if (r <= 0) return c;
    }
    return 'phone';
  };

  const planned: Planned[] = [];
  for (let i = 0; i < o.count; i++) {
    const created = new Date(now.getTime() - random() * 120 * DAY);
    const category = pick(o.categories);
    const language = random() < 0.6 ? 'hi' : 'en';
    const text = pick(category.samples[language]);
    const person = pick(citizens);
    const via = channel();
    const anonymous = random() < 0.05;
    planned.push({
      created,
      name: person.name,
      contact:
        via === 'phone' || via === 'whatsapp'
          ? { channel: via, phone: person.phone, summary: text.slice(0, 120), externalId: `demo-${i}` }
          : null,
      input: {
        categoryId: category.id,
        placeId: pick(category.villages).id,
        subject: text.split(/[.;।]/)[0]?.slice(0, 120) || text.slice(0, 120),
        description: text,
        language,
        channel: via,
        citizen: { phone: person.phone, name: person.name, language },
        anonymous,
        details: Object.fromEntries(
          category.fields.map((f) => [f.key, String(1_000_000_000 + Math.floor(random() * 9e9))]),
        ),
      },
      actor: via === 'phone' ? { kind: 'agent', id: null } : CITIZEN,
    });
  }

  await addCitizens(db, planned);
  const contacts = await logContacts(db, planned);
  // Registered as the API registers them, many at a time so that they share statements and commits.
  const registered: { id: number; reference: string }[] = [];
  for (let start = 0; start < planned.length; start += 500) {
    const chunk = planned.slice(start, start + 500);
    registered.push(
      ...(await Promise.all(
        chunk.map((p, j) =>
          registerGrievance(
            { db, clock: manualClock(p.created), reference },
            { ...p.input, interactionId: contacts.get(start + j) },
            p.actor,
          ),
        ),
      )),
    );
    o.progress?.(registered.length, planned.length);
  }

  const scripts = planned.map((p, i) => {
    const { id, reference: ref } = registered[i] as { id: number; reference: string };
    return { id, reference: ref, steps: likelyPath(p.created, now, random) };
  });
  const finals = await playInBulk(db, reference, scripts);
  const counts: Record<string, number> = {};
  for (const status of finals.values()) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * A likely path for a grievance registered at `created`; older ones are further along. Steps that would
 * fall after `now` are left out, and so is everything after them. A step its state does not allow (an
 * unrouted grievance cannot be started) is skipped when it is played.
 */
export function likelyPath(created: Date, now: Date, random: () => number): DemoStep[] {
  const steps: DemoStep[] = [];
  let at = created.getTime();
  const ageDays = (now.getTime() - at) / DAY;
  /** The next step, `afterHours` after the last; false if that is in the future. */
  const step = (action: DemoStep['action'], actor: Actor, afterHours: number) => {
    if (at + afterHours * HOUR > now.getTime()) return false;
    at += afterHours * HOUR;
    steps.push({ action, actor, at: new Date(at) });
    return true;
  };
  const r = random();
  if (ageDays < 1 && r < 0.5) return steps;
  if (r < 0.03) {
    step({ type: 'reject', note: 'Duplicate of an earlier complaint by the same citizen' }, OFFICER, 20);
    return steps;
  }
  if (!step({ type: 'start', note: 'Field staff informed' }, OFFICER, 2 + random() * 30)) return steps;
  if (random() < 0.15) {
    const asked = step(
      { type: 'request_info', note: 'Please share the exact location / landmark.' },
      OFFICER,
      4 + random() * 24,
    );
    if (!asked || random() < 0.3) return steps;
    if (!step({ type: 'provide_info', note: 'Near the panchayat bhawan.' }, CITIZEN, 2 + random() * 48))
      return steps;
  }
  if (random() < 0.15 && ageDays < 20) return steps;
  const resolved = step(
    { type: 'resolve', note: 'Inspected and fixed; photo attached in the field report.' },
    OFFICER,
    12 + random() * 200,
  );
  if (!resolved) return steps;
  // Ratings (1-5) follow from the age, not from random(), so the rest of the demo stays as it was.
  const day = Math.floor(ageDays);
  if (random() < 0.1) {
    step(
      { type: 'reopen', note: 'Problem has come back.', rating: day % 2 === 0 ? 1 : 2 },
      CITIZEN,
      24 + random() * 48,
    );
    return steps;
  }
  const rating = day % 3 === 0 ? 3 : 5 - (day % 2);
  if (
    random() < 0.6 &&
    step({ type: 'close', reason: 'citizen_satisfied', rating }, CITIZEN, 24 + random() * 72)
  )
    return steps;
  step({ type: 'close', reason: 'no_response' }, SYSTEM_ACTOR, 7 * 24);
  return steps;
}

/**
 * The citizens, each from their first grievance, with the name and language they gave (registration
 * would keep the name of an existing citizen and fill in one it did not have).
 */
async function addCitizens(db: Kysely<DB>, planned: Planned[]) {
  const first = new Map<string, Planned>();
  for (const p of [...planned].sort((a, b) => a.created.getTime() - b.created.getTime())) {
    const phone = p.input.citizen?.phone;
    if (phone && !first.has(phone)) first.set(phone, p);
  }
  const rows = [...first.entries()];
  await sql`
    insert into citizens (phone, name, language, created_at)
    select * from unnest(
      ${rows.map(([phone]) => phone)}::text[],
      ${rows.map(([, p]) => (p.input.anonymous ? null : p.name))}::text[],
      ${rows.map(([, p]) => p.input.language)}::text[],
      ${rows.map(([, p]) => p.created)}::timestamptz[])
    on conflict (phone) do nothing`.execute(db);
}

/** The calls and WhatsApp conversations the grievances came from, by the grievance's index. */
async function logContacts(db: Kysely<DB>, planned: Planned[]): Promise<Map<number, number>> {
  const contacts = planned.flatMap((p, i) => (p.contact ? [{ i, at: p.created, ...p.contact }] : []));
  const { rows } = await sql<{ id: number; external_id: string }>`
    insert into interactions (citizen_id, channel, direction, external_id, summary, started_at)
    select c.id, t.channel, 'inbound', t.external_id, t.summary, t.at
    from unnest(
      ${contacts.map((c) => c.channel)}::text[],
      ${contacts.map((c) => c.phone)}::text[],
      ${contacts.map((c) => c.externalId)}::text[],
      ${contacts.map((c) => c.summary)}::text[],
      ${contacts.map((c) => c.at)}::timestamptz[]
    ) with ordinality as t(channel, phone, external_id, summary, at, n)
    join citizens c on c.phone = t.phone
    order by t.n
    returning id, external_id`.execute(db);
  const byExternal = new Map(rows.map((r) => [r.external_id, r.id]));
  return new Map(contacts.map((c) => [c.i, byExternal.get(c.externalId) as number]));
}
