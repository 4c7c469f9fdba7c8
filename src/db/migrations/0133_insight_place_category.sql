-- Registrations per day, place and category, for the wall's hotspots (src/insight/wall.ts). Hotspots
-- group by place and category together over five weeks, which no narrow rollup of 0086 keeps (each has
-- one dimension), so they read the fine rollup: at ten million grievances 1.76 million rows a view, and
-- the wall's p95 was 4.6 s. This keeps only what hotspots sum (received) by day, place (at the kept
-- depth, as in insight_daily, so any depth above it is exact) and category, with the columns the read
-- policy decides on (department, position; place through its path), so a district monitor's or an
-- officer's hotspots are theirs. Level, channel and repeat are summed away, and rows that received
-- nothing (days of later events only) are not kept.
--
-- It follows insight_daily through statement-level triggers, whatever changes it (the fold's upsert, a
-- rebuild's truncate and insert), as insight_dim_open follows insight_open (0122); a read adds the
-- facts of events still queued, as the other rollups' reads do.
create table insight_place_category_daily (
  day date not null,
  place_id bigint not null,
  category_id bigint not null,
  department_id bigint not null,
  position_id bigint,
  received bigint not null,
  unique nulls not distinct (day, place_id, category_id, department_id, position_id)
);

-- The received counts a statement added (new rows) and took away (old rows). A fold's update of a row
-- for a later event leaves received as it was: its old and new rows cancel and nothing is written.
-- (Received only grows, so no group falls to zero to be removed.)
create function insight_place_category_changed() returns trigger language plpgsql as $$
declare
  cols constant text := 'day, place_id, category_id, department_id, position_id';
  moved text;
begin
  if tg_op = 'TRUNCATE' then
    truncate insight_place_category_daily;
    return null;
  end if;
  moved := case tg_op
    when 'INSERT' then format('select %s, received from new_rows', cols)
    when 'DELETE' then format('select %s, -received from old_rows', cols)
    else format('select %s, received from new_rows union all select %s, -received from old_rows', cols, cols) end;
  execute format($sql$
    insert into insight_place_category_daily as p (day, place_id, category_id, department_id, position_id, received)
    select day, place_id, category_id, department_id, position_id, sum(received)
    from (%s) as m (day, place_id, category_id, department_id, position_id, received)
    group by 1, 2, 3, 4, 5
    having sum(received) <> 0
    on conflict (day, place_id, category_id, department_id, position_id)
      do update set received = p.received + excluded.received$sql$, moved);
  return null;
end $$;

create trigger insight_place_category_insert after insert on insight_daily
  referencing new table as new_rows for each statement execute function insight_place_category_changed();
create trigger insight_place_category_update after update on insight_daily
  referencing old table as old_rows new table as new_rows
  for each statement execute function insight_place_category_changed();
create trigger insight_place_category_delete after delete on insight_daily
  referencing old table as old_rows for each statement execute function insight_place_category_changed();
create trigger insight_place_category_truncate after truncate on insight_daily
  for each statement execute function insight_place_category_changed();

-- What is folded already, summed from the fine rollup (the triggers above hold off the fold meanwhile).
insert into insight_place_category_daily (day, place_id, category_id, department_id, position_id, received)
select day, place_id, category_id, department_id, position_id, sum(received)
from insight_daily
group by 1, 2, 3, 4, 5
having sum(received) <> 0;
