-- Narrow rollups beside insight_daily. insight_daily keeps a row per day x department x place x
-- position x level x category x channel x repeat, which at 100,000 grievances is some 180,000 rows (a
-- row rarely gathers more than one or two grievances), too many to sum per page view at scale. Most
-- reads ask for the whole helpline, or one dimension at a time: so each fold also sums its facts per
-- day and one dimension (department, place at the kept depth, category, level, channel, or none), with
-- repeat, some hundreds of rows a day whatever the volume. `dim` names the dimension a row is for; the
-- other dimensions' columns are null in it. The figures read these when the caller reads everywhere and
-- the query touches at most one dimension (src/insight/figures.ts), the fine rollup otherwise.
create table insight_dim_daily (
  day date not null,
  dim text not null check (dim in ('total', 'department', 'place', 'category', 'level', 'channel')),
  department_id bigint,
  place_id bigint,
  level integer,
  category_id bigint,
  channel text,
  repeat boolean not null,
  received bigint not null default 0,
  assigned bigint not null default 0,
  resolved bigint not null default 0,
  resolved_in_time bigint not null default 0,
  resolution_seconds double precision not null default 0,
  resolved_with_proof bigint not null default 0,
  resolved_last_hours bigint not null default 0,
  closed bigint not null default 0,
  closed_satisfied bigint not null default 0,
  closed_no_response bigint not null default 0,
  withdrawn bigint not null default 0,
  rejected bigint not null default 0,
  reopened bigint not null default 0,
  reopened_after_resolution bigint not null default 0,
  escalations bigint not null default 0,
  breaches bigint not null default 0,
  transfers bigint not null default 0,
  wrong_transfers bigint not null default 0,
  disposed_over50 bigint not null default 0,
  satisfied_over50 bigint not null default 0,
  unique nulls not distinct (dim, day, department_id, place_id, level, category_id, channel, repeat)
);

create table insight_dim_resolution_hist (
  day date not null,
  dim text not null,
  department_id bigint,
  place_id bigint,
  level integer,
  category_id bigint,
  channel text,
  repeat boolean not null,
  bucket smallint not null,
  n bigint not null,
  unique nulls not distinct (dim, day, department_id, place_id, level, category_id, channel, repeat, bucket)
);

-- Which dimension a grouping-sets row is for. grouping() tells a column grouped away from one whose
-- value is null (level is null for an unrouted grievance, and that is a group of its own).
create function insight_dim_of(g integer) returns text language sql immutable as $$
  select case g
    when 31 then 'total' when 15 then 'department' when 23 then 'place' when 29 then 'category'
    when 27 then 'level' when 30 then 'channel' end
$$;

