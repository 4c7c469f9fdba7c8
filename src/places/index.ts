export type { Place } from './places.ts';
export {
  createPlace,
  getPlace,
  listPlaceLevels,
  listPlaces,
  pathIds,
  placeLineage,
  setPlaceLevels,
  updatePlace,
} from './places.ts';
