// The web app's addresses and the page each shows. The server reads this list too (src/http/errors.ts):
// an address on it gets the app with 200, any other the same app with 404, so a mistyped link says
// "not found" to the browser, crawlers and monitoring as well as on the screen. No imports but a type:
// the server loads it as it is.
import type { StaffPage } from './pages.ts';

export type Page = 'lodge' | 'track' | 'schemes' | 'ask' | 'figures' | 'feedback' | 'staff' | StaffPage;

export const ROUTES: Record<string, Page> = {
  '/': 'lodge',
  '/track': 'track',
  '/schemes': 'schemes',
  '/ask': 'ask',
  // The link in a resolution email (src/feedback): answered without signing in.
  '/feedback': 'feedback',
  '/staff': 'staff',
  '/work': 'work',
  '/admin': 'admin',
  '/supervise': 'supervise',
  '/desk': 'desk',
  '/desk/outbound': 'desk',
  '/desk/walk-in': 'desk',
  '/desk/corrections': 'desk',
  '/campaigns': 'desk',
  '/quality': 'desk',
  '/slip': 'desk',
  '/wallboard': 'wallboard',
  '/command': 'command',
  '/figures': 'figures',
  '/audit': 'audit',
};

/** Whether an address is one of the app's pages. */
export const isPage = (path: string) => Object.hasOwn(ROUTES, path);
