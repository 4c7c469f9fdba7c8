-- The IVR reads its flow, the district codes and the call queues on every call; the engine caches them
-- per process with the other reference data (src/channels/voice/cached.ts), so a change to any of them
-- bumps the reference version and every node drops what it holds.
select watch_reference_table('ivr_flows');
select watch_reference_table('ivr_district_codes');
select watch_reference_table('call_queues');
