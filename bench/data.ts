// A deployment the size of a few districts, and grievances in bulk on top of it, for the benchmarks.
// The deployment goes through the domain functions (as an admin would set it up); the grievances are
// written by set-based SQL (generate_series), the only way to have millions of them in minutes, with
// the columns the service itself would write: statuses in realistic shares, the SLA clock, the
// routing chain, two events each, valid reference numbers.
import { sql } from 'kysely';
import { createApiClient } from '../src/access/users.ts';
import type { Clock } from '../src/clock.ts';
import type { Database } from '../src/db/index.ts';
import {
  createCategory,
  createDepartment,
  createOfficer,
  createPosition,
  postOfficer,
} from '../src/directory/index.ts';
import { createPlace } from '../src/places/index.ts';
import { saveRule } from '../src/routing/index.ts';

export interface BenchDeployment {
  categoryId: number;
  departmentId: number;
  placeId: number;
  /** An officer's position (L1 of a busy block) and an API key for that officer. */
  officerPositionId: number;
  officerKey: string;
  /** A desk integration's key: agent, supervisor and intake, everywhere. */
  deskKey: string;
  combos: { categoryId: number; departmentId: number; placeId: number; positionId: number; ruleId: number }[];
}

const DISTRICTS = 5;
const BLOCKS = 5;
const VILLAGES = 4;
const DEPARTMENTS = 10;
const CATEGORIES = 4;

export async function buildBenchDeployment(database: Database, clock: Clock): Promise<BenchDeployment> {
  const db = database.db;
  const state = await createPlace(db, { parentId: null, code: 'BST', name: { en: 'Bench State' } });
  const blocks: { id: number; districtId: number; villages: number[] }[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const district = await createPlace(db, {
      parentId: state.id,
      code: `BD${d}`,
      name: { en: `District ${d}` },
    });
    for (let b = 0; b < BLOCKS; b++) {
      const block = await createPlace(db, {
        parentId: district.id,
        code: `BB${d}${b}`,
        name: { en: `Block ${d}.${b}` },
      });
      const villages = [];
      for (let v = 0; v < VILLAGES; v++) {
        villages.push(
          (
            await createPlace(db, {
              parentId: block.id,
              code: `BV${d}${b}${v}`,
              name: { en: `Village ${d}.${b}.${v}` },
            })
          ).id,
        );
      }
      blocks.push({ id: block.id, districtId: district.id, villages });
    }
  }
  const combos: BenchDeployment['combos'] = [];
  let officerPositionId = 0;
  for (let p = 0; p < DEPARTMENTS; p++) {
    const department = await createDepartment(db, { code: `BDEP${p}`, name: { en: `Department ${p}` } });
    const top = [];
    for (const level of [4, 3]) {
      top.push(
        await createPosition(db, {
          departmentId: department.id,
          placeId: state.id,
          level,
          title: { en: `L${level}` },
        }),
      );
    }
    const l2ByDistrict = new Map<number, number>();
    for (const block of blocks) {
      if (!l2ByDistrict.has(block.districtId)) {
        const l2 = await createPosition(db, {
          departmentId: department.id,
          placeId: block.districtId,
          level: 2,
          title: { en: 'District officer' },
        });
        l2ByDistrict.set(block.districtId, l2.id);
      }
    }
    const l1ByBlock = new Map<number, number>();
    for (const block of blocks) {
      const l1 = await createPosition(db, {
        departmentId: department.id,
        placeId: block.id,
        level: 1,
        title: { en: 'Block officer' },
      });
      l1ByBlock.set(block.id, l1.id);
      if (!officerPositionId) officerPositionId = l1.id;
    }
    for (let c = 0; c < CATEGORIES; c++) {
      const category = await createCategory(db, {
        departmentId: department.id,
        code: `BCAT${p}-${c}`,
        name: { en: `Category ${p}.${c}` },
        resolutionValue: 7,
        resolutionUnit: 'calendar_days',
      });
      for (const block of blocks) {
        const rule = await saveRule(db, {
          categoryId: category.id,
          placeId: block.id,
          steps: [
            { level: 1, positionId: l1ByBlock.get(block.id) as number },
            { level: 2, positionId: l2ByDistrict.get(block.districtId) as number },
            { level: 3, positionId: top[1]?.id as number },
            { level: 4, positionId: top[0]?.id as number },
          ],
        });
        for (const village of block.villages) {
          combos.push({
            categoryId: category.id,
            departmentId: department.id,
            placeId: village,
            positionId: l1ByBlock.get(block.id) as number,
            ruleId: rule.id,
          });
        }
      }
    }
  }
  const officer = await createOfficer(db, clock, { name: 'Bench officer' });
  await postOfficer(db, clock, officerPositionId, officer.id);
  const officerClient = await createApiClient(db, clock, {
    name: 'bench officer',
    grants: [{ role: 'intake' }],
  });
  await db
    .updateTable('users')
    .set({ officer_id: officer.id })
    .where('id', '=', officerClient.userId)
    .execute();
  const desk = await createApiClient(db, clock, {
    name: 'bench desk',
    dangerousScope: true,
    grants: [{ role: 'agent' }, { role: 'supervisor' }, { role: 'intake' }],
  });
  const first = combos[0] as BenchDeployment['combos'][number];
  return {
    categoryId: first.categoryId,
    departmentId: first.departmentId,
    placeId: first.placeId,
    officerPositionId,
    officerKey: officerClient.key,
    deskKey: desk.key,
    combos,
  };
}

