-- Boundaries a deployment uploads (GeoJSON, src/insight/map.ts) to draw the map of grievances as a
-- choropleth: one geometry per place, matched on the place's code. Without them the map draws bubbles
-- at the places' points.
create table insight_boundaries (
  place_id bigint primary key references places (id) on delete cascade,
  geometry jsonb not null,
  updated_at timestamptz not null
);
