-- Rebuilding the insight rollups in one pass over the history, in minutes at ten million grievances.
-- rebuild_insight() (0080, 0086) handed the events to insight_add_facts 200,000 ids at a time, and each
-- call computed every event's facts four times (once per rollup) and found the events one id at a time:
-- at ten million grievances (55 million events) one slice took 9.9 s, so the 276 slices some 46 minutes
-- (the earlier ten-million run was stopped in it). Now the facts are
-- computed once, in one statement over the whole history, and summed at the finest grain any rollup
-- keeps (the fine rollup's dimensions and the resolution bucket); the fine rollups are sums of that, and
-- the narrow ones sums of the fine ones, as 0086 first built them. Sums of sums are the same sums, so
-- the rollups come out as the incremental fold makes them (src/insight/figures.test.ts checks it). At
-- ten million grievances: 12.5 minutes on the shared 2-core machine, most of it the one pass.
create or replace function rebuild_insight() returns void language plpgsql as $$
begin
  lock table insight_event_queue, insight_open_deltas in exclusive mode;
  truncate insight_daily, insight_resolution_hist, insight_dim_daily, insight_dim_resolution_hist,
    insight_event_queue, insight_open, insight_open_deltas;
  -- Millions of groups: sorted or hashed in memory rather than in many small spills to disk.
  perform set_config('work_mem', '256MB', true);
  create temp table insight_rebuilt as
  select day, department_id, place_id, position_id, level, category_id, channel, repeat,
    resolution_bucket as bucket,
    sum(received) as received, sum(assigned) as assigned, sum(resolved) as resolved,
    sum(resolved_in_time) as resolved_in_time, sum(resolution_seconds) as resolution_seconds,
    sum(resolved_with_proof) as resolved_with_proof, sum(resolved_last_hours) as resolved_last_hours,
    sum(closed) as closed, sum(closed_satisfied) as closed_satisfied,
    sum(closed_no_response) as closed_no_response, sum(withdrawn) as withdrawn, sum(rejected) as rejected,
    sum(reopened) as reopened, sum(reopened_after_resolution) as reopened_after_resolution,
    sum(escalations) as escalations, sum(breaches) as breaches, sum(transfers) as transfers,
    sum(wrong_transfers) as wrong_transfers, sum(disposed_over50) as disposed_over50,
    sum(satisfied_over50) as satisfied_over50
  from insight_facts
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9;

  insert into insight_daily (day, department_id, place_id, position_id, level, category_id, channel, repeat,
    received, assigned, resolved, resolved_in_time, resolution_seconds, resolved_with_proof,
    resolved_last_hours, closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened,
    reopened_after_resolution, escalations, breaches, transfers, wrong_transfers, disposed_over50,
    satisfied_over50)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat,
    sum(received), sum(assigned), sum(resolved), sum(resolved_in_time),
    coalesce(sum(resolution_seconds), 0), sum(resolved_with_proof), sum(resolved_last_hours), sum(closed),
    sum(closed_satisfied), sum(closed_no_response), sum(withdrawn), sum(rejected), sum(reopened),
    sum(reopened_after_resolution), sum(escalations), sum(breaches), sum(transfers), sum(wrong_transfers),
    sum(disposed_over50), sum(satisfied_over50)
  from insight_rebuilt
  group by 1, 2, 3, 4, 5, 6, 7, 8;

  -- A resolution counts 1 in resolved, in its bucket (other facts fall in a bucket too, and count 0).
  insert into insight_resolution_hist (day, department_id, place_id, position_id, level, category_id, channel,
    repeat, bucket, n)
  select day, department_id, place_id, position_id, level, category_id, channel, repeat, bucket, resolved
  from insight_rebuilt
  where resolved > 0;
  drop table insight_rebuilt;

  insert into insight_dim_daily (day, dim, department_id, place_id, level, category_id, channel, repeat,
    received, assigned, resolved, resolved_in_time, resolution_seconds, resolved_with_proof,
    resolved_last_hours, closed, closed_satisfied, closed_no_response, withdrawn, rejected, reopened,
    reopened_after_resolution, escalations, breaches, transfers, wrong_transfers, disposed_over50,
    satisfied_over50)
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

  insert into insight_dim_resolution_hist (day, dim, department_id, place_id, level, category_id, channel,
    repeat, bucket, n)
  select day, insight_dim_of(grouping(department_id, place_id, level, category_id, channel)),
    department_id, place_id, level, category_id, channel, repeat, bucket, sum(n)
  from insight_resolution_hist
  group by grouping sets ((day, repeat, bucket), (day, repeat, bucket, department_id),
    (day, repeat, bucket, place_id), (day, repeat, bucket, level), (day, repeat, bucket, category_id),
    (day, repeat, bucket, channel));

  insert into insight_open (created_day, department_id, place_id, position_id, level, category_id, channel, n)
  select (g.created_at at time zone s.time_zone)::date, g.department_id,
    coalesce(nullif(split_part(pl.path, '/', s.place_depth + 1), '')::bigint, pl.id),
    g.position_id, g.level, g.category_id, g.channel, count(*)
  from grievances g join places pl on pl.id = g.place_id cross join insight_settings s
  where g.status in ('registered', 'assigned', 'in_progress', 'awaiting_info')
  group by 1, 2, 3, 4, 5, 6, 7;
end $$;
