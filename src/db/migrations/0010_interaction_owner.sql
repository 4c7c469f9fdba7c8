-- Who logged a contact: an integration may link a grievance only to a contact it logged itself (agents
-- and supervisors at the desk may link any they handle). Null for contacts logged before this column.
alter table interactions add column created_by bigint references users (id);
