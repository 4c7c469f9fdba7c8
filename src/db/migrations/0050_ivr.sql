-- The IVR: call flows as data, the codes callers key for their district, and where each call is in its
-- flow (src/channels/voice/).

-- A flow is versioned: an edit saves a new row; the active one is what new calls walk. A call keeps the
-- version it started on, so an edit never changes the menu under a caller's feet.
create table ivr_flows (
  id bigint generated always as identity primary key,
  name text not null,
  version integer not null,
  definition jsonb not null,
  active boolean not null default false,
  note text,
  created_by bigint references users (id),
  created_at timestamptz not null,
  unique (name, version)
);
create unique index ivr_flows_one_active on ivr_flows (name) where active;

-- The numbers callers key to reach their district's queue (CM Helpline 181 reads them out in adverts).
create table ivr_district_codes (
  digits text primary key check (digits ~ '^[0-9]{1,6}$'),
  place_id bigint not null references places (id)
);

-- Where a call stands in its flow: the node waiting for the caller's answer, how many turns have been
-- taken (a webhook names the turn it answers, so a repeat is recognised), what the call has learnt and
-- how many times each question has been asked.
create table ivr_sessions (
  call_id bigint primary key references calls (id),
  flow_id bigint not null references ivr_flows (id),
  node text not null,
  turn integer not null default 0,
  vars jsonb not null default '{}',
  attempts jsonb not null default '{}',
  updated_at timestamptz not null
);

-- The instruction each turn produced: a provider that posts the same turn twice gets the same answer
-- and the flow moves once.
create table ivr_turns (
  call_id bigint not null references calls (id),
  turn integer not null,
  instruction jsonb not null,
  at timestamptz not null,
  primary key (call_id, turn)
);

-- Callback requests left after hours: the morning's outbound work list (the desk reads it).
create table ivr_callbacks (
  id bigint generated always as identity primary key,
  call_id bigint not null unique references calls (id),
  citizen_id bigint references citizens (id),
  phone text not null,
  language text,
  district_id bigint references places (id),
  queue_id bigint references call_queues (id),
  -- When the queue opens again: the earliest the call back is due.
  due_from timestamptz,
  status text not null default 'open' check (status in ('open', 'done', 'failed')),
  requested_at timestamptz not null
);
create index ivr_callbacks_open on ivr_callbacks (due_from) where status = 'open';

-- A reference keyed on a phone's keypad: each character by the key that carries it (2 = ABC ... 9 =
-- WXYZ; digits stand for themselves; the alphabet has no 0, 1, I or O).
create function reference_keypad(reference text) returns text
  language sql immutable parallel safe
  as $$ select translate(upper(reference), 'ABCDEFGHJKLMNPQRSTUVWXYZ-', '222333445556677778889999') $$;
create index grievances_reference_keypad on grievances (reference_keypad(reference));
