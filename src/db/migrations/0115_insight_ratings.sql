-- The citizens' 1-5 ratings (0090: `rating` on the close or reopen that carries their verdict) as a
-- figure: how many rated, and the sum of the ratings, so an average is their quotient. Kept apart from
-- insight_daily and its fold (0080, 0086): a rating is rare beside the events those count, and its own
-- small queue, fold and rebuild leave theirs untouched. The same keys as theirs, so the same read policy
-- and the same narrow-or-fine choice apply (src/insight/ratings.ts).

-- A rated verdict, counted at the unit holding the grievance after the event, as insight_facts counts
-- the closure or the reopening it came with.
create view insight_rating_facts as
select b.event_id, (b.at at time zone b.time_zone)::date as day,
  coalesce(pos.department_id, b.category_department_id) as department_id, b.place_id,
  b.event_position_id as position_id, pos.level, b.category_id, b.channel, b.repeat,
  (b.data->>'rating')::int as rating
from insight_event_base b left join positions pos on pos.id = b.event_position_id
where jsonb_typeof(b.data->'rating') = 'number'
  and ((b.kind = 'closed' and b.data->>'reason' = 'citizen_satisfied')
    or (b.kind = 'reopened' and b.from_status in ('resolved', 'closed')));

create table insight_rating_daily (
  day date not null,
  department_id bigint not null,
  place_id bigint not null,
  position_id bigint,
  level integer,
  category_id bigint not null,
  channel text not null,
  repeat boolean not null,
  rated bigint not null default 0,
  rating_sum bigint not null default 0,
  unique nulls not distinct (day, department_id, place_id, position_id, level, category_id, channel, repeat)
);

create table insight_dim_rating_daily (
  day date not null,
  dim text not null check (dim in ('total', 'department', 'place', 'category', 'level', 'channel')),
  department_id bigint,
  place_id bigint,
  level integer,
  category_id bigint,
  channel text,
  repeat boolean not null,
  rated bigint not null default 0,
  rating_sum bigint not null default 0,
  unique nulls not distinct (dim, day, department_id, place_id, level, category_id, channel, repeat)
);

create table insight_rating_queue (event_id bigint primary key);

create function insight_ratings_added() returns trigger language plpgsql as $$
begin
  insert into insight_rating_queue (event_id)
  select id from new_rows
  where kind in ('closed', 'reopened') and jsonb_typeof(data->'rating') = 'number';
  return null;
end $$;

create trigger insight_ratings_added after insert on grievance_events
  referencing new table as new_rows for each statement execute function insight_ratings_added();

create function insight_add_ratings(ids bigint[]) returns void language sql as $$
  insert into insight_rating_daily as d (day, department_id, place_id, position_id, level, category_id,
    channel, repeat, rated, rating_sum)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat, count(*), sum(rating)
  from insight_rating_facts where event_id = any(ids)
  group by 1, 2, 3, 4, 5, 6, 7, 8
  on conflict (day, department_id, place_id, position_id, level, category_id, channel, repeat) do update set
    rated = d.rated + excluded.rated, rating_sum = d.rating_sum + excluded.rating_sum;
  insert into insight_dim_rating_daily as d (day, dim, department_id, place_id, level, category_id, channel,
    repeat, rated, rating_sum)
  select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
    department_id, place_id, level, category_id, channel, repeat, count(*), sum(rating)
  from insight_rating_facts where event_id = any(ids)
  group by grouping sets ((day, repeat), (day, repeat, department_id), (day, repeat, place_id),
    (day, repeat, level), (day, repeat, category_id), (day, repeat, channel))
  on conflict (dim, day, department_id, place_id, level, category_id, channel, repeat) do update set
    rated = d.rated + excluded.rated, rating_sum = d.rating_sum + excluded.rating_sum;
$$;

-- As fold_insight: a batch of queued ratings at a time, safe on several nodes at once.
create function fold_insight_ratings(batch integer default 50000) returns bigint language plpgsql as $$
declare
  ids bigint[];
begin
  with taken as (
    delete from insight_rating_queue
    where event_id in (select event_id from insight_rating_queue limit batch for update skip locked)
    returning event_id
  )
  select coalesce(array_agg(event_id), '{}') into ids from taken;
  if cardinality(ids) > 0 then
    perform insight_add_ratings(ids);
  end if;
  return cardinality(ids);
end $$;

create function rebuild_insight_ratings() returns void language plpgsql as $$
declare
  low bigint := 0;
  top bigint;
begin
  lock table insight_rating_queue in exclusive mode;
  truncate insight_rating_daily, insight_dim_rating_daily, insight_rating_queue;
  select coalesce(max(id), 0) into top from grievance_events;
  while low <= top loop
    perform insight_add_ratings(coalesce(array_agg(id), '{}')) from grievance_events
    where id >= low and id < low + 200000 and kind in ('closed', 'reopened')
      and jsonb_typeof(data->'rating') = 'number';
    low := low + 200000;
  end loop;
end $$;

select rebuild_insight_ratings();
