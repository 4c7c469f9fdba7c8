// The shapes the admin screens read from the API (see the routes.ts of each capability), and the closed
// lists they draw on.
import type { ROLES } from '../../access/roles.ts';
import type { I18nText } from '../api.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Place {
  id: number;
  parentId: number | null;
  depth: number;
  code: string;
  name: I18nText;
  path: string;
  active: boolean;
}

export interface PlaceLevel {
  depth: number;
  name: I18nText;
}

export interface EscalationLevel {
  level: number;
  name: I18nText;
}

export interface Department {
  id: number;
  code: string;
  name: I18nText;
  active: boolean;
  calendarId: number | null;
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export interface Category {
  id: number;
  code: string;
  departmentId: number;
  name: I18nText;
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  priority: (typeof PRIORITIES)[number];
  active: boolean;
}

export interface Position {
  id: number;
  departmentId: number;
  placeId: number;
  level: number;
  title: I18nText;
  isNodal: boolean;
  active: boolean;
  officerId: number | null;
  officerName: string | null;
}

export interface Officer {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  active: boolean;
}

export interface OfficeHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  isDefault: boolean;
  hours: OfficeHours[];
}

export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  departmentId: number | null;
  placeId: number | null;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface User {
  id: number;
  kind: string;
  email: string | null;
  name: string;
  officerId: number | null;
  active: boolean;
  mfaEnabled: boolean;
  /** Its authenticator was reset: a new one is set up at the next sign-in. */
  mfaEnrolRequired: boolean;
  grants: Grant[];
  apiKeys: ApiKey[];
}
