-- The database's own ceiling for a lookup by reference: the statements the service sends for one (the
-- grievance with its names, then the read's audit row, committed asynchronously as the service does),
-- replayed by pgbench. The service batches concurrent reads' audit rows into one insert, so it writes
-- fewer statements than this under load. The first statement only picks a reference at random (a
-- primary-key probe the service does not make).
\set id random(:first, :last)
select reference from grievances where id = :id \gset
select g.id, g.reference, g.status, g.channel, g.subject, g.description, g.language, g.address, g.latitude,
       g.longitude, g.details, g.anonymous, g.level, g.priority, g.due_at, g.sla_paused_at, g.command_centre_at,
       g.reopen_count, g.created_at, g.updated_at, g.resolved_at, g.closed_at, cat.id, cat.code, cat.name, d.id,
       d.code, d.name, pl.id, pl.code, pl.name, pos.id, pos.title, c.phone, c.name, g.citizen_id, pl.path,
       (select max(s.level) from routing_rule_steps as s where s.rule_id = g.rule_id) as chain_top
from grievances as g
inner join categories as cat on cat.id = g.category_id
inner join departments as d on d.id = g.department_id
inner join places as pl on pl.id = g.place_id
left join positions as pos on pos.id = g.position_id
left join lateral (select c0.phone, c0.name from citizens as c0 where c0.id = g.citizen_id offset 0) as c on true
where g.reference = :reference;
with relaxed as (select set_config('synchronous_commit', 'off', true))
insert into audit_log (at, actor_kind, actor_id, ip, action, entity, entity_id, reason, data)
select now(), 'api', :actor, '127.0.0.1', 'grievance.read_personal_data', 'grievance', :reference, null, '{}'::jsonb
where exists (select 1 from relaxed);
