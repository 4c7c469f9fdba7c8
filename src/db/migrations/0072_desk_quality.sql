-- Registrations made at the desk (phone calls and walk-in centres), the quality review of a share of
-- each agent's registrations, flags on habitual or fake complainants, and the monthly cap per citizen.

alter table desk_settings add column quality_share_percent integer not null default 5
  check (quality_share_percent between 0 and 100);
-- Grievances a citizen may register in a calendar month at the desk (UP IGRS allows 10 per mobile);
-- null: no cap. An agent may register past it with a reason, which is audited.
alter table desk_settings add column monthly_cap integer check (monthly_cap > 0);

create table desk_registrations (
  id bigint generated always as identity primary key,
  grievance_id bigint not null unique references grievances (id),
  agent_user_id bigint not null references users (id),
  call_id bigint references calls (id),
  -- The walk-in centre (a place) where the citizen came in person; null for a call.
  centre_place_id bigint references places (id),
  -- Registered past the citizen's monthly cap, and why.
  cap_override_reason text,
  at timestamptz not null
);
create index desk_registrations_agent on desk_registrations (agent_user_id, at);

-- A registration sampled for quality review: a reviewer listens to the call or reads the record, scores
-- it against the checklist, and passes it or returns it to the agent for correction.
create table quality_reviews (
  id bigint generated always as identity primary key,
  registration_id bigint not null unique references desk_registrations (id),
  agent_user_id bigint not null references users (id),
  status text not null default 'pending' check (status in ('pending', 'passed', 'returned')),
  -- {"category_correct": 2, "place_correct": 2, ...}: 0 (no), 1 (partly), 2 (yes) per checklist item.
  scores jsonb,
  -- Share of the checklist's points, in per cent.
  score integer check (score between 0 and 100),
  comments text,
  reviewer_id bigint references users (id),
  sampled_at timestamptz not null,
  reviewed_at timestamptz
);
create index quality_reviews_pending on quality_reviews (sampled_at) where status = 'pending';

-- A citizen flagged as a habitual or fake complainant: the agent sees the flag and the reason; nothing
-- they send is dropped because of it.
create table citizen_flags (
  id bigint generated always as identity primary key,
  citizen_id bigint not null references citizens (id),
  reason text not null,
  flagged_by bigint references users (id),
  flagged_at timestamptz not null,
  cleared_by bigint references users (id),
  cleared_at timestamptz
);
create index citizen_flags_open on citizen_flags (citizen_id) where cleared_at is null;
