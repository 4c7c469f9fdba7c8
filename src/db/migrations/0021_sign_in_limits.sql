-- Limits on guessing a second factor, per session and per account, and no second use of a code.
--   sessions.totp_failures   wrong codes given on this half-signed-in session (it ends at the limit)
--   users.totp_failures      wrong codes for the account from any session, since the last good one
--   users.totp_locked_until  codes are refused until then once the account's limit is reached
--   users.totp_last_step     the 30-second step of the last code accepted: a code is good once
alter table sessions add column totp_failures integer not null default 0;
alter table users
  add column totp_failures integer not null default 0,
  add column totp_locked_until timestamptz,
  add column totp_last_step bigint;
