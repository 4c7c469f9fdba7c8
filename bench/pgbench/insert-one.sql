-- The database's own ceiling: one grievance row, into the same table with the same indexes.
insert into grievances (reference, channel, category_id, department_id, place_id, subject, description,
                        language, status, created_at, updated_at)
values (substr(md5(random()::text), 1, 11), 'phone', :category, :department, :place, 'No water for three days',
        'The hand pump near the primary school has been broken since Monday and the village has no other source.',
        'hi', 'registered', now(), now());
