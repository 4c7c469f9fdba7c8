-- Channel settings set in the admin area (src/channels/settings): credentials, sender ids, DLT ids
-- and rate caps, by the name of the environment variable they stand for; a stored value is used over
-- the environment's. A secret's value is sealed with AES-256-GCM under a key derived from the
-- deployment secret (`v1.<iv>.<tag>.<ciphertext>`, the setting's name as additional data), so a
-- backup or a reader of this table never sees it. Every change is announced: each node builds its
-- channel adapters again (src/channels/registry.ts).
create table channel_settings (
  name text primary key,
  channel text not null check (channel in ('sms', 'whatsapp', 'email')),
  value text not null,
  secret boolean not null default false,
  updated_at timestamptz not null,
  updated_by bigint
);

create function channel_settings_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('channel_settings_' || current_schema(), '');
  return null;
end $$;
create trigger channel_settings_changed after insert or update or delete on channel_settings
  for each statement execute function channel_settings_changed();
