-- Outbound work at the desk: lists of citizens to call, each item with its attempts and outcome.
--
--   feedback   the 181 practice: before a resolved grievance is closed, an agent calls the citizen;
--              satisfied closes it, not satisfied reopens it with their words
--   callback   callers who asked to be called back (after hours in the IVR, or an agent's wrap-up)
--   campaign   scheme awareness for a segment of citizens (district, category of a past grievance,
--              language), with the article the agent reads from
create table outbound_lists (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('feedback', 'callback', 'campaign')),
  name text not null,
  -- The scheme or service a campaign is about (the agent reads its short answer to the citizen).
  article_id bigint references knowledge_articles (id),
  -- Who a campaign calls: {"placeId": 12, "categoryId": 3, "language": "hi"} (each optional).
  segment jsonb not null default '{}',
  max_attempts integer not null default 3 check (max_attempts between 1 and 10),
  -- After an attempt that did not reach the citizen, the next one no sooner than this.
  retry_minutes integer not null default 120 check (retry_minutes between 1 and 10080),
  status text not null default 'running' check (status in ('running', 'paused', 'done')),
  created_by bigint references users (id),
  created_at timestamptz not null
);
-- One running list of each kind that the desk fills by itself (feedback, callbacks).
create unique index outbound_lists_standing on outbound_lists (kind) where kind in ('feedback', 'callback') and status = 'running';

create table outbound_items (
  id bigint generated always as identity primary key,
  list_id bigint not null references outbound_lists (id),
  citizen_id bigint not null references citizens (id),
  grievance_id bigint references grievances (id),
  -- The call that asked for a callback.
  call_id bigint references calls (id),
  state text not null default 'pending' check (state in ('pending', 'in_progress', 'done', 'failed', 'skipped')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  -- reached: satisfied, not_satisfied, informed, interested, not_interested, called_back;
  -- not reached: no_answer, busy, switched_off, wrong_number; do_not_call.
  outcome text,
  notes text,
  agent_user_id bigint references users (id),
  updated_at timestamptz not null
);
-- A citizen is on a list once at a time for one grievance or call (a grievance resolved again later is
-- called about again).
create unique index outbound_items_once on outbound_items (list_id, citizen_id, coalesce(grievance_id, 0), coalesce(call_id, 0))
  where state in ('pending', 'in_progress');
create index outbound_items_due on outbound_items (list_id, next_attempt_at) where state = 'pending';

-- Every attempt, for the list's progress and the citizen's history.
create table outbound_attempts (
  id bigint generated always as identity primary key,
  item_id bigint not null references outbound_items (id),
  agent_user_id bigint references users (id),
  at timestamptz not null,
  result text not null,
  notes text
);

-- Numbers never to call on outbound lists (the citizen asked, or a regulator's registry).
create table do_not_call (
  phone text primary key,
  reason text not null,
  added_by bigint references users (id),
  added_at timestamptz not null
);
