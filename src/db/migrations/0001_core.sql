-- CivicLine core schema. Later capabilities (access, SLA calendars, channels, knowledge, insight)
-- add their own numbered migrations; the columns they need on these tables are already here so
-- they extend rather than rewrite.
--
-- Conventions: ids are bigint identities (the API exposes a grievance by its reference, never its id);
-- times are timestamptz written by the application's clock; multilingual names are jsonb objects keyed
-- by language code ({"en": "...", "hi": "..."}); phone numbers are E.164 text.

-- Deployment configuration -------------------------------------------------------------------------

-- Named levels of the jurisdiction tree: depth 1 is the root (e.g. State), then Division, District...
create table place_levels (
  depth integer primary key check (depth between 1 and 10),
  name jsonb not null
);

-- Escalation levels L1..Ln. The number of rows is the number of levels (CM Helpline 181 ran four for a
-- decade and added a fifth in 2024), so it is data, not code.
create table escalation_levels (
  level integer primary key check (level between 1 and 10),
  name jsonb not null
);

-- Jurisdiction tree ----------------------------------------------------------------------------------

create table places (
  id bigint generated always as identity primary key,
  parent_id bigint references places (id),
  depth integer not null references place_levels (depth),
  code text not null unique,
  name jsonb not null,
  -- Materialised path of ids ("/1/7/42/") so "this place and everything under it" is one indexed
  -- prefix match. Places are never re-parented (a new place is created instead) so it cannot go stale.
  path text not null unique,
  active boolean not null default true,
  check ((parent_id is null) = (depth = 1))
);
create index places_parent on places (parent_id);
create index places_path on places (path text_pattern_ops);

-- Directory: departments, categories, positions, officers ------------------------------------------

create table departments (
  id bigint generated always as identity primary key,
  code text not null unique,
  name jsonb not null,
  active boolean not null default true
);

