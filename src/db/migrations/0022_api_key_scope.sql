-- An API key is a password that never expires and skips the second factor, so a key with the powers of
-- an administrator or a supervisor (accounts, reveals of anonymous complainants) is dangerous. Such roles
-- now count for an API client only when it was created with the explicit dangerous-scope flag. Clients
-- that already hold them keep them (flagged here, so nothing breaks silently); review them.
alter table users add column dangerous_scope boolean not null default false;
update users set dangerous_scope = true
  where kind = 'api' and exists (
    select 1 from role_grants g where g.user_id = users.id and g.role in ('admin', 'supervisor'));
