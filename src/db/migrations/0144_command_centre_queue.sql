-- The command centre's queue, newest first (`commandCentre=true`, the supervisor's "With the command
-- centre" tab). It had no index of its own: PostgreSQL walked every open grievance newest first
-- (grievances_open_created) and dropped those the centre did not have, a heap page each. The centre
-- holds the old breaches, far down that walk: at ten million grievances the first page removed 465,899
-- rows and took 26.8 s cold. The included columns are what the read policy and the place join need, so
-- the page is read from this index alone.
create index grievances_command_centre_open on grievances (created_at desc, id desc)
  include (department_id, place_id, position_id)
  where command_centre_at is not null and status in ('assigned', 'in_progress', 'awaiting_info');
