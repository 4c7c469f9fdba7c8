-- A citizen's email address, for messages about their grievances when they choose email (or wrote to
-- us by email). Only a verified address is kept on the citizen: one they wrote to us from (a grievance
-- that came by email: verified by use) or one they typed on the portal and confirmed with the code we
-- sent to it. An address waiting for its code lives in citizen_email_codes and receives nothing but
-- that code. The address is compared lower-cased and trimmed (src/channels/email/address.ts).
alter table citizens add column email text;
alter table citizens add column email_verified_at timestamptz;
-- 'used': they wrote to us from it; 'code': confirmed on the portal with a code sent to it.
alter table citizens add column email_verified_by text check (email_verified_by in ('used', 'code'));
alter table citizens add constraint citizens_email_verified check ((email is null) = (email_verified_at is null));

alter table citizens drop constraint citizens_preferred_channel_check;
alter table citizens add constraint citizens_preferred_channel_check
  check (preferred_channel in ('sms', 'whatsapp', 'email'));

-- Codes that confirm an address typed on the portal: hashed, ten minutes, five tries, a few an hour.
create table citizen_email_codes (
  id bigint generated always as identity primary key,
  citizen_id bigint not null references citizens (id),
  email text not null,
  code_hash text not null,
  attempts int not null default 0,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index citizen_email_codes_citizen on citizen_email_codes (citizen_id, id desc);