create table categories (
  id bigint generated always as identity primary key,
  department_id bigint not null references departments (id),
  code text not null unique,
  name jsonb not null,
  kind text not null default 'complaint' check (kind in ('complaint', 'information', 'service')),
  -- The promise to the citizen: resolution time in working hours or calendar days.
  resolution_value integer not null check (resolution_value > 0),
  resolution_unit text not null check (resolution_unit in ('working_hours', 'calendar_days')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  -- Extra form fields this category needs: [{"key": "consumer_number", "label": {...}, "required": true}]
  fields jsonb not null default '[]',
  active boolean not null default true
);
create index categories_department on categories (department_id);

create table positions (
  id bigint generated always as identity primary key,
  department_id bigint not null references departments (id),
  place_id bigint not null references places (id),
  level integer not null references escalation_levels (level),
  title jsonb not null,
  -- A department's nodal position receives what no local rule covers.
  is_nodal boolean not null default false,
  active boolean not null default true
);
create index positions_department_place on positions (department_id, place_id);

create table officers (
  id bigint generated always as identity primary key,
  name text not null,
  phone text,
  email text,
  active boolean not null default true,
  created_at timestamptz not null
);

-- Who holds which position, with history. A transfer ends one row and starts another: the person moves,
-- the grievances stay with the position.
create table position_holders (
  id bigint generated always as identity primary key,
  position_id bigint not null references positions (id),
  officer_id bigint not null references officers (id),
  started_at timestamptz not null,
  ended_at timestamptz
);
create unique index position_holders_current on position_holders (position_id) where ended_at is null;
create index position_holders_officer on position_holders (officer_id);

-- Routing: (category, place) -> chain of positions L1..Ln. The most specific place wins.
create table routing_rules (
  id bigint generated always as identity primary key,
  category_id bigint not null references categories (id),
  place_id bigint not null references places (id),
  unique (category_id, place_id)
);

create table routing_rule_steps (
  rule_id bigint not null references routing_rules (id) on delete cascade,
  level integer not null references escalation_levels (level),
  position_id bigint not null references positions (id),
  primary key (rule_id, level)
);

-- Citizens and contacts -------------------------------------------------------------------------------

create table citizens (
  id bigint generated always as identity primary key,
  phone text not null unique check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  name text,
  language text not null default 'en',
  address text,
  phone_verified_at timestamptz,
  created_at timestamptz not null
);

-- One call, WhatsApp thread, SMS, email or walk-in visit.
create table interactions (
  id bigint generated always as identity primary key,
  citizen_id bigint references citizens (id),
  channel text not null,
  direction text not null default 'inbound' check (direction in ('inbound', 'outbound')),
  -- The provider's id for the call/message/thread, so a repeated webhook does not log twice.
  external_id text,
  summary text,
  started_at timestamptz not null,
  ended_at timestamptz,
  unique (channel, external_id)
);
create index interactions_citizen on interactions (citizen_id, started_at desc);

-- Grievances ------------------------------------------------------------------------------------------

create table grievances (
  id bigint generated always as identity primary key,
  reference text not null unique,
  citizen_id bigint references citizens (id),
  -- Anonymous: the department sees the grievance, never who raised it. The citizen link is kept so
  -- acknowledgements and feedback still reach them.
  anonymous boolean not null default false,
  channel text not null,
  category_id bigint not null references categories (id),
  department_id bigint not null references departments (id),
  place_id bigint not null references places (id),
  subject text not null,
  description text not null,
  language text not null,
  address text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  -- Answers to the category's extra fields.
  details jsonb not null default '{}',
  status text not null check (status in
    ('registered', 'assigned', 'in_progress', 'awaiting_info', 'resolved', 'closed', 'rejected')),
  position_id bigint references positions (id),
  level integer references escalation_levels (level),
  -- SLA state lives on the row so a sweep can find what is overdue with one index.
  due_at timestamptz,
  sla_paused_at timestamptz,
  reopen_count integer not null default 0,
  priority text not null default 'normal',
  idempotency_key text unique,
  request_hash text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  resolved_at timestamptz,
  closed_at timestamptz
);
create index grievances_status on grievances (status, created_at desc);
create index grievances_citizen on grievances (citizen_id, created_at desc);
create index grievances_department on grievances (department_id, status, created_at desc);
create index grievances_place on grievances (place_id, created_at desc);
create index grievances_position on grievances (position_id, due_at);
create index grievances_created on grievances (created_at desc, id desc);
-- What the SLA sweep reads: open grievances with a running clock, by due time.
create index grievances_due on grievances (due_at)
  where status in ('assigned', 'in_progress') and sla_paused_at is null;

-- Append-only history. Nothing updates or deletes a row here (enforced below).
create table grievance_events (
  id bigint generated always as identity primary key,
  grievance_id bigint not null references grievances (id),
  at timestamptz not null,
  kind text not null,
  from_status text,
  to_status text,
  -- Who did it: citizen, officer, agent, supervisor, system, api.
  actor_kind text not null,
  actor_id bigint,
  position_id bigint references positions (id),
  note text,
  data jsonb not null default '{}',
  -- Whether the citizen sees this event when tracking (internal notes are not shown).
  public boolean not null default true
);
create index grievance_events_grievance on grievance_events (grievance_id, id);

create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;

create trigger grievance_events_append_only before update or delete on grievance_events
  for each row execute function refuse_change();

create table interaction_grievances (
  interaction_id bigint not null references interactions (id),
  grievance_id bigint not null references grievances (id),
  primary key (interaction_id, grievance_id)
);
create index interaction_grievances_grievance on interaction_grievances (grievance_id);

-- Notification outbox: written in the same transaction as the event that caused it; delivered later by a
-- channel adapter (SMS, WhatsApp, email, voice) with retries and delivery receipts.
create table notifications (
  id bigint generated always as identity primary key,
  recipient_kind text not null check (recipient_kind in ('citizen', 'position', 'officer')),
  citizen_id bigint references citizens (id),
  position_id bigint references positions (id),
  officer_id bigint references officers (id),
  grievance_id bigint references grievances (id),
  channel text not null,
  template text not null,
  language text not null,
  params jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  provider_id text,
  created_at timestamptz not null,
  sent_at timestamptz,
  delivered_at timestamptz
);
create index notifications_pending on notifications (next_attempt_at) where status = 'pending';
create index notifications_grievance on notifications (grievance_id);

-- Defaults a deployment renames or extends through the API.
insert into place_levels (depth, name) values
  (1, '{"en": "State", "hi": "राज्य", "sw": "Taifa"}'),
  (2, '{"en": "Division", "hi": "संभाग", "sw": "Mkoa"}'),
  (3, '{"en": "District", "hi": "ज़िला", "sw": "Wilaya"}'),
  (4, '{"en": "Block / Urban body", "hi": "विकासखंड / नगरीय निकाय", "sw": "Kata"}'),
  (5, '{"en": "Village / Ward", "hi": "ग्राम / वार्ड", "sw": "Kijiji / Mtaa"}');

insert into escalation_levels (level, name) values
  (1, '{"en": "L1", "hi": "स्तर 1", "sw": "Ngazi 1"}'),
  (2, '{"en": "L2", "hi": "स्तर 2", "sw": "Ngazi 2"}'),
  (3, '{"en": "L3", "hi": "स्तर 3", "sw": "Ngazi 3"}'),
  (4, '{"en": "L4", "hi": "स्तर 4", "sw": "Ngazi 4"}');
