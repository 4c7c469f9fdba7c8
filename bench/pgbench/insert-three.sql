-- The database's own ceiling for a registration's minimum: the grievance, its event and its outbox row,
-- in one transaction.
begin;
insert into grievances (reference, channel, category_id, department_id, place_id, subject, description,
                        language, status, created_at, updated_at)
values (substr(md5(random()::text), 1, 11), 'phone', :category, :department, :place, 'No water for three days',
        'The hand pump near the primary school has been broken since Monday and the village has no other source.',
        'hi', 'registered', now(), now());
insert into grievance_events (grievance_id, at, kind, to_status, actor_kind, data)
values (currval(pg_get_serial_sequence('grievances', 'id')), now(), 'registered', 'registered', 'api', '{}');
insert into notifications (recipient_kind, grievance_id, channel, template, language, params, next_attempt_at,
                           created_at)
values ('position', currval(pg_get_serial_sequence('grievances', 'id')), 'sms', 'grievance_registered', 'hi',
        '{}', now(), now());
commit;
