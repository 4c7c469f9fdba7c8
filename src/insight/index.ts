export { drillDown } from './drill.ts';
export { flowFigures, foldInsight, pendingByAge, rebuildInsight } from './figures.ts';
export { gradeMonth } from './grading.ts';
export { gradingRoutes } from './grading-routes.ts';
export { publicRoutes } from './public-routes.ts';
export { reportRoutes } from './report-routes.ts';
export { insightRoutes } from './routes.ts';
export { wallRoutes } from './wall-routes.ts';
