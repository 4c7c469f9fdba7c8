export { drillDown } from './drill.ts';
export { flowFigures, foldInsight, pendingByAge, rebuildInsight } from './figures.ts';
export { insightRoutes } from './routes.ts';
