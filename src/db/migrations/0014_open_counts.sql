-- Open-case counts for the overview and the command centre, kept as they change instead of counted
-- from the grievances on every page view (a scan of every open case, 12 s at a million grievances).
--
-- Every statement that inserts, updates or deletes grievances appends what it changed to the deltas:
-- one row per (department, place, position, state) whose count moved, from the statement's transition
-- tables, so a batch of 200 registrations appends a handful of rows and nothing is ever updated in
-- place (a single counter row per department would make concurrent registrations queue behind each
-- other's lock). A job folds the deltas into the counts every minute; a read adds the counts and
-- the deltas not yet folded, so it is exact at any moment.
--
-- "Overdue" depends on the clock, so it is not kept here: it is counted from the partial index
-- grievances_running_due, which holds only running clocks and is short.

create table grievance_open_counts (
  department_id bigint not null,
  place_id bigint not null,
  -- Null for a grievance waiting to be routed.
  position_id bigint,
  -- registered (unrouted, or reopened with nowhere to go), running (assigned or in progress),
  -- awaiting_info (clock stopped for the citizen).
  state text not null check (state in ('registered', 'running', 'awaiting_info')),
  command_centre boolean not null,
  n bigint not null,
  unique nulls not distinct (department_id, place_id, position_id, state, command_centre)
);

create table grievance_open_count_deltas (
  id bigint generated always as identity primary key,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  state text not null,
  command_centre boolean not null,
  delta bigint not null
);

create function open_state(status text) returns text language sql immutable as $$
  select case status when 'registered' then 'registered' when 'assigned' then 'running'
    when 'in_progress' then 'running' when 'awaiting_info' then 'awaiting_info' end $$;

create function grievance_counts_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into grievance_open_count_deltas (department_id, place_id, position_id, state, command_centre, delta)
    select department_id, place_id, position_id, open_state(status), command_centre_at is not null, count(*)
    from new_rows where open_state(status) is not null
    group by 1, 2, 3, 4, 5;
  elsif tg_op = 'DELETE' then
    insert into grievance_open_count_deltas (department_id, place_id, position_id, state, command_centre, delta)
    select department_id, place_id, position_id, open_state(status), command_centre_at is not null, -count(*)
    from old_rows where open_state(status) is not null
    group by 1, 2, 3, 4, 5;
  else
    insert into grievance_open_count_deltas (department_id, place_id, position_id, state, command_centre, delta)
    select department_id, place_id, position_id, state, command_centre, sum(d)
    from (
      select department_id, place_id, position_id, open_state(status) as state,
             command_centre_at is not null as command_centre, -1 as d
      from old_rows where open_state(status) is not null
      union all
      select department_id, place_id, position_id, open_state(status), command_centre_at is not null, 1
      from new_rows where open_state(status) is not null
    ) as moved
    group by 1, 2, 3, 4, 5
    having sum(d) <> 0;
  end if;
  return null;
end $$;

create trigger grievance_counts_insert after insert on grievances
  referencing new table as new_rows for each statement execute function grievance_counts_changed();
create trigger grievance_counts_update after update on grievances
  referencing old table as old_rows new table as new_rows for each statement execute function grievance_counts_changed();
create trigger grievance_counts_delete after delete on grievances
  referencing old table as old_rows for each statement execute function grievance_counts_changed();

-- Folds the deltas into the counts; returns how many delta rows it folded. Run by a job; safe to run
-- on several nodes at once (each takes the rows it deleted).
create function fold_open_counts() returns bigint language plpgsql as $$
declare
  folded bigint;
begin
  with taken as (
    delete from grievance_open_count_deltas returning *
  ), summed as (
    select department_id, place_id, position_id, state, command_centre, sum(delta) as delta, count(*) as rows
    from taken group by 1, 2, 3, 4, 5
  ), applied as (
    insert into grievance_open_counts (department_id, place_id, position_id, state, command_centre, n)
    select department_id, place_id, position_id, state, command_centre, delta from summed
    on conflict (department_id, place_id, position_id, state, command_centre)
      do update set n = grievance_open_counts.n + excluded.n
    returning 1
  )
  select coalesce(sum(rows), 0) into folded from summed;
  delete from grievance_open_counts where n = 0;
  return folded;
end $$;

-- The grievances already here.
insert into grievance_open_counts (department_id, place_id, position_id, state, command_centre, n)
select department_id, place_id, position_id, open_state(status), command_centre_at is not null, count(*)
from grievances where open_state(status) is not null
group by 1, 2, 3, 4, 5;
