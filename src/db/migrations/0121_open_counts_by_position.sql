-- An officer's queue reads its total from the open-case rollup (src/grievances/queries.ts, openTotal):
-- the rows of one position. At ten million grievances the rollup holds some 10,000 rows and its deltas
-- table, emptied every minute, keeps its dead pages until vacuumed: read whole, the two took 2.3 ms
-- per queue; by position, a few rows each.
create index grievance_open_counts_position on grievance_open_counts (position_id);
create index grievance_open_count_deltas_position on grievance_open_count_deltas (position_id);
