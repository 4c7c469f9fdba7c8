-- Words people use for a category besides its name, per language: {"en": ["handpump", "tubewell"],
-- "hi": ["हैंडपंप", "नल"]}, including the way people type their language in Latin letters ("bijli",
-- "paani"). The category search (citizen portal, agent desk) matches them as it matches names.
alter table categories add column keywords jsonb not null default '{}'
  check (jsonb_typeof(keywords) = 'object');
