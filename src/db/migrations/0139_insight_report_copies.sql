-- Each chosen position's own copy of a scheduled report (src/insight/schedules.ts): the figures its
-- holder may read, made with the report and attached to the position's email. The outbox row names the
-- copy, never the bytes, so the outbox stays small; the delivery worker reads the file when it sends.
create table insight_report_copies (
  id bigint generated always as identity primary key,
  report_id bigint not null references insight_reports (id) on delete cascade,
  position_id bigint not null references positions (id) on delete cascade,
  file bytea not null,
  rows integer not null,
  unique (report_id, position_id)
);
