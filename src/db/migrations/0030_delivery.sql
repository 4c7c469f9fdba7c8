-- The delivery worker (src/notify/deliver.ts). A row is claimed by setting status 'sending' with a
-- lease; a lease that runs out without an outcome (the worker died between claim and the provider's
-- answer) makes the row claimable again. `provider` names the adapter that took it, so a receipt is
-- matched on (provider, provider id).
alter table notifications add column lease_until timestamptz;
alter table notifications add column provider text;
alter table notifications add column failed_at timestamptz;

create index notifications_leased on notifications (lease_until) where status = 'sending';
create index notifications_provider_id on notifications (provider, provider_id) where provider_id is not null;

-- A long SMS goes as several parts, each with its own id at the SMSC and its own receipt; the
-- notification is delivered when every part is.
create table notification_parts (
  notification_id bigint not null references notifications (id),
  part integer not null,
  provider text not null,
  provider_id text not null,
  state text not null default 'sent' check (state in ('sent', 'delivered', 'failed')),
  reason text,
  updated_at timestamptz not null,
  primary key (notification_id, part)
);
create unique index notification_parts_provider_id on notification_parts (provider, provider_id);

-- Wake every node's delivery worker when rows are written, once per statement (a registration batch
-- writes many rows in one statement) and once per transaction (identical notifications collapse).
create function notifications_wake() returns trigger language plpgsql as $$
begin
  perform pg_notify('outbox_' || current_schema(), '');
  return null;
end $$;
create trigger notifications_wake after insert on notifications
  for each statement execute function notifications_wake();

-- Receipts as the providers report them, kept so one that arrives before the send is recorded (an
-- SMSC's receipt can overtake our commit) is applied when it is.
create table delivery_receipts (
  provider text not null,
  provider_id text not null,
  state text not null check (state in ('delivered', 'failed')),
  reason text,
  at timestamptz not null,
  primary key (provider, provider_id)
);
