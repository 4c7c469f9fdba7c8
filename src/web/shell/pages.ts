// Which staff page each role may open, and where each role's work is. The server decides what anyone
// may read or do; this only keeps the screens honest: no link to a page a role cannot use, and a
// signed-in person who opens one anyway is told so, rather than shown the sign-in form again.
import type { Me } from '../api.ts';

export type StaffPage = 'work' | 'supervise' | 'desk' | 'wallboard' | 'command' | 'admin' | 'audit';

/** The roles that may use each staff page (the same roles the page's API routes let in). */
export const STAFF_PAGES: Record<StaffPage, readonly string[]> = {
  // Officers and those who oversee their queues; admins and auditors read cases but act on none.
  work: ['officer', 'nodal_officer', 'supervisor', 'monitor', 'admin', 'auditor'],
  supervise: ['supervisor', 'monitor', 'nodal_officer'],
  desk: ['agent', 'supervisor'],
  wallboard: ['supervisor', 'monitor'],
  // Insight's command-and-control wall: whoever reads insight's figures.
  command: ['supervisor', 'monitor', 'nodal_officer', 'auditor', 'admin'],
  admin: ['admin'],
  audit: ['auditor', 'admin'],
};

/** Where each role's work is, in order: someone with several roles lands on the first that applies. */
const HOMES: [role: string, path: string][] = [
  ['supervisor', '/supervise'],
  ['monitor', '/supervise'],
  ['nodal_officer', '/work'],
  ['officer', '/work'],
  ['agent', '/desk'],
  ['auditor', '/audit'],
  ['admin', '/admin'],
];

/** A staff member past the second factor: someone who may open staff pages at all. */
export const isStaff = (me: Me | null) => me?.kind === 'staff' && me.mfa !== 'required';

export const mayOpen = (me: Me | null, page: StaffPage) =>
  isStaff(me) && STAFF_PAGES[page].some((role) => me?.roles?.includes(role));

/** The page a staff member's work starts on. */
export function homeOf(me: Me): string {
  return HOMES.find(([role]) => me.roles?.includes(role))?.[1] ?? '/work';
}
