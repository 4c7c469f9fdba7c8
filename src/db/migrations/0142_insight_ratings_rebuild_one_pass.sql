-- Rebuilding the ratings' rollups in one pass over the history, as 0120 does for the others. The
-- rebuild of 0115 handed the events to insight_add_ratings 200,000 ids at a time, and each call found its
-- events' facts through the whole view: at ten million grievances (60 million events, 5.9 million
-- rated verdicts) it had run 28 minutes, written 660 GB of temporary files and was not done when it was
-- stopped. Now the rated verdicts' facts are read once and summed by the fine rollup's key, and the
-- narrow rollup is summed from the fine one (sums of sums are the same sums, as the fold makes them:
-- src/insight/figures.test.ts checks it).
create or replace function rebuild_insight_ratings() returns void language plpgsql as $$
begin
  lock table insight_rating_queue in exclusive mode;
  truncate insight_rating_daily, insight_dim_rating_daily, insight_rating_queue;
  perform set_config('work_mem', '256MB', true);
  insert into insight_rating_daily (day, department_id, place_id, position_id, level, category_id, channel,
    repeat, rated, rating_sum)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat, count(*), sum(rating)
  from insight_rating_facts
  group by 1, 2, 3, 4, 5, 6, 7, 8;
  insert into insight_dim_rating_daily (day, dim, department_id, place_id, level, category_id, channel,
    repeat, rated, rating_sum)
  select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
    department_id, place_id, level, category_id, channel, repeat, sum(rated), sum(rating_sum)
  from insight_rating_daily
  group by grouping sets ((day, repeat), (day, repeat, department_id), (day, repeat, place_id),
    (day, repeat, level), (day, repeat, category_id), (day, repeat, channel));
end $$;
