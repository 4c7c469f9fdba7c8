-- Enquiries at the walk-in counter: a visitor asks about a scheme in person. The enquiry is logged on
-- the visit (an interaction of channel walk_in) at the centre, with no call.
alter table desk_enquiries alter column call_id drop not null;
alter table desk_enquiries add column centre_place_id bigint references places (id);
alter table desk_enquiries
  add constraint desk_enquiries_call_or_centre check ((call_id is null) <> (centre_place_id is null));
