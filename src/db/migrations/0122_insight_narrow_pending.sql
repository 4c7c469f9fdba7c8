-- A narrow form of the pending stock, as 0086 made for the flows. insight_open keeps a row per day
-- received x department x place x position x level x category x channel: at ten million grievances
-- 669,000 rows, and the main dashboard's "pending by age" read them all on every view (230 ms of
-- PostgreSQL alone, the dashboard's p95 920 ms). insight_dim_open keeps the same counts per day received
-- and at most one dimension (`dim`, as in insight_dim_daily; no position), some thousands of rows.
-- It follows insight_open through statement-level triggers, whatever changes it (the fold, a rebuild),
-- so the fold itself is untouched; a read adds the deltas not yet folded, as before.
create table insight_dim_open (
  created_day date not null,
  dim text not null check (dim in ('total', 'department', 'place', 'category', 'level', 'channel')),
  department_id bigint,
  place_id bigint,
  level integer,
  category_id bigint,
  channel text,
  n bigint not null,
  unique nulls not distinct (dim, created_day, department_id, place_id, level, category_id, channel)
);
-- Groups whose count has fallen to zero are removed after each change.
create index insight_dim_open_zero on insight_dim_open (dim) where n = 0;

-- The counts a statement added (new rows) and took away (old rows), summed per day and dimension. Each
-- kind of statement sees only its own transition tables, so the rows moved are named per kind and the
-- one statement that sums them is run on those.
create function insight_dim_open_changed() returns trigger language plpgsql as $$
declare
  cols constant text := 'created_day, department_id, place_id, level, category_id, channel';
  moved text;
begin
  if tg_op = 'TRUNCATE' then
    truncate insight_dim_open;
    return null;
  end if;
  moved := case tg_op
    when 'INSERT' then format('select %s, n from new_rows', cols)
    when 'DELETE' then format('select %s, -n from old_rows', cols)
    else format('select %s, n from new_rows union all select %s, -n from old_rows', cols, cols) end;
  execute format($sql$
    insert into insight_dim_open as o (created_day, dim, department_id, place_id, level, category_id, channel, n)
    select created_day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
      department_id, place_id, level, category_id, channel, sum(n)
    from (%s) as m (created_day, department_id, place_id, level, category_id, channel, n)
    group by grouping sets ((created_day), (created_day, department_id), (created_day, place_id),
      (created_day, level), (created_day, category_id), (created_day, channel))
    having sum(n) <> 0
    on conflict (dim, created_day, department_id, place_id, level, category_id, channel)
      do update set n = o.n + excluded.n$sql$, moved);
  delete from insight_dim_open where n = 0;
  return null;
end $$;

create trigger insight_dim_open_insert after insert on insight_open
  referencing new table as new_rows for each statement execute function insight_dim_open_changed();
create trigger insight_dim_open_update after update on insight_open
  referencing old table as old_rows new table as new_rows for each statement execute function insight_dim_open_changed();
create trigger insight_dim_open_delete after delete on insight_open
  referencing old table as old_rows for each statement execute function insight_dim_open_changed();
create trigger insight_dim_open_truncate after truncate on insight_open
  for each statement execute function insight_dim_open_changed();

-- The stock already here.
insert into insight_dim_open (created_day, dim, department_id, place_id, level, category_id, channel, n)
select created_day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
  department_id, place_id, level, category_id, channel, sum(n)
from insight_open
group by grouping sets ((created_day), (created_day, department_id), (created_day, place_id),
  (created_day, level), (created_day, category_id), (created_day, channel))
having sum(n) <> 0;
