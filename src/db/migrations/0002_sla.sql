-- The SLA clock: calendars of working hours and holidays, resolution times per level, reminder policy,
-- and the clock's state on each grievance row so one indexed sweep finds what is due.

create table calendars (
  id bigint generated always as identity primary key,
  name text not null unique,
  time_zone text not null,
  -- The calendar used where neither the department nor any place above the position names one.
  is_default boolean not null default false
);
create unique index calendars_one_default on calendars (is_default) where is_default;

-- Office hours per ISO weekday (1 = Monday); several rows a day allow split shifts. A weekday with no
-- rows is a weekly off.
create table calendar_hours (
  calendar_id bigint not null references calendars (id) on delete cascade,
  weekday integer not null check (weekday between 1 and 7),
  opens_minute integer not null check (opens_minute between 0 and 1439),
  closes_minute integer not null check (closes_minute between 1 and 1440),
  check (closes_minute > opens_minute),
  primary key (calendar_id, weekday, opens_minute)
);

-- Public holidays belong to a place and everything under it: national ones to the root, state or
-- district ones lower down.
create table holidays (
  id bigint generated always as identity primary key,
  place_id bigint not null references places (id),
  day date not null,
  name jsonb not null,
  unique (place_id, day)
);
create index holidays_day on holidays (day);

alter table departments add column calendar_id bigint references calendars (id);
alter table places add column calendar_id bigint references calendars (id);

-- A category may give each level its own time (L1 seven days, L2 three more...); without a row here
-- every level gets the category's time.
create table category_level_times (
  category_id bigint not null references categories (id) on delete cascade,
  level integer not null references escalation_levels (level),
  resolution_value integer not null check (resolution_value > 0),
  resolution_unit text not null check (resolution_unit in ('working_hours', 'calendar_days')),
  primary key (category_id, level)
);

-- One row: the deployment's reminder and closure policy.
create table sla_policy (
  id integer primary key default 1 check (id = 1),
  -- Reminders to the position holder at these shares of the allotted time.
  reminder_percents integer[] not null default '{50,90}',
  -- A resolved grievance the citizen neither confirms nor disputes closes after this many days.
  close_resolved_after_days integer not null default 7 check (close_resolved_after_days > 0)
);
insert into sla_policy (id) values (1);

-- Clock state on the grievance.
alter table grievances
  -- The routing rule whose chain the grievance climbs when it escalates.
  add column rule_id bigint references routing_rules (id) on delete set null,
  add column sla_started_at timestamptz,
  add column next_reminder_at timestamptz,
  add column reminders_sent integer not null default 0,
  -- Breached at the top level: the command centre has it.
  add column command_centre_at timestamptz,
  -- The next instant the sweep must look at this row (the next reminder or the due time); null while
  -- the clock is stopped (paused, resolved, closed, with the command centre).
  add column sla_next_at timestamptz;

drop index grievances_due;
create index grievances_sla_next on grievances (sla_next_at) where sla_next_at is not null;
create index grievances_command_centre on grievances (command_centre_at) where command_centre_at is not null;

-- Standard government office hours until a deployment sets its own: Monday to Friday, 10:00 to 18:00.
insert into calendars (name, time_zone, is_default) values ('Office hours', 'Asia/Kolkata', true);
insert into calendar_hours (calendar_id, weekday, opens_minute, closes_minute)
  select id, weekday, 600, 1080 from calendars, generate_series(1, 5) as weekday;
