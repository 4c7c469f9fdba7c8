-- The audit log is written in the business transaction and sealed into the hash chain afterwards.
--
-- Until now every entry took one global lock to read the previous hash, so all audited traffic ran
-- single file, and the entry was written after the change, in a transaction of its own. Now an entry is
-- a plain insert in the transaction that makes the change (it commits if and only if the change does),
-- and a background sealer takes the committed, unsealed entries in batches and links them into the
-- chain: `seq` is the order of sealing, `prev_hash` and `hash` the chain (see src/access/audit-seal.ts).
-- The rows already here were chained in id order, so their seq is their position in that order.

alter table audit_log
  alter column prev_hash drop not null,
  alter column hash drop not null,
  add column seq bigint,
  add column sealed_at timestamptz;

alter table audit_log disable trigger audit_log_append_only;
update audit_log set seq = ordered.n, sealed_at = ordered.at
  from (select id, at, row_number() over (order by id) as n from audit_log) as ordered
  where audit_log.id = ordered.id;
alter table audit_log enable trigger audit_log_append_only;

create unique index audit_log_seq on audit_log (seq);
-- What the sealer reads: entries not yet in the chain, oldest first.
create index audit_log_unsealed on audit_log (id) where seq is null;
alter table audit_log add constraint audit_log_sealed_whole
  check ((seq is null) = (hash is null) and (seq is null) = (prev_hash is null) and (seq is null) = (sealed_at is null));

-- Append-only still, with one exception: sealing an unsealed entry, once, without touching what it says.
drop trigger audit_log_append_only on audit_log;
create function audit_log_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.seq is null and new.seq is not null
     and (new.id, new.at, new.actor_kind, new.actor_id, new.ip, new.action, new.entity, new.entity_id, new.reason, new.data)
         is not distinct from
         (old.id, old.at, old.actor_kind, old.actor_id, old.ip, old.action, old.entity, old.entity_id, old.reason, old.data)
  then
    return new;
  end if;
  raise exception 'audit_log is append-only (only an unsealed entry may be sealed, once)'
    using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_guard();