-- As in 0080, and also into the narrow rollups: one pass over the facts feeds every dimension, through
-- grouping sets.
create or replace function insight_add_facts(ids bigint[]) returns void language sql as $$
  insert into insight_daily as d (day, department_id, place_id, position_id, level, category_id, channel, repeat,
    received, assigned, resolved, resolved_in_time, resolution_seconds, resolved_with_proof, resolved_last_hours,
    closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened, reopened_after_resolution,
    escalations, breaches, transfers, wrong_transfers, disposed_over50, satisfied_over50)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat,
    sum(received), sum(assigned), sum(resolved), sum(resolved_in_time), coalesce(sum(resolution_seconds), 0),
    sum(resolved_with_proof), sum(resolved_last_hours), sum(closed), sum(closed_satisfied),
    sum(closed_no_response), sum(withdrawn), sum(rejected), sum(reopened), sum(reopened_after_resolution),
    sum(escalations), sum(breaches), sum(transfers), sum(wrong_transfers), sum(disposed_over50),
    sum(satisfied_over50)
  from insight_facts where event_id = any(ids)
  group by 1, 2, 3, 4, 5, 6, 7, 8
  on conflict (day, department_id, place_id, position_id, level, category_id, channel, repeat) do update set
    received = d.received + excluded.received, assigned = d.assigned + excluded.assigned,
    resolved = d.resolved + excluded.resolved, resolved_in_time = d.resolved_in_time + excluded.resolved_in_time,
    resolution_seconds = d.resolution_seconds + excluded.resolution_seconds,
    resolved_with_proof = d.resolved_with_proof + excluded.resolved_with_proof,
    resolved_last_hours = d.resolved_last_hours + excluded.resolved_last_hours,
    closed = d.closed + excluded.closed, closed_satisfied = d.closed_satisfied + excluded.closed_satisfied,
    closed_no_response = d.closed_no_response + excluded.closed_no_response,
    withdrawn = d.withdrawn + excluded.withdrawn, rejected = d.rejected + excluded.rejected,
    reopened = d.reopened + excluded.reopened,
    reopened_after_resolution = d.reopened_after_resolution + excluded.reopened_after_resolution,
    escalations = d.escalations + excluded.escalations, breaches = d.breaches + excluded.breaches,
    transfers = d.transfers + excluded.transfers, wrong_transfers = d.wrong_transfers + excluded.wrong_transfers,
    disposed_over50 = d.disposed_over50 + excluded.disposed_over50,
    satisfied_over50 = d.satisfied_over50 + excluded.satisfied_over50;
  insert into insight_resolution_hist as h (day, department_id, place_id, position_id, level, category_id,
    channel, repeat, bucket, n)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat, resolution_bucket, count(*)
  from insight_facts where event_id = any(ids) and resolved = 1
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9
  on conflict (day, department_id, place_id, position_id, level, category_id, channel, repeat, bucket)
    do update set n = h.n + excluded.n;
  insert into insight_dim_daily as d (day, dim, department_id, place_id, level, category_id, channel, repeat,
    received, assigned, resolved, resolved_in_time, resolution_seconds, resolved_with_proof, resolved_last_hours,
    closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened, reopened_after_resolution,
    escalations, breaches, transfers, wrong_transfers, disposed_over50, satisfied_over50)
  select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
    department_id, place_id, level, category_id, channel, repeat,
    sum(received), sum(assigned), sum(resolved), sum(resolved_in_time), coalesce(sum(resolution_seconds), 0),
    sum(resolved_with_proof), sum(resolved_last_hours), sum(closed), sum(closed_satisfied),
    sum(closed_no_response), sum(withdrawn), sum(rejected), sum(reopened), sum(reopened_after_resolution),
    sum(escalations), sum(breaches), sum(transfers), sum(wrong_transfers), sum(disposed_over50),
    sum(satisfied_over50)
  from insight_facts where event_id = any(ids)
  group by grouping sets ((day, repeat), (day, repeat, department_id), (day, repeat, place_id),
    (day, repeat, level), (day, repeat, category_id), (day, repeat, channel))
  on conflict (dim, day, department_id, place_id, level, category_id, channel, repeat) do update set
    received = d.received + excluded.received, assigned = d.assigned + excluded.assigned,
    resolved = d.resolved + excluded.resolved, resolved_in_time = d.resolved_in_time + excluded.resolved_in_time,
    resolution_seconds = d.resolution_seconds + excluded.resolution_seconds,
    resolved_with_proof = d.resolved_with_proof + excluded.resolved_with_proof,
    resolved_last_hours = d.resolved_last_hours + excluded.resolved_last_hours,
    closed = d.closed + excluded.closed, closed_satisfied = d.closed_satisfied + excluded.closed_satisfied,
    closed_no_response = d.closed_no_response + excluded.closed_no_response,
    withdrawn = d.withdrawn + excluded.withdrawn, rejected = d.rejected + excluded.rejected,
    reopened = d.reopened + excluded.reopened,
    reopened_after_resolution = d.reopened_after_resolution + excluded.reopened_after_resolution,
    escalations = d.escalations + excluded.escalations, breaches = d.breaches + excluded.breaches,
    transfers = d.transfers + excluded.transfers, wrong_transfers = d.wrong_transfers + excluded.wrong_transfers,
    disposed_over50 = d.disposed_over50 + excluded.disposed_over50,
    satisfied_over50 = d.satisfied_over50 + excluded.satisfied_over50;
  insert into insight_dim_resolution_hist as h (day, dim, department_id, place_id, level, category_id, channel,
    repeat, bucket, n)
  select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
    department_id, place_id, level, category_id, channel, repeat, resolution_bucket, count(*)
  from insight_facts where event_id = any(ids) and resolved = 1
  group by grouping sets ((day, repeat, resolution_bucket), (day, repeat, resolution_bucket, department_id),
    (day, repeat, resolution_bucket, place_id), (day, repeat, resolution_bucket, level),
    (day, repeat, resolution_bucket, category_id), (day, repeat, resolution_bucket, channel))
  on conflict (dim, day, department_id, place_id, level, category_id, channel, repeat, bucket)
    do update set n = h.n + excluded.n;
