-- An administrator can reset a staff user's authenticator (a lost phone): the factor is removed and the
-- user must set up a new one at their next sign-in, whatever their roles (src/access/users.ts).
alter table users add column totp_enrol_required boolean not null default false;
