-- Attachments: photos and documents on grievances. The citizen's evidence when they lodge it, the
-- officer's proof when they resolve it.
--
-- The bytes live in the database, not on a disk beside it: one backup holds everything, a restore can
-- never find a row whose file is missing, several app nodes need no shared file system, and PGlite and
-- PostgreSQL behave the same. Files are small (at most 5 MB, most are phone photos shrunk to about
-- 300 kB in the browser) and are written once; PostgreSQL stores them out of line (TOAST), so lists of
-- attachments, which never select `content`, stay fast.
--
-- What is stored is what was checked: the type is sniffed from the bytes (never the name or the
-- declared type), identifying metadata has been stripped from images, and `size` and `sha256` describe
-- the stored bytes, so a download can be verified and cached by its hash.
create table attachments (
  id bigint generated always as identity primary key,
  grievance_id bigint not null references grievances (id),
  -- The event it belongs to, if any: the resolve event a proof photo was given with. Set at most once.
  event_id bigint references grievance_events (id),
  -- 'evidence' from the citizen (or an agent on their behalf), 'proof' from the officer.
  kind text not null check (kind in ('evidence', 'proof')),
  -- Who uploaded it, as on grievance events: the actor kind and the citizen's or account's id.
  uploader_kind text not null check (uploader_kind in ('citizen', 'officer', 'agent', 'supervisor', 'system', 'api')),
  uploader_id bigint,
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size integer not null check (size > 0 and size <= 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- The name the file came with, cleaned of paths and control characters, its extension made to match
  -- the sniffed type. Never shown to the department for an anonymous citizen's upload.
  file_name text check (char_length(file_name) between 1 and 120),
  -- Null once removed after the retention period (with the grievance's other personal data).
  content bytea,
  created_at timestamptz not null,
  purged_at timestamptz,
  check ((content is null) = (purged_at is not null)),
  check (content is null or octet_length(content) = size)
);
create index attachments_grievance on attachments (grievance_id, id);
create index attachments_event on attachments (event_id) where event_id is not null;

-- Append-only, like the events they belong to, with two narrow exceptions and nothing else:
--   linking: `event_id` may be set once, from null, to an event of the same grievance (proof uploaded
--            first, then named by the resolve action in the transaction that writes the event);
--   erasure: `content`, `file_name` and `uploader_id` may be cleared, with `purged_at` set, when the
--            retention period removes the grievance's personal data.
-- A row is never deleted: its metadata stays as the record that a file was given, and when.
create function attachments_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'attachments are append-only' using errcode = 'insufficient_privilege';
  end if;
  if new.id <> old.id or new.grievance_id <> old.grievance_id or new.kind <> old.kind
      or new.uploader_kind <> old.uploader_kind or new.media_type <> old.media_type
      or new.size <> old.size or new.sha256 <> old.sha256 or new.created_at <> old.created_at
      or (old.event_id is not null and new.event_id is distinct from old.event_id)
      or (new.uploader_id is not null and new.uploader_id is distinct from old.uploader_id)
      or (new.file_name is not null and new.file_name is distinct from old.file_name)
      or (new.content is not null and new.content is distinct from old.content)
      or (old.purged_at is not null and new.purged_at is distinct from old.purged_at) then
    raise exception 'attachments are append-only: only linking to an event or erasure is allowed'
      using errcode = 'insufficient_privilege';
  end if;
  if new.event_id is not null and old.event_id is null and not exists (
      select 1 from grievance_events e where e.id = new.event_id and e.grievance_id = new.grievance_id) then
    raise exception 'an attachment can belong only to an event of its own grievance'
      using errcode = 'foreign_key_violation';
  end if;
  return new;
end $$;

create trigger attachments_append_only before update or delete on attachments
  for each row execute function attachments_guard();