$$;

create or replace function rebuild_insight() returns void language plpgsql as $$
declare
  low bigint := 0;
  top bigint;
begin
  lock table insight_event_queue, insight_open_deltas in exclusive mode;
  truncate insight_daily, insight_resolution_hist, insight_dim_daily, insight_dim_resolution_hist,
    insight_event_queue, insight_open, insight_open_deltas;
  -- In slices of ids, so a history of millions never makes one huge array.
  select coalesce(max(id), 0) into top from grievance_events;
  while low <= top loop
    perform insight_add_facts(coalesce(array_agg(id), '{}')) from grievance_events
    where id >= low and id < low + 200000
      and kind in ('registered', 'assigned', 'transferred', 'escalated', 'resolved', 'closed', 'withdrawn',
                   'rejected', 'reopened');
    low := low + 200000;
  end loop;
  insert into insight_open (created_day, department_id, place_id, position_id, level, category_id, channel, n)
  select (g.created_at at time zone s.time_zone)::date, g.department_id,
    coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id),
    g.position_id, g.level, g.category_id, g.channel, count(*)
  from grievances g join places pl on pl.id = g.place_id cross join insight_settings s
  where g.status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
  group by 1, 2, 3, 4, 5, 6, 7;
end $$;

-- What is folded already, summed from the fine rollup (exact, and cheaper than the history).
insert into insight_dim_daily (day, dim, department_id, place_id, level, category_id, channel, repeat,
  received, assigned, resolved, resolved_in_time, resolution_seconds, resolved_with_proof, resolved_last_hours,
  closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened, reopened_after_resolution,
  escalations, breaches, transfers, wrong_transfers, disposed_over50, satisfied_over50)
select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
  department_id, place_id, level, category_id, channel, repeat,
  sum(received), sum(assigned), sum(resolved), sum(resolved_in_time), sum(resolution_seconds),
  sum(resolved_with_proof), sum(resolved_last_hours), sum(closed), sum(closed_satisfied),
  sum(closed_no_response), sum(withdrawn), sum(rejected), sum(reopened), sum(reopened_after_resolution),
  sum(escalations), sum(breaches), sum(transfers), sum(wrong_transfers), sum(disposed_over50),
  sum(satisfied_over50)
from insight_daily
group by grouping sets ((day, repeat), (day, repeat, department_id), (day, repeat, place_id),
  (day, repeat, level), (day, repeat, category_id), (day, repeat, channel));

insert into insight_dim_resolution_hist (day, dim, department_id, place_id, level, category_id, channel, repeat,
  bucket, n)
select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
  department_id, place_id, level, category_id, channel, repeat, bucket, sum(n)
from insight_resolution_hist
group by grouping sets ((day, repeat, bucket), (day, repeat, bucket, department_id),
  (day, repeat, bucket, place_id), (day, repeat, bucket, level), (day, repeat, bucket, category_id),
  (day, repeat, bucket, channel));
