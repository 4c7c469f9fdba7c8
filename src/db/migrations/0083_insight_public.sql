-- The public transparency page (src/insight/public.ts): what it publishes and how small a count it
-- withholds so that no one can be recognised from it.
alter table insight_settings
  -- Counts below this are not shown (nor the shares and grades computed from them), and enough others
  -- with them that the hidden ones cannot be worked out from the totals.
  add column public_min_count integer not null default 10 check (public_min_count between 1 and 1000),
  -- The formula the page's grades come from, and the level of the place tree it lists (3: districts).
  add column public_formula text not null default 'cmh181' references insight_formulas (code),
  add column public_depth integer not null default 3 check (public_depth between 1 and 10);
