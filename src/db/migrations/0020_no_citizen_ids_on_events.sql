-- Events and attachments no longer record which citizen acted. The same citizen id on an anonymous
-- grievance's events (or its photos' uploader) and on the citizen's named grievances told an officer who
-- raised the anonymous one. The grievance row already says whose grievance it is, and the audit log
-- records the account that acted; the event says only that it was the citizen. Rows written before are
-- cleared here, once (the append-only guard is lifted for this one statement, as in 0007).
alter table grievance_events disable trigger grievance_events_append_only;
update grievance_events set actor_id = null where actor_kind = 'citizen' and actor_id is not null;
alter table grievance_events enable trigger grievance_events_append_only;

-- The attachments guard allows clearing the uploader (erasure); no need to lift it.
update attachments set uploader_id = null where uploader_kind = 'citizen' and uploader_id is not null;
