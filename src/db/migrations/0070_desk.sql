-- The agent desk: who answers the calls the IVR and the PBXs put in queues (0008_calls_and_drafts.sql),
-- in which state each agent is, how each call ended, and the desk's own settings.

-- An agent at the desk: what they can take (languages, districts, skills) and where they are now. Routing
-- offers a waiting call to the available agent who has waited longest (`idle_since`) among those whose
-- skills fit the call's queue.
create table desk_agents (
  user_id bigint primary key references users (id),
  -- Languages they speak; a queue for a language reaches only them.
  languages text[] not null default '{}',
  -- Districts (or any places) they serve; empty: every district.
  place_ids bigint[] not null default '{}',
  -- What they handle: 'grievance', 'information', 'feedback', 'callback'...
  skills text[] not null default '{grievance}',
  state text not null default 'signed_out' check (state in
    ('available', 'on_call', 'wrap_up', 'break', 'signed_out')),
  state_since timestamptz not null,
  -- When they last became free: the longest idle is offered the next call.
  idle_since timestamptz,
  -- The call they are offered, talking on or wrapping up.
  call_id bigint references calls (id),
  -- Their phone on the centre's PBX, when the PBX names agents by extension.
  extension text unique,
  check ((state = 'available') = (idle_since is not null))
);
create index desk_agents_available on desk_agents (idle_since) where state = 'available';

-- Every change of an agent's state, with why (the audit log has the same, sealed; this is what the
-- wallboard and the agent's day are read from).
create table desk_agent_events (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id),
  at timestamptz not null,
  from_state text,
  to_state text not null,
  call_id bigint references calls (id),
  reason text
);
create index desk_agent_events_user on desk_agent_events (user_id, at);

-- How a call ended at the desk (the wrap-up).
alter table calls add column disposition text check (disposition in
  ('registered', 'enquiry_answered', 'status_given', 'wrong_number', 'prank', 'callback_needed'));
alter table calls add column wrap_notes text;
alter table calls add column wrapped_at timestamptz;
-- Seconds from hang-up (or the agent ending the call) to the wrap-up saved: after-call work.
alter table calls add column after_call_seconds integer check (after_call_seconds >= 0);
create index calls_queued_at on calls (queued_at) where queued_at is not null;

-- A phone system that posts call events to the generic telephony webhook, with the secret it signs them
-- with (HMAC-SHA256 needs the secret itself, so it is stored; it never leaves the server after creation).
create table telephony_sources (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  secret text not null,
  -- Calls that name no queue wait here.
  default_queue_id bigint references call_queues (id),
  active boolean not null default true,
  created_at timestamptz not null
);

-- The desk's settings: one row.
create table desk_settings (
  id integer primary key default 1 check (id = 1),
  -- Service level: a call answered within this many seconds of joining the queue counts as on time.
  service_level_seconds integer not null default 20 check (service_level_seconds > 0),
  -- An offered call not answered in this long goes back to the queue for the next agent.
  offer_timeout_seconds integer not null default 30 check (offer_timeout_seconds > 0),
  -- Whether an agent's screen-pop shows the caller's own anonymous grievances. Never shown to departments.
  anonymous_to_agents boolean not null default false
);
insert into desk_settings default values;
