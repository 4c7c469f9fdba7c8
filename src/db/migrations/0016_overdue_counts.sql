-- Overdue counts that stay short at ten million grievances. "Overdue" depends on the clock, so the
-- open-case rollup (0014) cannot keep it, and it was counted from grievances_running_due: every running
-- clock past its due time. But a grievance breached at the top level stays running with its due time
-- passed (the command centre has it), so at scale that index range is the whole command-centre backlog
-- (hundreds of thousands of rows, read on every overview). Split by the command centre:
--   - routine clocks past due are only those the SLA sweep has not reached yet (it escalates every
--     minute): a handful, read from this index;
--   - the command centre's running cases are counted by the rollup (state running, command_centre), and
--     the few of them not past due (a pause for the citizen moved the due time on) are read from the
--     other index and taken off.
create index grievances_running_due_routine on grievances (due_at) include (department_id, place_id, position_id)
  where status in ('assigned', 'in_progress') and command_centre_at is null;
create index grievances_running_due_centre on grievances (due_at) include (department_id, place_id, position_id)
  where status in ('assigned', 'in_progress') and command_centre_at is not null;
