-- The command-and-control wall counts today's contacts by channel: the contacts of one day, by time.
create index interactions_started on interactions (started_at);
