// The database's own ceilings for the reads (`npm run bench`): each request's statements as the service
// sends them (what `bench/cost.ts` counts), replayed by pgbench. Written to files when the bench runs;
// the parts the requests share (a grievance as presented, a page's total from the open-case
// rollup, a read's audit row) are written once here. When a read's statements change in
// `src/grievances/queries.ts`, change them here too.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A grievance as `grievanceView` reads it (its category, department, place and position by id: the
 * service names them from its reference cache); `total` adds the list's total as a column.
 */
const presented = (
  total?: string,
) => `select g.id, g.reference, g.status, g.channel, g.subject, g.description, g.language, g.address,
       g.latitude, g.longitude, g.details, g.anonymous, g.level, g.priority, g.due_at, g.sla_paused_at,
       g.command_centre_at, g.reopen_count, g.created_at, g.updated_at, g.resolved_at, g.closed_at,
       g.category_id, g.department_id, g.place_id, g.position_id, c.phone, c.name, g.citizen_id,
       (select max(s.level) from routing_rule_steps as s where s.rule_id = g.rule_id) as chain_top${
         total ? `,\n       (${total}) as page_total` : ''
       }
from grievances as g
left join lateral (select c0.phone, c0.name from citizens as c0 where c0.id = g.citizen_id offset 0) as c on true`;

/** The open-case rollup: its counts and the deltas not yet folded into them, as `g` rows of `n`. */
const openCounts = `(select department_id, place_id, position_id, state, command_centre, n from grievance_open_counts union all select department_id, place_id, position_id, state, command_centre, delta as n from grievance_open_count_deltas)`;

/** The routine cases whose time ran out (+1) and the centre's whose time has not (-1), as `d` rows. */
const corrections = `(select department_id, place_id, position_id, 1 as d from grievances where status in ('assigned', 'in_progress') and command_centre_at is null and due_at <= now() union all select department_id, place_id, position_id, -1 as d from grievances where status in ('assigned', 'in_progress') and command_centre_at is not null and due_at > now())`;

/**
 * The sum of the open-case rollup's rows `kept`, and of `more` rows (corrections), where `where` holds.
 */
const rolledUp = (kept: string, where: string, more = '') => `select coalesce(sum(g.n), 0)
        from (select k.department_id, k.place_id, k.position_id, k.n
              from ${openCounts} as k
              where ${kept}${more}) as g
        inner join places as pl on pl.id = g.place_id
        where ${where}`;

/** A read's audit row, committed asynchronously as the service does (src/access/audit-reads.ts). */
const audit = (
  action: string,
  entity: string,
  data: string,
) => `with relaxed as (select set_config('synchronous_commit', 'off', true))
insert into audit_log (at, actor_kind, actor_id, ip, action, entity, entity_id, reason, data)
select now(), 'api', :actor, '127.0.0.1', '${action}', 'grievance', ${entity}, null, '${data}'::jsonb
where exists (select 1 from relaxed);`;

const OPEN = "g.status in ('assigned', 'in_progress', 'awaiting_info')";

/** The newest 50 grievances where `where` holds, as a subquery of ids. */
const newest = (
  where: string,
) => `where g.id in (select g.id from grievances as g left join places as pl on pl.id = g.place_id
               where ${where}
               order by g.created_at desc, g.id desc limit 50 offset 0)
order by g.created_at desc, g.id desc;`;

/** The two clock walks of the overdue list: running clocks by due time, paused ones by time left. */
const overdueWalks = `select * from (select g.id, g.due_at as due from grievances as g left join places as pl on pl.id = g.place_id
                     where (true or true) and g.due_at <= now() and g.status in ('assigned', 'in_progress')
                       and g.status in ('assigned', 'in_progress') and g.due_at is not null
                     order by g.due_at, g.id limit 50) as r
      union all
      select * from (select g.id, g.due_at as due from grievances as g left join places as pl on pl.id = g.place_id
                     where (true or true) and g.due_at <= now() and g.status in ('assigned', 'in_progress')
                       and g.status = 'awaiting_info' and g.sla_paused_at is not null and g.due_at is not null
                     order by g.due_at - g.sla_paused_at, g.id limit 50) as p`;

/** The overdue list's total: the centre's running cases from the rollup, corrected by the clocks. */
const overdueTotal = rolledUp(
  "k.state in ('running') and k.command_centre",
  '(true or true)',
  ` union all select c.department_id, c.place_id, c.position_id, c.d as n from ${corrections} as c`,
);

/** The command centre's counts grouped by `key`: open ones from the rollup, overdue from the corrections. */
const counts = (
  key: string,
) => `select ${key} as id, sum(g.n) as open, coalesce(sum(g.n) filter (where g.state = 'awaiting_info'), 0) as awaitingInfo, coalesce(sum(g.n) filter (where g.state = 'registered' and g.position_id is null), 0) as unrouted, coalesce(sum(g.n) filter (where g.command_centre), 0) as commandCentre, coalesce(sum(g.n) filter (where g.command_centre and g.state = 'running'), 0) as runningAtCentre from ${openCounts} as g inner join places as pl on pl.id = g.place_id where (true or true) group by ${key};
select ${key} as id, sum(g.d) as overdue from ${corrections} as g inner join places as pl on pl.id = g.place_id where (true or true) group by ${key};`;

export const LIST_READ = audit('grievance.search', 'null', '{"returned": 50}');

const SCRIPTS = {
  // The grievance by its reference, then the read's audit row. The first statement only picks a
  // reference at random (a primary-key probe the service does not make); the service batches concurrent
  // reads' audit rows into one insert, so under load it sends fewer statements than this.
  lookup: `\\set id random(:first, :last)
select reference from grievances where id = :id \\gset
${presented()}
where g.reference = :reference;
${audit('grievance.read_personal_data', ':reference', '{}')}`,
  // An officer's queue: the newest 50 open cases at the position with their names and the list's total.
  queue: `${presented(rolledUp("k.state in ('running', 'awaiting_info')", 'g.position_id in (:position) and g.position_id = :position'))}
${newest(`g.position_id in (:position) and ${OPEN} and g.position_id = :position`)}
${LIST_READ}`,
  // The command centre's queue: its newest 50 open cases with their names and the list's total.
  centre: `${presented(rolledUp("k.state in ('running', 'awaiting_info') and k.command_centre", '(true or true)'))}
${newest(`(true or true) and g.command_centre_at is not null and ${OPEN}`)}
${LIST_READ}`,
  // The overdue list: the two walks as one statement, the 50 most overdue presented with the total. The
  // service merges the walks in Node; here the first 50 of both by due time stand in for that.
  overdue: `select array_agg(id order by due) as ids from (${overdueWalks}
      order by due limit 50) as w \\gset
${presented(overdueTotal)}
where g.id = any(:ids::bigint[]);
${LIST_READ}`,
  // The command centre's counts, by department or by district at random as the benchmark asks, then the
  // names of the rows' departments or districts. Not audited (no personal data).
  counts: `\\set by random(0, 1)
\\if :by = 0
${counts('g.department_id')}
select id, name from departments where id in (select id from departments order by id limit 10);
\\else
${counts("nullif(split_part(pl.path, '/', 3), '')::bigint")}
select id, name from places where id in (select id from places where depth = 2 order by id limit 5);
\\endif`,
};

/** Writes the script for `read` and returns its file. */
export async function readScript(read: keyof typeof SCRIPTS): Promise<string> {
  const file = path.join(tmpdir(), `civicline-ceiling-${read}.sql`);
  await writeFile(file, `${SCRIPTS[read]}\n`);
  return file;
}
