-- Who may see and do what: staff accounts with role grants scoped by department and place, sessions,
-- API keys, citizen one-time passwords, and the tamper-evident audit log.

create table users (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('staff', 'api')),
  -- Staff sign in with this; API users have none.
  email text unique,
  name text not null,
  password_hash text,
  totp_secret text,
  totp_enabled_at timestamptz,
  -- The officer this account belongs to: it acts for the positions that officer currently holds.
  officer_id bigint references officers (id),
  active boolean not null default true,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null
);

-- A role, optionally limited to one department and to one place and everything under it. No
-- department means every department; no place means everywhere.
create table role_grants (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  role text not null check (role in
    ('admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'officer', 'monitor', 'intake')),
  department_id bigint references departments (id),
  place_id bigint references places (id),
  unique nulls not distinct (user_id, role, department_id, place_id)
);
create index role_grants_user on role_grants (user_id);

-- Sessions are looked up by the hash of the cookie's token, so a stolen copy of this table signs no one in.
create table sessions (
  token_hash text primary key,
  user_id bigint references users (id) on delete cascade,
  citizen_id bigint references citizens (id),
  csrf_token text not null,
  -- Staff who must give a TOTP code have a session that can do nothing else until they do.
  mfa_passed boolean not null,
  ip text,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  check ((user_id is null) <> (citizen_id is null))
);
create index sessions_user on sessions (user_id);
create index sessions_expiry on sessions (expires_at);

create table api_keys (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  name text not null,
  -- The first characters, shown so people can tell keys apart; the key itself is stored only hashed.
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table citizen_otps (
  id bigint generated always as identity primary key,
  phone text not null,
  code_hash text not null,
  attempts integer not null default 0,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index citizen_otps_phone on citizen_otps (phone, created_at desc);

-- Append-only and chained: each row's hash covers its content and the previous row's hash, so editing
-- or deleting any row breaks the chain from there on, and `npm run audit:verify` says where.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_kind text not null,
  actor_id bigint,
  ip text,
  action text not null,
  entity text,
  entity_id text,
  reason text,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_actor on audit_log (actor_kind, actor_id, at desc);
create index audit_log_entity on audit_log (entity, entity_id, at desc);
create index audit_log_action on audit_log (action, at desc);

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();

-- Data protection: how long closed grievances keep personal data.
alter table sla_policy add column retention_years integer not null default 7 check (retention_years between 1 and 100);
alter table grievances add column anonymised_at timestamptz;
