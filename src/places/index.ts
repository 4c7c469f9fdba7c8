export { NEAREST_RADIUS_METRES, type NearestPlace, nearestPlace } from './nearest.ts';
export type { Place, Point } from './places.ts';
export {
  createPlace,
  getPlace,
  listPlaceLevels,
  listPlaces,
  pathIds,
  placeBounds,
  placeLineage,
  setPlaceLevels,
  updatePlace,
} from './places.ts';
