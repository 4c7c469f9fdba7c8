-- The public page's own settings (src/insight/public.ts, the admin's "Public page" screen): which figures
-- it publishes, how many past months a visitor may choose, and its title and introduction per language
-- (empty: the catalogue's words).
alter table insight_settings
  add column public_figures text[] not null
    default '{received,resolved,withinTime,satisfaction,averageRating,grade}'
    check (public_figures <@ '{received,resolved,withinTime,satisfaction,averageRating,grade}'),
  add column public_months integer not null default 12 check (public_months between 1 and 120),
  add column public_title jsonb not null default '{}',
  add column public_intro jsonb not null default '{}';
