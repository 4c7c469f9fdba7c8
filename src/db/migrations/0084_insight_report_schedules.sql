-- Scheduled reports (src/insight/schedules.ts): an admin says which report goes to which positions,
-- weekly or monthly; a job makes it when it falls due, keeps the file, and writes one notification per
-- position to the outbox in the same transaction (so a report is sent if and only if it was made).
create table insight_report_schedules (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 200),
  -- 'figures' (the dashboard's figures grouped one way) or 'grades' (a month's grading).
  report text not null check (report in ('figures', 'grades')),
  -- figures: {by, depth?, departmentId?, placeId?, categoryId?}; grades: {formula, unit, depth?}.
  params jsonb not null default '{}',
  -- weekly: the week Monday..Sunday before; monthly: the calendar month before.
  frequency text not null check (frequency in ('weekly', 'monthly')),
  -- weekly: the day it is sent, 1 (Monday) .. 7; monthly: the day of the month, 1 .. 28.
  day smallint not null check (day between 1 and 28),
  -- The hour it is sent, in the deployment's time zone.
  hour smallint not null default 8 check (hour between 0 and 23),
  format text not null default 'xlsx' check (format in ('csv', 'xlsx')),
  language text not null default 'en',
  position_ids bigint[] not null check (cardinality(position_ids) between 1 and 500),
  active boolean not null default true,
  next_run_at timestamptz not null,
  created_by bigint references users (id),
  created_at timestamptz not null
);
create index insight_report_schedules_due on insight_report_schedules (next_run_at) where active;

-- Each report made: the file itself, for the recipients to download from the link in their message.
-- One per schedule and period, so a job run twice makes and sends it once.
create table insight_reports (
  id bigint generated always as identity primary key,
  schedule_id bigint not null references insight_report_schedules (id) on delete cascade,
  period_from date not null,
  period_to date not null,
  format text not null,
  file bytea not null,
  rows integer not null,
  created_at timestamptz not null,
  unique (schedule_id, period_from)
);
