-- A reset authenticator is set up again within a day, or not at all: until then, whoever knows the
-- password enrols the new one, so the window is kept short. After it, an administrator resets again.
alter table users add column totp_reset_until timestamptz;
