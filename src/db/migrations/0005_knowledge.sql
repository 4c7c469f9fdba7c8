-- The information desk's knowledge base: schemes, services and frequent questions, written once in
-- several languages and read by helpline agents, the IVR and the citizen portal.
--
-- Search is a substring match over folded text (below), not pg_trgm or a text-search configuration:
-- PGlite ships neither by default, PostgreSQL has no Hindi stemmer, and a knowledge base of a few
-- hundred articles is scanned in well under a millisecond. If it ever grows to tens of thousands, a
-- trigram index on the search_* columns is the next step and needs no change to the queries.

-- The values of a multilingual jsonb object ({"en": "...", "hi": "..."}) as one text, keys left out
-- (so searching "en" does not find every article).
create function knowledge_values(j jsonb) returns text
  language sql immutable parallel safe
  as $$ select case when jsonb_typeof(j) = 'object'
    then coalesce((select string_agg(value, ' ' order by key) from jsonb_each_text(j)), '') else '' end $$;

-- A text[] as one text. array_to_string is only stable in general (it calls type output functions);
-- for text it is deterministic, which lets generated columns use it.
create function knowledge_words(a text[]) returns text
  language sql immutable parallel safe
  as $$ select coalesce(array_to_string(a, ' '), '') $$;

-- What search compares: lower case, Unicode NFC, and without the Devanagari nukta and the invisible
-- joiners, so "लाडली" finds "लाड़ली" (typed with or without the dot, precomposed or not) and a word
-- pasted from a document with soft hyphens still matches. Queries are folded by the same function.
create function knowledge_fold(t text) returns text
  language sql immutable parallel safe
  as $$ select lower(translate(normalize(t, NFC), U&'\093C\200C\200D\00AD', '')) $$;

create table knowledge_articles (
  id bigint generated always as identity primary key,
  -- The department that owns it; none for general articles (how the helpline works, a scheme run by a
  -- department the deployment does not have).
  department_id bigint references departments (id),
  code text not null unique,
  kind text not null check (kind in ('scheme', 'service', 'faq')),
  title jsonb not null,
  summary jsonb not null,
  eligibility jsonb not null default '{}',
  benefits jsonb not null default '{}',
  how_to_apply jsonb not null default '{}',
  -- Lists per language: {"en": ["Aadhaar card", "Samagra ID"], "hi": ["आधार कार्ड", "समग्र आईडी"]}
  documents jsonb not null default '{}',
  -- What an agent or the IVR reads out: two or three plain sentences.
  short_answer jsonb not null default '{}',
  tags text[] not null default '{}',
  official_link text check (official_link ~ '^https?://'),
  -- Drafts and withdrawn articles are seen by staff only; the public sees published ones.
  published boolean not null default false,
  published_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  search_title text generated always as (knowledge_fold(knowledge_values(title))) stored,
  search_summary text generated always as (knowledge_fold(knowledge_values(summary))) stored,
  search_tags text generated always as (knowledge_fold(knowledge_words(tags))) stored
);
create index knowledge_articles_department on knowledge_articles (department_id);
create index knowledge_articles_published on knowledge_articles (published, kind);
