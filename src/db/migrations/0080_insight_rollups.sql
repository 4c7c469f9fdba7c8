-- Insight: the figures a helpline is judged by, kept as rollups so a dashboard over millions of
-- grievances reads a few thousand rows, never the grievances.
--
-- Two kinds of figure:
--   flows  (received, resolved, within time, closed, reopened, escalated, feedback...) happen on a day;
--          they come from the event history. Every event is a fact, defined once by the view
--          insight_facts below; the rollup insight_daily is the facts summed per
--          day x department x place x position x level x category x channel x repeat.
--   stock  (what is pending now, by the day it was received) comes from the grievances themselves, like
--          the open counts of 0014: statement-level triggers append deltas, a job folds them.
--
-- Flows are folded the same way: a statement-level trigger on grievance_events queues the new events'
-- ids (one cheap insert per statement; nothing locks a shared row, so concurrent transactions never
-- wait on each other), and fold_insight() turns queued events into facts and adds them to the rollups.
-- A read adds the rollup and the facts of the events still queued, so it is exact at any moment. An
-- event committed late, or out of order, or with a time in the past, lands on its own day whenever it
-- is folded: sums commute. Facts depend only on the event, the grievance's fixed columns (created,
-- category, place, channel, citizen), the positions and categories, and earlier events: so the rollups
-- can be rebuilt from the history at any time (rebuild_insight(), `npm run insight:rebuild`) and give
-- the same figures.

-- One row: how facts are bucketed. Changing either needs a rebuild.
create table insight_settings (
  id integer primary key default 1 check (id = 1),
  -- Days are counted in this time zone.
  time_zone text not null,
  -- Places are kept at this depth of the tree (4: block or urban body) so the rollup stays small; a
  -- grievance placed deeper counts at its ancestor there. A scope granted deeper than this sees no
  -- figures (the grievance lists still work).
  place_depth integer not null default 4 check (place_depth between 1 and 10),
  -- A grievance by the same citizen, in the same category and place, within this many days of an
  -- earlier one is a repeat: counted once in grading.
  repeat_days integer not null default 30 check (repeat_days >= 0),
  -- "Resolved in the last hours before the deadline": this many hours.
  last_hours integer not null default 4 check (last_hours > 0)
);
insert into insight_settings (time_zone)
select coalesce((select time_zone from calendars where is_default), 'Asia/Kolkata');

-- Drill-down lists read events of one kind in a period.
create index grievance_events_kind_at on grievance_events (kind, at);

-- Resolution times go into buckets so a median is read from a histogram: hourly up to two days, six
-- hours up to a week, daily up to 100 days, then one bucket. Bounds in hours: insight_bucket_hours().
create function insight_bucket(seconds double precision) returns smallint language sql immutable as $$
  select case
    when seconds < 0 then 0
    when seconds < 48 * 3600 then floor(seconds / 3600)
    when seconds < 168 * 3600 then 48 + floor((seconds - 48 * 3600) / (6 * 3600))
    when seconds < 2400 * 3600 then 68 + floor((seconds - 168 * 3600) / 86400)
    else 161 end::smallint $$;

