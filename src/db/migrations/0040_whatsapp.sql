-- WhatsApp conversations (src/channels/whatsapp/).
--
-- One row per citizen number: where they are in the guided conversation (language, description,
-- category, place, photo, confirmation), what they have answered so far, and when they last wrote to
-- us. That last time decides what we may send: WhatsApp allows free-form messages only within 24 hours
-- of the citizen's last message (the customer-service window); outside it only templates Meta approved.
-- Each message itself is an interaction (channel 'whatsapp', external_id the message id): the
-- interactions table's unique (channel, external_id) is what makes a retried webhook a no-op.
create table whatsapp_conversations (
  phone text primary key check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  citizen_id bigint not null references citizens (id),
  language text,
  step text not null default 'language',
  answers jsonb not null default '{}',
  -- The interactions of the conversation so far, linked to the grievance it produces.
  interaction_ids bigint[] not null default '{}',
  last_inbound_at timestamptz,
  updated_at timestamptz not null
);

-- A photo the citizen sent before confirming: fetched, checked and stripped, kept here until the
-- grievance exists (then it becomes an attachment) or the conversation starts over.
create table whatsapp_media (
  id bigint generated always as identity primary key,
  phone text not null references whatsapp_conversations (phone) on delete cascade,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  file_name text,
  content bytea not null,
  created_at timestamptz not null
);
create index whatsapp_media_phone on whatsapp_media (phone);
