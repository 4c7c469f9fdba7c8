export type { LiveChange, LiveFeed, Viewer } from './feed.ts';
export { startLiveFeed } from './feed.ts';
export { liveRoutes } from './routes.ts';
