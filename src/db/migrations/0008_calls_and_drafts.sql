-- Two seams between the channels and the agent desk.
--
-- Calls: the IVR (any cloud provider, or the self-hosted SIP path) and any PBX that posts to the
-- generic telephony webhook end in the same place: a call waiting in a queue, with its caller, the
-- language and district they chose and everything they pressed. The desk routes waiting calls to agents
-- and pops the screen from this row. Providers never reach the desk directly.
--
-- Drafts: what a citizen sent that is not yet a grievance (a voice complaint recorded in the IVR, a free
-- SMS, a WhatsApp conversation left unfinished, an email from an unknown sender). An agent completes a
-- draft into a grievance (or discards it, with a reason); nothing a citizen sends is dropped silently.

-- Where calls wait for an agent: per language, district and skill (the CM Helpline 181 model routes by
-- a district code to that district's local-language agents). Hours of operation come from a calendar.
create table call_queues (
  id bigint generated always as identity primary key,
  code text not null unique,
  name jsonb not null,
  -- The language its agents speak; null: any.
  language text,
  -- The district (or any place) it serves; null: the whole deployment.
  place_id bigint references places (id),
  -- What its agents handle: 'grievance', 'information', 'feedback', 'callback'...
  skill text not null default 'grievance',
  -- Hours of operation (working hours and holidays of that calendar); null: always open.
  calendar_id bigint references calendars (id),
  active boolean not null default true
);

create table calls (
  id bigint generated always as identity primary key,
  -- The contact on the citizen's history: every call is an interaction.
  interaction_id bigint not null references interactions (id),
  -- Which adapter carried it: 'twilio', 'exotel', 'kookoo', 'africastalking', 'plivo', 'sip', 'pbx'...
  provider text not null,
  -- The provider's id for the call (CallSid, sid, SIP Call-ID), so a webhook posted twice is one call.
  provider_call_id text not null,
  direction text not null default 'inbound' check (direction in ('inbound', 'outbound')),
  -- E.164 when known; null when the number was withheld.
  caller text,
  called text,
  citizen_id bigint references citizens (id),
  -- What the caller chose in the IVR.
  language text,
  district_id bigint references places (id),
  -- Every step through the menu, in order: [{"node": "language", "input": "2", "at": "..."}, ...]
  path jsonb not null default '[]',
  state text not null default 'ivr' check (state in
    ('ivr', 'queued', 'offered', 'connected', 'wrap_up', 'ended', 'abandoned')),
  queue_id bigint references call_queues (id),
  queued_at timestamptz,
  -- The agent the desk offered it to or connected it with.
  agent_user_id bigint references users (id),
  offered_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  -- How it ended: 'agent', 'voice_complaint', 'status_given', 'information', 'callback_requested',
  -- 'after_hours', 'hung_up', 'abandoned'... (the desk adds its wrap-up disposition).
  outcome text,
  started_at timestamptz not null,
  unique (provider, provider_call_id)
);
-- What the desk reads: the calls waiting in each queue, longest first.
create index calls_waiting on calls (queue_id, queued_at) where state = 'queued';
create index calls_citizen on calls (citizen_id, started_at desc);
create index calls_agent on calls (agent_user_id, started_at desc) where agent_user_id is not null;

-- Drafts ------------------------------------------------------------------------------------------------

create table intake_drafts (
  id bigint generated always as identity primary key,
  channel text not null,
  interaction_id bigint references interactions (id),
  call_id bigint references calls (id),
  citizen_id bigint references citizens (id),
  language text,
  -- What we know so far: free text, a guessed category or place, answers given in a conversation.
  text text,
  place_id bigint references places (id),
  category_id bigint references categories (id),
  data jsonb not null default '{}',
  -- The citizen asked that the department not know who they are.
  anonymous boolean not null default false,
  status text not null default 'open' check (status in ('open', 'registered', 'discarded')),
  grievance_id bigint references grievances (id),
  -- Who completed or discarded it, when, and why (discarded).
  closed_by bigint references users (id),
  closed_at timestamptz,
  close_reason text,
  created_at timestamptz not null,
  check ((status = 'registered') = (grievance_id is not null))
);
create index intake_drafts_open on intake_drafts (created_at) where status = 'open';
create index intake_drafts_citizen on intake_drafts (citizen_id, created_at desc);

-- Recordings, voice notes and photos that came with a draft; copied to the grievance's attachments
-- when the draft is registered. Audio is allowed here (IVR recordings are 8 kHz WAV; WhatsApp voice
-- notes are OGG Opus).
create table intake_draft_media (
  id bigint generated always as identity primary key,
  draft_id bigint not null references intake_drafts (id),
  media_type text not null check (media_type in
    ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'audio/wav', 'audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/amr')),
  size integer not null check (size > 0 and size <= 16777216),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  duration_ms integer,
  content bytea not null,
  created_at timestamptz not null
);
create index intake_draft_media_draft on intake_draft_media (draft_id);
