-- A name given with an anonymous report belongs to that report alone. Written to the citizen's record it
-- would show on their named grievances and link the two; kept here, it is what a supervisor's audited
-- reveal shows, and it is removed with the report's other personal data after the retention period.
alter table grievances add column reporter_name text;
