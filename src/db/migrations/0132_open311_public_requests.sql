-- The public Open311 list shows only requests city apps filed openly (channel 'open311', not
-- anonymous), newest first. Those are a small share of all grievances, so walking grievances_created
-- and filtering would read every grievance of the last 90 days to find them; this index holds just them.
create index grievances_open311_public on grievances (created_at desc, id desc)
  where channel = 'open311' and not anonymous;