-- Every event that a figure counts, with the dimensions it is counted under and a 0/1 (or a number of
-- seconds) per measure. Most events are one fact at the unit that holds the grievance after the event
-- (its position; the department of that position, else of the category; the position's level). Two
-- kinds also count against an earlier holder: a breach (escalated by the SLA clock) against the
-- position that let the time run out, and a transfer to another department that comes back (a "not our
-- subject" transfer found wrong) against the position that sent it away.
-- (Two views, no CTEs: a view is inlined where it is used, so a filter on event ids or on kind and
-- time reaches the index of every branch; a CTE used three times would be computed over all events.)
create view insight_event_base as
select e.id as event_id, e.grievance_id, e.at, e.kind, e.from_status, e.actor_kind, e.data,
  e.position_id as event_position_id, g.created_at, g.category_id, g.channel,
  cat.department_id as category_department_id, s.time_zone, s.last_hours,
  coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id) as place_id,
  -- The due time the resolve event recorded; events from before it did, the grievance's.
  coalesce((e.data->>'dueAt')::timestamptz, g.due_at) as due_at,
  exists (
    select 1 from grievances r
    where g.citizen_id is not null and r.citizen_id = g.citizen_id and r.category_id = g.category_id
      and r.place_id = g.place_id and r.id <> g.id and r.created_at <= g.created_at
      and r.created_at > g.created_at - s.repeat_days * interval '1 day'
      and (r.created_at < g.created_at or r.id < g.id)
  ) as repeat
from grievance_events e
join grievances g on g.id = e.grievance_id
join categories cat on cat.id = g.category_id
join places pl on pl.id = g.place_id
cross join insight_settings s
where e.kind in ('registered', 'assigned', 'transferred', 'escalated', 'resolved', 'closed', 'withdrawn',
                 'rejected', 'reopened');

create view insight_facts as
select event_id, grievance_id, at, (at at time zone time_zone)::date as day, kind, department_id, place_id,
  position_id, level, category_id, channel, repeat, received, assigned, resolved, resolved_in_time,
  resolution_seconds, insight_bucket(resolution_seconds) as resolution_bucket, resolved_with_proof,
  resolved_last_hours, closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened,
  reopened_after_resolution, escalations, breaches, transfers, wrong_transfers, disposed_over50,
  satisfied_over50
from (
  select b.event_id, b.grievance_id, b.at, b.kind, coalesce(pos.department_id, b.category_department_id)
      as department_id, b.place_id, b.event_position_id as position_id, pos.level, b.category_id, b.channel,
    b.repeat, b.time_zone,
    (b.kind = 'registered')::int as received,
    -- Arrivals at a position (to the command centre is no arrival: the position keeps it).
    (b.kind in ('assigned', 'transferred', 'escalated') and b.event_position_id is not null
      and b.data->>'toCommandCentre' is null)::int as assigned,
    (b.kind = 'resolved')::int as resolved,
    (b.kind = 'resolved' and b.at <= b.due_at)::int as resolved_in_time,
    case when b.kind = 'resolved' then extract(epoch from b.at - b.created_at)::double precision end
      as resolution_seconds,
    (b.kind = 'resolved' and jsonb_array_length(coalesce(b.data->'attachmentIds', '[]')) > 0)::int
      as resolved_with_proof,
    (b.kind = 'resolved' and b.at <= b.due_at and b.at > b.due_at - b.last_hours * interval '1 hour')::int
      as resolved_last_hours,
    (b.kind = 'closed')::int as closed,
    (b.kind = 'closed' and b.data->>'reason' = 'citizen_satisfied')::int as closed_satisfied,
    (b.kind = 'closed' and b.data->>'reason' = 'no_response')::int as closed_no_response,
    (b.kind = 'withdrawn')::int as withdrawn,
    (b.kind = 'rejected')::int as rejected,
    (b.kind = 'reopened')::int as reopened,
    -- The citizen (or an agent for them) refused the resolution: reopened after it was resolved or closed.
    (b.kind = 'reopened' and b.from_status in ('resolved', 'closed'))::int as reopened_after_resolution,
    (b.kind = 'escalated')::int as escalations,
    0 as breaches,
    (b.kind = 'transferred')::int as transfers,
    0 as wrong_transfers,
    (b.kind in ('closed', 'withdrawn', 'rejected') and b.at - b.created_at > interval '50 days')::int
      as disposed_over50,
    (b.kind = 'closed' and b.data->>'reason' = 'citizen_satisfied' and b.at - b.created_at > interval '50 days')::int
      as satisfied_over50
  from insight_event_base b left join positions pos on pos.id = b.event_position_id
  union all
  -- A breach, against the position whose time ran out.
  select b.event_id, b.grievance_id, b.at, 'breach', coalesce(pos.department_id, b.category_department_id),
    b.place_id, pos.id, pos.level, b.category_id, b.channel, b.repeat, b.time_zone,
    -- received .. resolution_seconds, proof .. reopened_after_resolution, escalations, breaches, ...
    0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
  from insight_event_base b
  left join positions pos on pos.id = coalesce((b.data->>'fromPositionId')::bigint,
    case when (b.data->>'toCommandCentre')::boolean then b.event_position_id end)
  where b.kind = 'escalated' and b.data->>'reason' = 'sla_breach'
  union all
  -- A transfer into a department the grievance had been transferred out of: that earlier transfer
  -- was wrong, and counts against the position that made it.
  select b.event_id, b.grievance_id, b.at, 'wrong_transfer', sender.department_id, b.place_id, sender.id,
    sender.level, b.category_id, b.channel, b.repeat, b.time_zone,
    0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
  from insight_event_base b
  join positions target on target.id = b.event_position_id
  join lateral (
    select sent_from.id, sent_from.department_id, sent_from.level
    from grievance_events prev
    join positions sent_from on sent_from.id = (prev.data->>'fromPositionId')::bigint
    join positions sent_to on sent_to.id = prev.position_id
    where prev.grievance_id = b.grievance_id and prev.kind = 'transferred' and prev.id < b.event_id
      and sent_to.department_id <> sent_from.department_id and sent_from.department_id = target.department_id
    order by prev.id desc limit 1
  ) sender on true
  where b.kind = 'transferred'
) f;

-- The flows, summed per day and unit. Measures are sums of the facts' columns of the same name.
create table insight_daily (
  day date not null,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  level integer,
  category_id bigint not null,
  channel text not null,
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
  unique nulls not distinct (day, department_id, place_id, position_id, level, category_id, channel, repeat)
);

-- Resolution times per bucket, for medians.
create table insight_resolution_hist (
  day date not null,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  level integer,
  category_id bigint not null,
  channel text not null,
  repeat boolean not null,
  bucket smallint not null,
  n bigint not null,
  unique nulls not distinct (day, department_id, place_id, position_id, level, category_id, channel, repeat, bucket)
);

-- Events not yet folded.
create table insight_event_queue (event_id bigint primary key);

create function insight_events_added() returns trigger language plpgsql as $$
begin
  insert into insight_event_queue (event_id)
  select id from new_rows
  where kind in ('registered', 'assigned', 'transferred', 'escalated', 'resolved', 'closed', 'withdrawn',
                 'rejected', 'reopened');
  return null;
end $$;

create trigger insight_events_added after insert on grievance_events
  referencing new table as new_rows for each statement execute function insight_events_added();

-- Adds the facts of the given events to the rollups (the fold and the rebuild share it).
create function insight_add_facts(ids bigint[]) returns void language sql as $$
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
$$;

-- Pending now, by the day each was received: the stock, kept like 0014's open counts.
create table insight_open (
  created_day date not null,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  level integer,
  category_id bigint not null,
  channel text not null,
  n bigint not null,
  unique nulls not distinct (created_day, department_id, place_id, position_id, level, category_id, channel)
);

create table insight_open_deltas (
  id bigint generated always as identity primary key,
  created_day date not null,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  level integer,
  category_id bigint not null,
  channel text not null,
  delta bigint not null
);

create function insight_open_changed() returns trigger language plpgsql as $$
begin
  insert into insight_open_deltas (created_day, department_id, place_id, position_id, level, category_id,
                                   channel, delta)
  select (m.created_at at time zone s.time_zone)::date, m.department_id,
    coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id),
    m.position_id, m.level, m.category_id, m.channel, sum(m.d)
  from (
    select created_at, department_id, place_id, position_id, level, category_id, channel, -1 as d
    from old_rows where status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
    union all
    select created_at, department_id, place_id, position_id, level, category_id, channel, 1
    from new_rows where status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
  ) m
  join places pl on pl.id = m.place_id
  cross join insight_settings s
  group by 1, 2, 3, 4, 5, 6, 7
  having sum(m.d) <> 0;
  return null;
