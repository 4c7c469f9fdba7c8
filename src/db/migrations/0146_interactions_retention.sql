-- Retention clears the summaries of contacts older than the period, nightly and at every start. Found
-- through interactions_started, that walked every old contact each night, those cleared years ago
-- included, to find the few that still had a summary: the work grew with the history. This index holds
-- only the contacts that still have one.
create index interactions_retention on interactions (started_at) where summary is not null;
