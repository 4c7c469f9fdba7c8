-- Reference data (places, departments, categories, positions, routing rules, calendars, holidays, the
-- SLA policy...) is read on every registration but changes a few times a day. Each app node caches it
-- (src/cache/reference.ts). To keep every node's cache true without a round trip per request:
--   - any change to a reference table bumps one version number, in the same transaction, and announces
--     the new number on `reference_changed_<schema>` when it commits: each node drops its cache;
--   - a write that relied on the cache (registration) checks, inside its own statement, that the
--     version is still the one its cache was loaded at; if not, it writes nothing and is retried with
--     fresh data. So a grievance registered a millisecond after a routing rule changed still follows
--     the new rule, on every node.
-- Access data (accounts, grants, keys, postings, sessions) is cached the same way on its own channel,
-- `access_changed_<schema>`, without a version (a request reads it before it writes anything).

create table reference_version (
  id integer primary key default 1 check (id = 1),
  n bigint not null
);
insert into reference_version (id, n) values (1, 1);

create function bump_reference_version() returns trigger language plpgsql as $$
declare
  v bigint;
begin
  update reference_version set n = n + 1 where id = 1 returning n into v;
  perform pg_notify('reference_changed_' || current_schema(), v::text);
  return null;
end $$;

create function announce_access_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('access_changed_' || current_schema(), tg_table_name);
  return null;
end $$;

-- A table whose rows the hot paths cache. Later migrations call this for their own reference tables.
create function watch_reference_table(t regclass) returns void language plpgsql as $$
begin
  execute format(
    'create trigger %I after insert or update or delete or truncate on %s for each statement execute function bump_reference_version()',
    'reference_changed', t);
end $$;

create function watch_access_table(t regclass, events text) returns void language plpgsql as $$
begin
  execute format(
    'create trigger %I after %s on %s for each statement execute function announce_access_change()',
    'access_changed', events, t);
end $$;

select watch_reference_table(t) from unnest(array[
  'place_levels', 'escalation_levels', 'places', 'departments', 'categories', 'category_level_times',
  'positions', 'routing_rules', 'routing_rule_steps', 'calendars', 'calendar_hours', 'holidays',
  'sla_policy'
]::regclass[]) as t;

-- Only what a principal is made of: not the sign-in counters, nor a key's or session's last use.
select watch_access_table('users', 'insert or update of kind, name, officer_id, active or delete or truncate');
select watch_access_table('role_grants', 'insert or update or delete or truncate');
select watch_access_table('position_holders', 'insert or update or delete or truncate');
select watch_access_table('api_keys', 'insert or update of revoked_at, user_id, key_hash or delete or truncate');
select watch_access_table('sessions', 'update of user_id, citizen_id, mfa_passed, expires_at, csrf_token or delete or truncate');
