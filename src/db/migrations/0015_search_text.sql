-- Words in a grievance, folded once when it is written rather than at every search. The trigram index
-- on the expression made PostgreSQL recompute the fold (NFC normalisation, case, the nukta, joiners)
-- for every candidate row it rechecked: about 80 µs a row, so a common word ("pump") matching tens of
-- thousands of rows took most of a second to count. A stored column costs that once per write.
drop index grievances_text;
alter table grievances
  add column search_text text generated always as (knowledge_fold(subject || ' ' || description)) stored;
do $$
declare
  ext_schema text;
begin
  select n.nspname into ext_schema
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
  execute format('create index grievances_text on grievances using gin (search_text %I.gin_trgm_ops)', ext_schema);
end $$;
