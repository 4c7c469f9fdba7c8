-- A representative point for each place (its headquarters, or the middle of a village or ward), so a
-- citizen can be placed from their phone's location or a tap on a map instead of walking down the tree.
-- Both or neither: a place with half a point is a typing mistake, not a place on the map.
alter table places
  add column latitude double precision check (latitude between -90 and 90),
  add column longitude double precision check (longitude between -180 and 180),
  add constraint places_point_whole check ((latitude is null) = (longitude is null));

-- The nearest-place search (src/places/nearest.ts) first keeps the rows inside a box around the point:
-- a range on latitude, then longitude checked inside the same index entries. Only places with a point
-- are indexed; most deployments will pin villages and wards but not every level.
create index places_location on places (latitude, longitude) where latitude is not null;
