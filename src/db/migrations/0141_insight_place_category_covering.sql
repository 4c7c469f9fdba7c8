-- The hotspots' rollup (0133) read from its index alone. At ten million grievances the wall's hotspots
-- read the 121,639 rows of five weeks from 14,812 heap pages (a rebuild writes a day's rows all over
-- the table), 200-600 ms of the wall's time; its unique key with the count included is read in day
-- order, index only: 34 ms warm for the same rows, the sum included. The key is the same, so the
-- fold's `on conflict` finds it as before.
create unique index insight_place_category_daily_key on insight_place_category_daily
  (day, place_id, category_id, department_id, position_id) include (received) nulls not distinct;

do $$
declare
  name text;
begin
  select conname into name from pg_constraint
  where conrelid = 'insight_place_category_daily'::regclass and contype = 'u';
  execute format('alter table insight_place_category_daily drop constraint %I', name);
end $$;

-- The price: with the count in the index, the fold's update of a row is no longer HOT (a new index
-- entry and a dead row each time; a few thousand rows a day, against a read of a hundred thousand on
-- every wall view). An index-only scan reads the heap for pages not marked all-visible: vacuumed after
-- a 1% change, not the default 20%, so the pages the fold keeps writing (today's rows) are soon marked
-- again.
alter table insight_place_category_daily set (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_insert_scale_factor = 0.01
);
