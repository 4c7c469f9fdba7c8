-- Indexes for the lists people open all day, shaped so that each page is a short walk of one index at
-- ten million grievances (measured by npm run bench and npm run bench:scale).

-- Words in the subject or description, any language: trigrams of the text folded as the knowledge base
-- folds it (case, the nukta, joiners). pg_trgm ships with PostgreSQL (a trusted extension since 13)
-- and with PGlite. Its operator class is named with the schema the extension lives in, wherever that is.
create extension if not exists pg_trgm with schema public;
do $$
declare
  ext_schema text;
begin
  select n.nspname into ext_schema
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
  execute format(
    'create index grievances_text on grievances using gin (knowledge_fold(subject || '' '' || description) %I.gin_trgm_ops)',
    ext_schema);
end $$;

-- The overdue list, most overdue first, and the overdue counts (index-only: the columns counts group by
-- ride along). Only grievances whose clock runs can be overdue.
create index grievances_running_due on grievances (due_at, id) include (department_id, place_id, position_id)
  where status in ('assigned', 'in_progress');

-- Open grievances, newest first: the supervisors' and command centre's lists.
create index grievances_open_created on grievances (created_at desc, id desc)
  where status in ('registered', 'assigned', 'in_progress', 'awaiting_info');

-- An officer's queue: the open grievances at their positions, newest first.
create index grievances_position_open on grievances (position_id, created_at desc, id desc)
  where status in ('assigned', 'in_progress', 'awaiting_info');
