-- Providers that fetch a prompt from one URL and report the caller's keys to another (Exotel's Gather
-- and Passthru applets) name no turn in their requests. The turn last handed to such a fetch is kept, so
-- the keys that follow answer that turn, and a Passthru the provider sends twice moves the flow once.
alter table ivr_sessions add column served_turn integer;
