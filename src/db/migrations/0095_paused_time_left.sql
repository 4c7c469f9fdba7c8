-- The workbench's "least time left first" order (grievances/queries.ts, SearchOrder 'due'). A case
-- waiting for the citizen has its clock stopped: its due time is stale, and what it has left is the
-- time between pausing and that due time. This index holds the paused cases in that order, so the
-- paused part of the list is a short walk of one index merged with grievances_running_due, not a sort
-- of every open case (at millions of rows).
create index grievances_paused_left on grievances ((due_at - sla_paused_at), id)
  where status = 'awaiting_info';
