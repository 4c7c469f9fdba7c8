-- The citizens' verdicts on resolutions, one row per verdict, for insight and the departments' own
-- review. A verdict is an event the lifecycle already writes: "closed" with reason citizen_satisfied,
-- or "reopened" after a resolution (or a closure) with the citizen's words as its note; since 0090 the
-- event's data may carry the 1-5 `rating` the citizen gave with it (CPGRAMS asks for one). Nothing is
-- copied: the view reads the events, so a rebuild of insight from the history sees the same figures.
--
-- No citizen id: the view names the grievance, its department, category and place, never who raised it
-- (an anonymous grievance must stay anonymous to the department reading its ratings).
create view citizen_feedback as
select e.id as event_id, e.grievance_id, e.at,
  (e.kind = 'closed') as satisfied,
  case when jsonb_typeof(e.data->'rating') = 'number' then (e.data->>'rating')::int end as rating,
  e.note as reason,
  e.actor_kind,
  e.position_id,
  g.department_id, g.category_id, g.place_id
from grievance_events e
join grievances g on g.id = e.grievance_id
where (e.kind = 'closed' and e.data->>'reason' = 'citizen_satisfied')
   or (e.kind = 'reopened' and e.from_status in ('resolved', 'closed'));