end $$;

-- Insert and delete see one empty transition table through these stand-ins.
create function insight_open_inserted() returns trigger language plpgsql as $$
begin
  insert into insight_open_deltas (created_day, department_id, place_id, position_id, level, category_id,
                                   channel, delta)
  select (m.created_at at time zone s.time_zone)::date, m.department_id,
    coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id),
    m.position_id, m.level, m.category_id, m.channel, count(*)
  from new_rows m join places pl on pl.id = m.place_id cross join insight_settings s
  where m.status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
  group by 1, 2, 3, 4, 5, 6, 7;
  return null;
end $$;

create function insight_open_deleted() returns trigger language plpgsql as $$
begin
  insert into insight_open_deltas (created_day, department_id, place_id, position_id, level, category_id,
                                   channel, delta)
  select (m.created_at at time zone s.time_zone)::date, m.department_id,
    coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id),
    m.position_id, m.level, m.category_id, m.channel, -count(*)
  from old_rows m join places pl on pl.id = m.place_id cross join insight_settings s
  where m.status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
  group by 1, 2, 3, 4, 5, 6, 7;
  return null;
end $$;

create trigger insight_open_insert after insert on grievances
  referencing new table as new_rows for each statement execute function insight_open_inserted();
create trigger insight_open_update after update on grievances
  referencing old table as old_rows new table as new_rows for each statement execute function insight_open_changed();
create trigger insight_open_delete after delete on grievances
  referencing old table as old_rows for each statement execute function insight_open_deleted();

-- Folds what is queued into the rollups; returns how many events and stock deltas it folded. Safe on
-- several nodes at once: each folds the rows it deleted, and a row another fold has deleted is skipped.
-- At most `batch` events at a time (the job calls it until it folds nothing), so a bulk load of millions
-- is folded in short transactions.
create function fold_insight(batch integer default 50000) returns bigint language plpgsql as $$
declare
  ids bigint[];
  stock bigint;
begin
  with taken as (
    delete from insight_event_queue
    where event_id in (select event_id from insight_event_queue limit batch for update skip locked)
    returning event_id
  )
  select coalesce(array_agg(event_id), '{}') into ids from taken;
  if cardinality(ids) > 0 then
    perform insight_add_facts(ids);
  end if;
  with taken as (delete from insight_open_deltas returning *), summed as (
    select created_day, department_id, place_id, position_id, level, category_id, channel, sum(delta) as delta,
      count(*) as rows
    from taken group by 1, 2, 3, 4, 5, 6, 7
  ), applied as (
    insert into insight_open as o (created_day, department_id, place_id, position_id, level, category_id,
                                   channel, n)
    select created_day, department_id, place_id, position_id, level, category_id, channel, delta from summed
    on conflict (created_day, department_id, place_id, position_id, level, category_id, channel)
      do update set n = o.n + excluded.n
    returning 1
  )
  select coalesce(sum(rows), 0) into stock from summed;
  delete from insight_open where n = 0;
  return cardinality(ids) + stock;
end $$;

-- Throws the rollups away and computes them again from the event history and the grievances as they
-- stand (after a change of insight_settings, or to check the incremental ones).
create function rebuild_insight() returns void language plpgsql as $$
declare
  low bigint := 0;
  top bigint;
begin
  lock table insight_event_queue, insight_open_deltas in exclusive mode;
  truncate insight_daily, insight_resolution_hist, insight_event_queue, insight_open, insight_open_deltas;
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

-- The history already here.
select rebuild_insight();
