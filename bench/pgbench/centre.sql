-- The database's own ceiling for the command centre's queue: the statements the service sends for one
-- page (the newest 50 open cases at the centre with their names and, as a column, the list's total from
-- the open-case counts; then the read's audit row, committed asynchronously as the service does),
-- replayed by pgbench.
select g.id, g.reference, g.status, g.channel, g.subject, g.description, g.language, g.address, g.latitude,
       g.longitude, g.details, g.anonymous, g.level, g.priority, g.due_at, g.sla_paused_at, g.command_centre_at,
       g.reopen_count, g.created_at, g.updated_at, g.resolved_at, g.closed_at, cat.id, cat.code, cat.name, d.id,
       d.code, d.name, pl.id, pl.code, pl.name, pos.id, pos.title, c.phone, c.name, g.citizen_id, pl.path,
       (select max(s.level) from routing_rule_steps as s where s.rule_id = g.rule_id) as chain_top,
       (select coalesce(sum(g.n), 0)
        from (select k.department_id, k.place_id, k.position_id, k.n
              from (select department_id, place_id, position_id, state, command_centre, n from grievance_open_counts
                    union all
                    select department_id, place_id, position_id, state, command_centre, delta as n
                    from grievance_open_count_deltas) as k
              where k.state in ('running', 'awaiting_info') and k.command_centre) as g
        inner join places as pl on pl.id = g.place_id
        where (true or true)) as page_total
from grievances as g
inner join categories as cat on cat.id = g.category_id
inner join departments as d on d.id = g.department_id
inner join places as pl on pl.id = g.place_id
left join positions as pos on pos.id = g.position_id
left join lateral (select c0.phone, c0.name from citizens as c0 where c0.id = g.citizen_id offset 0) as c on true
where g.id in (select g.id from grievances as g left join places as pl on pl.id = g.place_id
               where (true or true) and g.command_centre_at is not null
                 and g.status in ('assigned', 'in_progress', 'awaiting_info')
               order by g.created_at desc, g.id desc limit 50 offset 0)
order by g.created_at desc, g.id desc;
with relaxed as (select set_config('synchronous_commit', 'off', true))
insert into audit_log (at, actor_kind, actor_id, ip, action, entity, entity_id, reason, data)
select now(), 'api', :actor, '127.0.0.1', 'grievance.search', 'grievance', null, null, '{"returned": 50}'::jsonb
where exists (select 1 from relaxed);
