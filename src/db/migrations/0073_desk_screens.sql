-- What the desk's screens need beyond 0070-0072: a quality checklist the deployment configures, the
-- agent's correction of a returned registration, the call's recording, and enquiries answered at the desk.

-- The checklist a reviewer scores a sampled registration on, 0 (no), 1 (partly) or 2 (yes) per item.
-- Items are retired (active = false), never deleted: old reviews keep their scores by code.
create table quality_checklist (
  code text primary key check (code ~ '^[a-z_]{1,40}$'),
  label jsonb not null,
  position integer not null,
  active boolean not null default true
);
insert into quality_checklist (code, label, position) values
  ('category_correct', '{"en": "Category is right", "hi": "श्रेणी सही है", "sw": "Aina ni sahihi"}', 1),
  ('place_correct', '{"en": "Place is right", "hi": "स्थान सही है", "sw": "Mahali ni sahihi"}', 2),
  ('description_complete', '{"en": "Description is complete, in the caller''s words", "hi": "विवरण पूरा है, शिकायतकर्ता के शब्दों में", "sw": "Maelezo yamekamilika, kwa maneno ya mpigaji"}', 3),
  ('language_right', '{"en": "Caller''s language recorded", "hi": "शिकायतकर्ता की भाषा दर्ज है", "sw": "Lugha ya mpigaji imerekodiwa"}', 4),
  ('courteous', '{"en": "Courteous to the caller", "hi": "शिकायतकर्ता से विनम्र व्यवहार", "sw": "Adabu kwa mpigaji"}', 5);

-- Returned for correction, then corrected by the agent (the reviewer looks again: passes or returns).
alter table quality_reviews drop constraint quality_reviews_status_check;
alter table quality_reviews add constraint quality_reviews_status_check
  check (status in ('pending', 'passed', 'returned', 'corrected'));
-- What the agent corrected (also written on the grievance's history as a note the officer reads).
alter table quality_reviews add column correction text;
alter table quality_reviews add column corrected_at timestamptz;
create index quality_reviews_open on quality_reviews (agent_user_id) where status in ('returned', 'corrected');

-- Where the PBX or provider keeps the call's recording (the reviewer's browser plays it from there).
alter table calls add column recording_url text check (recording_url ~ '^https?://');

-- An enquiry at the desk: answered from the knowledge base at first contact, or registered as an
-- information request for a department (the grievance it became).
create table desk_enquiries (
  id bigint generated always as identity primary key,
  call_id bigint not null references calls (id),
  interaction_id bigint not null references interactions (id),
  citizen_id bigint references citizens (id),
  article_id bigint references knowledge_articles (id),
  question text not null,
  outcome text not null check (outcome in ('answered', 'information_request')),
  grievance_id bigint references grievances (id),
  agent_user_id bigint not null references users (id),
  at timestamptz not null,
  check ((outcome = 'information_request') = (grievance_id is not null))
);
create index desk_enquiries_call on desk_enquiries (call_id);
create index desk_enquiries_article on desk_enquiries (article_id, at);
