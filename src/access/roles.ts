import type { Role } from '../db/schema.ts';
import type { Access } from './plugin.ts';

export const ROLES = [
  'admin',
  'auditor',
  'supervisor',
  'agent',
  'nodal_officer',
  'officer',
  'monitor',
  'intake',
] as const satisfies readonly Role[];

/** Every staff role: for reading configuration that is not public (positions, officers, rules, calendars). */
export const STAFF: Access = ROLES.filter((role) => role !== 'intake');
