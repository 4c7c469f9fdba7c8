-- A department's grievances newest first: what a reader of one department (a nodal officer, a
-- department monitor) walks when searching by words (src/grievances/queries.ts, walkWords) and when
-- listing newest first. Without it the walk went down grievances_created and skipped every other
-- department's rows, a heap page each: at ten million grievances a search of one department's took
-- 300-770 ms at p50 (1.2 s for a word the trigram index cannot help with), against 3.4-9 ms with it
-- (27 ms). grievances_department (department, status, created) stays: it answers a department's lists
-- and counts of one status, which this one would have to filter row by row.
create index grievances_department_created on grievances (department_id, created_at desc, id desc);
