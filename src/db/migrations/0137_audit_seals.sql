-- Seals move out of the audit log into a table of their own, so an entry is written once and never again.
--
-- Until now the sealer sealed an entry by updating it (seq, prev_hash, hash, sealed_at): a second row
-- version of every entry, five more index entries (seq among them, so never a HOT update) and a dead row
-- for vacuum. Measured after ten million lookups: 482,548 entries inserted and 482,548 updated, 482,545
-- dead rows, 211 MB of heap. Now the log is insert-only (the trigger refuses every update and delete, as
-- it did before sealing existed) and each seal is one row here, written once, in the sealer's batch.
--
-- No foreign key to audit_log: checking it would lock each entry row (writing to the entry's page, which
-- is what this avoids), and verification already names a seal whose entry is gone.
create table audit_seals (
  seq bigint not null,
  entry_id bigint not null,
  -- SHA-256 digests as 32 bytes (the log kept them as 64 hex characters: half the row went to them).
  prev_hash bytea not null,
  hash bytea not null,
  sealed_at timestamptz not null
);

-- The chain so far, as it stands in the log (0007 numbered the first entries in id order).
insert into audit_seals (seq, entry_id, prev_hash, hash, sealed_at)
  select seq, id, decode(prev_hash, 'hex'), decode(hash, 'hex'), sealed_at from audit_log where seq is not null;

alter table audit_seals add primary key (seq);
-- One seal per entry; also how the sealer and the search find an entry's seal.
create unique index audit_seals_entry on audit_seals (entry_id);
analyze audit_seals;

create trigger audit_seals_append_only before update or delete on audit_seals
  for each row execute function refuse_change();
create trigger audit_seals_no_truncate before truncate on audit_seals
  for each statement execute function refuse_change();

-- Where the sealer looks for entries to seal. Entries commit out of id order, so an entry with a lower
-- id than one already sealed may still appear; `floor` is the lowest id that may: every entry below it
-- is sealed. The floor moves up to `pending` once the transactions that were writing to the log when
-- `pending` was noted (`pending_writers`, virtual transaction ids) have all ended. One row; see
-- src/access/audit-seal.ts.
create table audit_seal_horizon (
  one boolean primary key default true check (one),
  floor bigint not null,
  pending bigint,
  pending_writers text[]
);
insert into audit_seal_horizon (floor)
  select coalesce((select min(id) from audit_log where seq is null), (select max(id) + 1 from audit_log), 1);

-- The log itself: insert-only again.
drop trigger audit_log_append_only on audit_log;
drop function audit_log_guard();
alter table audit_log drop constraint audit_log_sealed_whole;
drop index audit_log_seq;
drop index audit_log_unsealed;
alter table audit_log drop column seq, drop column prev_hash, drop column hash, drop column sealed_at;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_change();
