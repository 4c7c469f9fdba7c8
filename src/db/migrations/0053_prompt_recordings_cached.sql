-- Providers look up which prompts are recorded on every webhook; the list is cached per process and a
-- new take (or its removal) bumps the reference version like any cached reference table (0009).
select watch_reference_table('ivr_prompt_recordings');
