export type { CategoryInput } from './categories.ts';
export { createCategory, getCategory, listCategories, updateCategory } from './categories.ts';
export type { CategoryCatalogue } from './category-search.ts';
export { loadCatalogue, routedAt, searchCategories } from './category-search.ts';
export { createDepartment, getDepartment, listDepartments, updateDepartment } from './departments.ts';
export { listEscalationLevels, setEscalationLevels } from './levels.ts';
export {
  createOfficer,
  getOfficer,
  listOfficers,
  postOfficer,
  updateOfficer,
  vacatePosition,
} from './officers.ts';
export { createPosition, getPosition, listPositions, updatePosition } from './positions.ts';