/**
 * `count` grievances (ids after those already there), created over the 120 days before `now`: 35%
 * closed, 10% resolved, 40% with an officer (assigned or in progress), 5% waiting for the citizen, 5%
 * unrouted, 4% rejected, 1% breached at the top level (the command centre's); two events each; one
 * citizen per three grievances. Written in batches of `batch`, reporting progress.
 */
export async function bulkGrievances(
  database: Database,
  d: BenchDeployment,
  count: number,
  now: Date,
  options: { batch?: number; progress?: (done: number) => void; rebuildIndexes?: boolean } = {},
) {
  const db = database.db;
  // Loading millions of rows into a table with a dozen indexes (one of them a trigram GIN) is many
  // times slower than building those indexes once afterwards, as any bulk load does. The indexes that
  // keep data correct (primary keys, unique references) stay; the rest are dropped and rebuilt.
  const dropped = options.rebuildIndexes ? await dropSecondaryIndexes(database) : [];
  await sql`
    create or replace function bench_reference(n bigint) returns text language plpgsql immutable as $$
    declare
      alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
      x bigint := (n * 1099511627 + 7777777) % 1099511627776;
      body text := '';
      interim int := 0;
      c int;
    begin
      for i in 1..8 loop
        c := (x % 32)::int;
        x := x / 32;
        body := body || substr(alphabet, c + 1, 1);
        interim := ((interim << 1) # case when interim & 16 <> 0 then 37 else 0 end) & 31;
        interim := interim # c;
      end loop;
      interim := ((interim << 1) # case when interim & 16 <> 0 then 37 else 0 end) & 31;
      body := body || substr(alphabet, interim + 1, 1);
      return substr(body, 1, 3) || '-' || substr(body, 4, 3) || '-' || substr(body, 7, 3);
    end $$`.execute(db);
  const arrays = {
    category: d.combos.map((c) => c.categoryId),
    department: d.combos.map((c) => c.departmentId),
    place: d.combos.map((c) => c.placeId),
    position: d.combos.map((c) => c.positionId),
    rule: d.combos.map((c) => c.ruleId),
  };
  const k = d.combos.length;
  const batch = options.batch ?? 250_000;
  const { rows } = await sql<{ n: number }>`select coalesce(max(id), 0) as n from grievances`.execute(db);
  const start = Number(rows[0]?.n ?? 0);
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    const { rows: before } = await sql<{
      n: number;
    }>`select coalesce(max(id), 0) as n from grievances`.execute(db);
    const after = Number(before[0]?.n ?? 0);
    await sql`
      insert into citizens (phone, language, created_at)
      select '+9199' || lpad((${start} + n)::text, 8, '0'), 'hi', ${now}::timestamptz - interval '120 days'
      from generate_series(${from}::bigint, ${to}::bigint) as n where n % 3 = 1
      on conflict (phone) do nothing`.execute(db);
    await sql`
      insert into grievances (reference, citizen_id, channel, category_id, department_id, place_id, subject,
        description, language, status, position_id, level, rule_id, due_at, sla_started_at, sla_next_at,
        command_centre_at, created_at, updated_at, resolved_at, closed_at)
      select bench_reference(${start} + n),
        (select id from citizens where phone = '+9199' || lpad((${start} + n - (n - 1) % 3)::text, 8, '0')),
        (array['phone','web','whatsapp','sms','walk_in'])[1 + n % 5],
        (${arrays.category}::bigint[])[1 + (n * 7919) % ${k}],
        (${arrays.department}::bigint[])[1 + (n * 7919) % ${k}],
        (${arrays.place}::bigint[])[1 + (n * 7919) % ${k}],
        'Hand pump not working ' || n,
        case when n % 2 = 0 then 'The hand pump near the school has been broken for a week.'
             else 'हैंडपंप एक हफ्ते से खराब है, गाँव में पानी नहीं है।' end,
        case when n % 2 = 0 then 'en' else 'hi' end,
        s.status,
        case when s.status = 'registered' then null
             else (${arrays.position}::bigint[])[1 + (n * 7919) % ${k}] end,
        case when s.status = 'registered' then null when s.top then 4
             when s.status in ('assigned', 'in_progress') and not s.fresh then 2 else 1 end,
        case when s.status = 'registered' then null else (${arrays.rule}::bigint[])[1 + (n * 7919) % ${k}] end,
        case when s.top then c.at + interval '28 days'
             when s.status in ('assigned', 'in_progress', 'awaiting_info') and s.fresh then c.at + interval '7 days'
             when s.status in ('assigned', 'in_progress', 'awaiting_info')
               then ${now}::timestamptz + (1 + n % 6) * interval '1 day' end,
        case when s.status in ('assigned', 'in_progress', 'awaiting_info') then c.at end,
        case when s.status in ('assigned', 'in_progress') and not s.top then
          case when s.fresh then c.at + interval '7 days' else ${now}::timestamptz + (1 + n % 6) * interval '1 day' end
        end,
        case when s.top then c.at + interval '28 days' end,
        c.at, c.at,
        case when s.status in ('resolved', 'closed') then c.at + interval '5 days' end,
        case when s.status in ('closed', 'rejected') then c.at + interval '6 days' end
      from generate_series(${from}::bigint, ${to}::bigint) as n,
        lateral (select ${now}::timestamptz - ((n * 104729) % (120 * 86400)) * interval '1 second' as at) as c,
        lateral (select case
          when n % 100 < 35 then 'closed' when n % 100 < 45 then 'resolved'
          when n % 100 < 65 then 'in_progress' when n % 100 < 84 then 'assigned'
          when n % 100 < 85 then 'assigned'
          when n % 100 < 90 then 'awaiting_info' when n % 100 < 95 then 'registered'
          else 'rejected' end as status,
          n % 100 = 84 as top,
          -- Still within its first level's seven days; older open ones were escalated once already.
          c.at + interval '7 days' > ${now}::timestamptz as fresh) as s`.execute(db);
    // Waiting ones are paused.
    await sql`update grievances set sla_paused_at = created_at + interval '1 day', sla_next_at = null
              where id > ${after} and status = 'awaiting_info' and sla_paused_at is null`.execute(db);
    await sql`
      insert into grievance_events (grievance_id, at, kind, from_status, to_status, actor_kind, data)
      select id, created_at, 'registered', null, 'registered', 'citizen', '{}'::jsonb from grievances where id > ${after}
      union all
      select id, created_at, 'assigned', 'registered', 'assigned', 'system', '{}'::jsonb from grievances
      where id > ${after} and position_id is not null`.execute(db);
    options.progress?.(to);
  }
  for (const definition of dropped) await sql.raw(definition).execute(db);
  await sql`analyze`.execute(db);
}

/** Drops the non-unique indexes of the big tables and returns the statements that rebuild them. */
async function dropSecondaryIndexes(database: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema() and i.tablename in ('grievances', 'grievance_events', 'citizens')
      and not x.indisunique and not x.indisprimary`.execute(database.db);
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(database.db);
  return rows.map((r) => r.definition);
}
