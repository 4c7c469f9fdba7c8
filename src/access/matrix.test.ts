// The permission matrix: every API route, called by every kind of caller, against grievances in and out
// of the caller's scope (another department, another district). The table below is the statement of
// who may do what; the test fails if a route exists that the table does not cover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../test/api.ts';
import { databases } from '../../test/databases.ts';
import { buildDeployment, buildGrievance, type Deployment } from '../../test/factories.ts';
import { form, jpeg } from '../../test/files.ts';
import { apiCaller, type Caller, citizenCaller, PUBLIC_CALLER, staffCaller } from '../../test/principals.ts';
import { addAttachments, checkFile } from '../attachments/index.ts';
import { defaultFlow } from '../channels/voice/default-flow.ts';
import type { Database } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { createCategory, getPosition } from '../directory/index.ts';
import { saveRule } from '../routing/index.ts';
import { SYSTEM } from './principal.ts';

type Who =
  | 'public'
  | 'citizen'
  | 'otherCitizen'
  | 'officer'
  | 'nodal'
  | 'monitor'
  | 'supervisor'
  | 'agent'
  | 'auditor'
  | 'admin'
  | 'intake';
const EVERYONE: Who[] = [
  'public',
  'citizen',
  'otherCitizen',
  'officer',
  'nodal',
  'monitor',
  'supervisor',
  'agent',
  'auditor',
  'admin',
  'intake',
];
const ROLES_OF: Record<Who, Role[]> = {
  public: [],
  citizen: [],
  otherCitizen: [],
  officer: ['officer'],
  nodal: ['nodal_officer'],
  monitor: ['monitor'],
  supervisor: ['supervisor'],
  agent: ['agent'],
  auditor: ['auditor'],
  admin: ['admin'],
  intake: ['intake'],
};
const STAFF: Role[] = ['admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'officer', 'monitor'];

/** Which of the three grievances each caller may read: A (PHE, district A), D (Energy, district A), X (PHE, district B). */
const SEES: Record<Who, ('A' | 'D' | 'X')[]> = {
  public: [],
  citizen: ['A'],
  otherCitizen: [],
  officer: ['A'], // holds A's L1 position
  nodal: ['A'], // PHE nodal officer for district A
  monitor: ['A', 'D'], // district A monitor, all departments
  supervisor: ['A', 'D', 'X'],
  agent: ['A', 'D', 'X'],
  auditor: ['A', 'D', 'X'],
  admin: ['A', 'D', 'X'],
  intake: [],
};
/** Who may add a note to a grievance they can read. */
const NOTES: Who[] = ['citizen', 'officer', 'nodal', 'supervisor', 'agent'];
/** Who may attach a file (of their default kind: evidence for the citizen, proof for staff) to one they can read. */
const ATTACHES: Who[] = ['citizen', 'officer', 'nodal'];

type Rule =
  | { allow: 'public' }
  /** Anyone may try; wrong credentials get 401 whoever asks. */
  | { allow: 'credentials' }
  /** A staff member with a password session (setting up a second factor). */
  | { allow: 'staff-session' }
  /** Checked last: it ends the caller's session. */
  | { allow: 'sign-out' }
  | { allow: 'citizen-only' }
  | { allow: 'signed-in' }
  | { allow: Role[] }
  | { grievance: 'read' | 'note' | 'attach' | 'reveal' | 'search' | 'export' | 'register' };

interface Fixture {
  d: Deployment;
  refs: Record<'A' | 'D' | 'X', string>;
  /** One attachment on each grievance, by reference. */
  attachments: Record<string, number>;
  unique: () => string;
}

type Request = { url: string; payload?: object; stream?: boolean };
type Route = { rule: Rule; request: (f: Fixture, target?: string) => Request };

const ADMIN: Rule = { allow: ['admin'] };
const READ_STAFF: Rule = { allow: STAFF };
const name = { en: 'x' };

const ROUTES: Record<string, Route> = {
  'GET /api/auth/me': { rule: { allow: 'public' }, request: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/sign-in': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/auth/sign-in', payload: { email: 'nobody@example.org', password: 'x' } }),
  },
  'POST /api/auth/totp/enrol': {
    rule: { allow: 'staff-session' },
    request: () => ({ url: '/api/auth/totp/enrol' }),
  },
  'POST /api/auth/totp': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/auth/totp', payload: { code: '000000' } }),
  },
  'POST /api/auth/sign-out': { rule: { allow: 'sign-out' }, request: () => ({ url: '/api/auth/sign-out' }) },
  'POST /api/auth/citizen/otp': {
    rule: { allow: 'public' },
    request: (f) => ({
      url: '/api/auth/citizen/otp',
      payload: { phone: `+9170${f.unique().padStart(8, '0').slice(-8)}` },
    }),
  },
  'POST /api/auth/citizen/verify': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/auth/citizen/verify', payload: { phone: '+917000000001', code: '123456' } }),
  },
  'GET /api/me/export': { rule: { allow: 'citizen-only' }, request: () => ({ url: '/api/me/export' }) },
  // What each caller hears on the stream is tested in src/live/live.test.ts; here, who may open it.
  // Each grievance in a bulk action is checked on its own (src/grievances/bulk.test.ts): refusals come
  // back per reference, so here only who may send one at all.
  'POST /api/grievances/bulk-actions': {
    rule: { allow: 'signed-in' },
    request: (f) => ({
      url: '/api/grievances/bulk-actions',
      payload: { references: [f.refs.A], type: 'note', note: 'Reviewed in the weekly meeting' },
    }),
  },
  // Which grievances each caller's counts include is tested in src/grievances/counts.test.ts.
  'GET /api/grievances/counts': {
    rule: { allow: ['admin', 'auditor', 'supervisor', 'agent', 'nodal_officer', 'monitor'] },
    request: () => ({ url: '/api/grievances/counts?by=department' }),
  },
  'GET /api/live': { rule: { allow: 'signed-in' }, request: () => ({ url: '/api/live', stream: true }) },
  'GET /api/users': { rule: ADMIN, request: () => ({ url: '/api/users' }) },
  'GET /api/users/{id}': { rule: ADMIN, request: () => ({ url: '/api/users/1' }) },
  'POST /api/users': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/users',
      payload: {
        email: `u${f.unique()}@example.org`,
        name: 'New',
        password: 'a long enough password',
        grants: [],
      },
    }),
  },
  'PATCH /api/users/{id}': {
    rule: ADMIN,
    request: () => ({ url: '/api/users/999999', payload: { name: 'Renamed' } }),
  },
  'POST /api/api-clients': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/api-clients',
      payload: { name: `c${f.unique()}`, grants: [{ role: 'intake' }] },
    }),
  },
  'DELETE /api/api-keys/{id}': { rule: ADMIN, request: () => ({ url: '/api/api-keys/999999' }) },
  'POST /api/users/{id}/authenticator/reset': {
    rule: ADMIN,
    request: () => ({ url: '/api/users/999999/authenticator/reset', payload: { code: '123456' } }),
  },
  'GET /api/audit': {
    rule: { allow: ['auditor', 'admin'] },
    request: () => ({ url: '/api/audit?limit=5&q=grievance' }),
  },
  'GET /api/audit/chain': {
    rule: { allow: ['auditor', 'admin'] },
    request: () => ({ url: '/api/audit/chain' }),
  },

  'GET /api/place-levels': { rule: { allow: 'public' }, request: () => ({ url: '/api/place-levels' }) },
  'PUT /api/place-levels': {
    rule: ADMIN,
    request: () => ({ url: '/api/place-levels', payload: [1, 2, 3, 4, 5].map((depth) => ({ depth, name })) }),
  },
  'GET /api/places': { rule: { allow: 'public' }, request: () => ({ url: '/api/places' }) },
  'GET /api/places/{id}': {
    rule: { allow: 'public' },
    request: (f) => ({ url: `/api/places/${f.d.district.id}` }),
  },
  // What it answers is tested in src/places/location.test.ts; the factory's places have no points (404).
  'GET /api/places/nearest': {
    rule: { allow: 'public' },
    request: () => ({ url: '/api/places/nearest?latitude=23.95&longitude=76.93' }),
  },
  'GET /api/settings': { rule: { allow: 'public' }, request: () => ({ url: '/api/settings' }) },
  'POST /api/places': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/places',
      payload: { parentId: f.d.district.id, code: `P${f.unique()}`, name },
    }),
  },
  'PATCH /api/places/{id}': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/places/${f.d.village.id}`, payload: { name: { en: 'Kachnariya' } } }),
  },
  'GET /api/escalation-levels': {
    rule: { allow: 'public' },
    request: () => ({ url: '/api/escalation-levels' }),
  },
  'PUT /api/escalation-levels': {
    rule: ADMIN,
    request: () => ({
      url: '/api/escalation-levels',
      payload: [1, 2, 3, 4].map((level) => ({ level, name })),
    }),
  },
  'GET /api/departments': { rule: { allow: 'public' }, request: () => ({ url: '/api/departments' }) },
  'GET /api/departments/{id}': {
    rule: { allow: 'public' },
    request: (f) => ({ url: `/api/departments/${f.d.department.id}` }),
  },
  'POST /api/departments': {
    rule: ADMIN,
    request: (f) => ({ url: '/api/departments', payload: { code: `D${f.unique()}`, name } }),
  },
  'PATCH /api/departments/{id}': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/departments/${f.d.department.id}`, payload: { active: true } }),
  },
  'GET /api/categories': { rule: { allow: 'public' }, request: () => ({ url: '/api/categories' }) },
  'GET /api/categories/{id}': {
    rule: { allow: 'public' },
    request: (f) => ({ url: `/api/categories/${f.d.category.id}` }),
  },
  'POST /api/categories': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/categories',
      payload: {
        departmentId: f.d.department.id,
        code: `C${f.unique()}`,
        name,
        resolutionValue: 3,
        resolutionUnit: 'calendar_days',
      },
    }),
  },
  'PATCH /api/categories/{id}': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/categories/${f.d.category.id}`, payload: { priority: 'normal' } }),
  },
  'GET /api/positions': { rule: READ_STAFF, request: () => ({ url: '/api/positions' }) },
  'GET /api/positions/{id}': {
    rule: READ_STAFF,
    request: (f) => ({ url: `/api/positions/${f.d.chain[0]?.id}` }),
  },
  'POST /api/positions': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/positions',
      payload: { departmentId: f.d.department.id, placeId: f.d.block.id, level: 1, title: name },
    }),
  },
  'PATCH /api/positions/{id}': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/positions/${f.d.otherL1.id}`, payload: { active: true } }),
  },
  'PUT /api/positions/{id}/holder': {
    rule: ADMIN,
    request: () => ({ url: '/api/positions/999999/holder', payload: { officerId: 1 } }),
  },
  'DELETE /api/positions/{id}/holder': {
    rule: ADMIN,
    request: () => ({ url: '/api/positions/999999/holder' }),
  },
  'GET /api/officers': { rule: READ_STAFF, request: () => ({ url: '/api/officers' }) },
  'GET /api/officers/{id}': { rule: READ_STAFF, request: () => ({ url: '/api/officers/1' }) },
  'POST /api/officers': {
    rule: ADMIN,
    request: () => ({ url: '/api/officers', payload: { name: 'New Officer' } }),
  },
  'PATCH /api/officers/{id}': {
    rule: ADMIN,
    request: () => ({ url: '/api/officers/1', payload: { active: true } }),
  },
  'GET /api/routing-rules': { rule: READ_STAFF, request: () => ({ url: '/api/routing-rules' }) },
  'GET /api/routing-rules/coverage': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/routing-rules/coverage' }),
  },
  'GET /api/routing-rules/resolve': {
    rule: READ_STAFF,
    request: (f) => ({
      url: `/api/routing-rules/resolve?categoryId=${f.d.category.id}&placeId=${f.d.village.id}`,
    }),
  },
  'GET /api/routing-rules/{id}': {
    rule: READ_STAFF,
    request: (f) => ({ url: `/api/routing-rules/${f.d.rule.id}` }),
  },
  'PUT /api/routing-rules': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/routing-rules',
      payload: {
        categoryId: f.d.category.id,
        placeId: f.d.district.id,
        steps: f.d.chain.map((p, i) => ({ level: i + 1, positionId: p.id })),
      },
    }),
  },
  'DELETE /api/routing-rules/{id}': { rule: ADMIN, request: () => ({ url: '/api/routing-rules/999999' }) },
  'GET /api/calendars': { rule: READ_STAFF, request: () => ({ url: '/api/calendars' }) },
  'GET /api/calendars/{id}': { rule: READ_STAFF, request: () => ({ url: '/api/calendars/1' }) },
  'POST /api/calendars': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/calendars',
      payload: {
        name: `Cal ${f.unique()}`,
        timeZone: 'Asia/Kolkata',
        hours: [{ weekday: 1, opens: '10:00', closes: '17:00' }],
      },
    }),
  },
  'PUT /api/calendars/{id}': {
    rule: ADMIN,
    request: () => ({
      url: '/api/calendars/1',
      payload: {
        name: 'Office hours',
        timeZone: 'Asia/Kolkata',
        hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '10:00', closes: '18:00' })),
      },
    }),
  },
  'PUT /api/departments/{id}/calendar': {
    rule: ADMIN,
    request: (f) => ({
      url: `/api/departments/${f.d.otherDepartment.id}/calendar`,
      payload: { calendarId: null },
    }),
  },
  'PUT /api/places/{id}/calendar': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/places/${f.d.otherDistrict.id}/calendar`, payload: { calendarId: null } }),
  },
  'GET /api/holidays': { rule: READ_STAFF, request: () => ({ url: '/api/holidays' }) },
  'POST /api/holidays': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/holidays',
      payload: {
        placeId: f.d.otherDistrict.id,
        day: `2030-01-${String((Number(f.unique()) % 28) + 1).padStart(2, '0')}`,
        name,
      },
    }),
  },
  'DELETE /api/holidays/{id}': { rule: ADMIN, request: () => ({ url: '/api/holidays/999999' }) },
  'GET /api/sla-policy': { rule: READ_STAFF, request: () => ({ url: '/api/sla-policy' }) },
  'PUT /api/sla-policy': {
    rule: ADMIN,
    request: () => ({
      url: '/api/sla-policy',
      payload: { reminderPercents: [50, 90], closeResolvedAfterDays: 7 },
    }),
  },
  'GET /api/categories/{id}/level-times': {
    rule: READ_STAFF,
    request: (f) => ({ url: `/api/categories/${f.d.category.id}/level-times` }),
  },
  'PUT /api/categories/{id}/level-times': {
    rule: ADMIN,
    request: (f) => ({ url: `/api/categories/${f.d.category.id}/level-times`, payload: [] }),
  },

  'POST /api/interactions': {
    rule: { allow: ['agent', 'supervisor', 'intake'] },
    request: () => ({ url: '/api/interactions', payload: { channel: 'phone', phone: '+919811100001' } }),
  },
  'GET /api/interactions/{id}': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/interactions/999999' }),
  },
  'GET /api/citizens/{phone}/history': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: `/api/citizens/${encodeURIComponent('+919811100001')}/history` }),
  },

  'GET /api/knowledge': { rule: { allow: 'public' }, request: () => ({ url: '/api/knowledge?q=pension' }) },
  'GET /api/knowledge/{id}': { rule: { allow: 'public' }, request: () => ({ url: '/api/knowledge/999999' }) },
  // Nodal officers write their own department's articles only with a statewide grant; this one is
  // limited to a district, so refused. Scoped writing is tested in src/knowledge/routes.test.ts.
  'POST /api/knowledge': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/knowledge',
      payload: {
        code: `KB-${f.unique()}`,
        kind: 'faq',
        departmentId: f.d.department.id,
        title: name,
        summary: name,
      },
    }),
  },
  'PATCH /api/knowledge/{id}': {
    rule: ADMIN,
    request: () => ({ url: '/api/knowledge/999999', payload: { published: false } }),
  },

  'POST /api/grievances': {
    rule: { grievance: 'register' },
    request: (f) => ({ url: '/api/grievances', payload: registration(f) }),
  },
  'GET /api/grievances': {
    rule: { grievance: 'search' },
    request: () => ({ url: '/api/grievances?limit=200' }),
  },
  'GET /api/grievances/export.csv': {
    rule: { grievance: 'export' },
    request: () => ({ url: '/api/grievances/export.csv' }),
  },
  // Compressed: which grievances it holds is checked by parsing it, in src/insight/export.test.ts.
  'GET /api/grievances/export.xlsx': {
    rule: { allow: ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'] },
    request: () => ({ url: '/api/grievances/export.xlsx' }),
  },
  'GET /api/grievances/{reference}': {
    rule: { grievance: 'read' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}` }),
  },
  'GET /api/grievances/{reference}/history': {
    rule: { grievance: 'read' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}/history` }),
  },
  'GET /api/message-templates': { rule: ADMIN, request: () => ({ url: '/api/message-templates' }) },
  'PUT /api/message-templates/{event}/{channel}/{language}': {
    rule: ADMIN,
    request: () => ({ url: '/api/message-templates/otp/sms/en', payload: { body: 'Code {{code}}' } }),
  },
  'DELETE /api/message-templates/{event}/{channel}/{language}': {
    rule: ADMIN,
    request: () => ({ url: '/api/message-templates/otp/sms/en' }),
  },
  // Channel settings (src/channels/settings): administrators only; delivery reports from SMS gateways
  // carry the shared token, which no caller here has.
  'GET /api/channel-settings': { rule: ADMIN, request: () => ({ url: '/api/channel-settings' }) },
  'PUT /api/channel-settings/{channel}': {
    rule: ADMIN,
    request: () => ({ url: '/api/channel-settings/sms', payload: { values: { SMS_MAX_PARTS: '6' } } }),
  },
  // A citizen's own channel preference (src/channels/preference.ts).
  'GET /api/me/channel-preference': {
    rule: { allow: 'citizen-only' },
    request: () => ({ url: '/api/me/channel-preference' }),
  },
  'PUT /api/me/channel-preference': {
    rule: { allow: 'citizen-only' },
    request: () => ({ url: '/api/me/channel-preference', payload: { channel: 'whatsapp' } }),
  },
  // A citizen's own email address (src/channels/email/address-routes.ts).
  'GET /api/me/email': { rule: { allow: 'citizen-only' }, request: () => ({ url: '/api/me/email' }) },
  'PUT /api/me/email': {
    rule: { allow: 'citizen-only' },
    request: () => ({ url: '/api/me/email', payload: { email: 'someone@example.org' } }),
  },
  'POST /api/me/email/confirm': {
    rule: { allow: 'citizen-only' },
    request: () => ({ url: '/api/me/email/confirm', payload: { code: '123456' } }),
  },
  'DELETE /api/me/email': { rule: { allow: 'citizen-only' }, request: () => ({ url: '/api/me/email' }) },
  // The feedback page of a resolution email: open to anyone holding a link we signed (src/feedback);
  // a link we did not sign is not found, whoever asks.
  'GET /api/feedback-links/{token}': {
    rule: { allow: 'public' },
    request: () => ({ url: '/api/feedback-links/1.2.3.4.AAAAAAAAAAAAAAAAAAAAAAAA' }),
  },
  'POST /api/feedback-links/{token}': {
    rule: { allow: 'public' },
    request: () => ({
      url: '/api/feedback-links/1.2.3.4.AAAAAAAAAAAAAAAAAAAAAAAA',
      payload: { satisfied: true, rating: 5 },
    }),
  },
  'GET /api/channels/sms/receipts': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/channels/sms/receipts?id=1&status=DELIVRD' }),
  },
  'POST /api/channels/sms/receipts': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/channels/sms/receipts', payload: { id: '1', status: 'DELIVRD' } }),
  },
  'GET /api/grievances/{reference}/notifications': {
    rule: { grievance: 'read' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}/notifications` }),
  },
  'POST /api/grievances/{reference}/actions': {
    rule: { grievance: 'note' },
    request: (_f, ref) => ({
      url: `/api/grievances/${ref}/actions`,
      payload: { type: 'note', note: 'Spoke to the line man' },
    }),
  },
  'POST /api/grievances/{reference}/notes': {
    rule: { grievance: 'note' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}/notes`, payload: { note: 'Site visit planned' } }),
  },
  'POST /api/grievances/{reference}/attachments': {
    rule: { grievance: 'attach' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}/attachments`, payload: form({ bytes: jpeg() }) }),
  },
  'GET /api/grievances/{reference}/attachments': {
    rule: { grievance: 'read' },
    request: (_f, ref) => ({ url: `/api/grievances/${ref}/attachments` }),
  },
  'GET /api/grievances/{reference}/attachments/{id}': {
    rule: { grievance: 'read' },
    request: (f, ref) => ({ url: `/api/grievances/${ref}/attachments/${f.attachments[ref as string]}` }),
  },
  'POST /api/grievances/{reference}/reveal': {
    rule: { grievance: 'reveal' },
    request: (_f, ref) => ({
      url: `/api/grievances/${ref}/reveal`,
      payload: { reason: 'Threat to life reported' },
    }),
  },

  // The agent desk (src/desk). What agents see of calls is tested in src/desk/*.test.ts; here, who may
  // call each route at all. Accounts not set up as agents answer 404 where the route needs one.
  'GET /api/desk/agents': {
    rule: { allow: ['supervisor', 'admin'] },
    request: () => ({ url: '/api/desk/agents' }),
  },
  'PUT /api/desk/agents/{id}': {
    rule: { allow: ['supervisor', 'admin'] },
    request: () => ({
      url: '/api/desk/agents/999999',
      payload: { languages: ['hi'], placeIds: [], skills: ['grievance'] },
    }),
  },
  'GET /api/desk/me': { rule: { allow: ['agent', 'supervisor'] }, request: () => ({ url: '/api/desk/me' }) },
  'POST /api/desk/me/state': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/me/state', payload: { state: 'break' } }),
  },
  'GET /api/desk/queues': {
    rule: { allow: ['agent', 'supervisor', 'admin'] },
    request: () => ({ url: '/api/desk/queues' }),
  },
  'POST /api/desk/queues': {
    rule: { allow: ['supervisor', 'admin'] },
    request: (f) => ({ url: '/api/desk/queues', payload: { code: `Q${f.unique()}`, name } }),
  },
  'GET /api/desk/places': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/places?q=kach' }),
  },
  'GET /api/desk/calls/{id}/screen-pop': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/screen-pop' }),
  },
  'POST /api/desk/calls/{id}/answer': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/answer' }),
  },
  'POST /api/desk/calls/{id}/decline': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/decline' }),
  },
  'POST /api/desk/calls/{id}/hang-up': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/hang-up' }),
  },
  'POST /api/desk/calls/{id}/wrap-up': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/wrap-up', payload: { disposition: 'wrong_number' } }),
  },
  'GET /api/desk/live': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/live', stream: true }),
  },
  'GET /api/desk/wallboard': {
    rule: { allow: ['supervisor', 'monitor'] },
    request: () => ({ url: '/api/desk/wallboard' }),
  },
  'GET /api/desk/outbound-lists': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/outbound-lists' }),
  },
  'POST /api/desk/outbound-lists': {
    rule: { allow: ['supervisor'] },
    request: () => ({
      url: '/api/desk/outbound-lists',
      payload: { name: 'Awareness', segment: { language: 'sw' } },
    }),
  },
  'GET /api/desk/outbound-lists/{id}': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/outbound-lists/999999' }),
  },
  'POST /api/desk/outbound-lists/{id}/next': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/outbound-lists/999999/next' }),
  },
  'POST /api/desk/outbound-items/{id}/attempts': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/outbound-items/999999/attempts', payload: { result: 'busy' } }),
  },
  'POST /api/desk/registrations': {
    rule: { allow: ['agent', 'supervisor'] },
    request: (f) => ({
      url: '/api/desk/registrations',
      payload: { ...registration(f), channel: undefined, callId: 999999 },
    }),
  },
  'GET /api/desk/slips/{reference}': {
    rule: { allow: ['agent', 'supervisor'] },
    request: (f) => ({ url: `/api/desk/slips/${f.refs.A}` }),
  },
  'GET /api/desk/settings': {
    rule: { allow: ['agent', 'supervisor', 'admin'] },
    request: () => ({ url: '/api/desk/settings' }),
  },
  'PATCH /api/desk/settings': {
    rule: ADMIN,
    request: () => ({ url: '/api/desk/settings', payload: { serviceLevelSeconds: 20 } }),
  },
  'GET /api/desk/quality/reviews': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/quality/reviews' }),
  },
  'POST /api/desk/quality/reviews/{id}': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/quality/reviews/999999', payload: { scores: {}, outcome: 'passed' } }),
  },
  'GET /api/desk/quality/agents': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/quality/agents' }),
  },
  'POST /api/desk/citizens/{id}/flags': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/citizens/999999/flags', payload: { reason: 'Same complaint daily' } }),
  },
  'GET /api/desk/flags': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/flags' }),
  },
  'POST /api/desk/flags/{id}/clear': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/flags/999999/clear', payload: { reason: 'Not habitual' } }),
  },
  'PATCH /api/desk/queues/{id}': {
    rule: { allow: ['supervisor', 'admin'] },
    request: () => ({ url: '/api/desk/queues/999999', payload: { calendarId: null } }),
  },
  'POST /api/desk/calls/{id}/monitor': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/monitor', payload: { mode: 'listen' } }),
  },
  'PATCH /api/desk/outbound-lists/{id}': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/outbound-lists/999999', payload: { status: 'paused' } }),
  },
  'GET /api/desk/outbound-lists/{id}/attempts': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/outbound-lists/999999/attempts' }),
  },
  'GET /api/desk/do-not-call': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/do-not-call' }),
  },
  'POST /api/desk/do-not-call': {
    rule: { allow: ['supervisor'] },
    request: (f) => ({
      url: '/api/desk/do-not-call',
      payload: { phone: `+9198${f.unique().padStart(8, '0').slice(-8)}`, reason: 'Asked at the centre' },
    }),
  },
  'DELETE /api/desk/do-not-call/{phone}': {
    rule: { allow: ['supervisor'] },
    request: () => ({ url: '/api/desk/do-not-call/%2B919999999999' }),
  },
  'POST /api/desk/enquiries': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({
      url: '/api/desk/enquiries',
      payload: { callId: 999999, question: 'When is the pension paid?', outcome: 'answered' },
    }),
  },
  'GET /api/desk/calls/{id}/enquiries': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({ url: '/api/desk/calls/999999/enquiries' }),
  },
  'POST /api/desk/quality/reviews/{id}/correction': {
    rule: { allow: ['agent', 'supervisor'] },
    request: () => ({
      url: '/api/desk/quality/reviews/999999/correction',
      payload: { correction: 'Place corrected to ward 4' },
    }),
  },
  'GET /api/desk/quality/checklist': {
    rule: { allow: ['agent', 'supervisor', 'admin'] },
    request: () => ({ url: '/api/desk/quality/checklist' }),
  },
  'PUT /api/desk/quality/checklist': {
    rule: ADMIN,
    request: () => ({
      url: '/api/desk/quality/checklist',
      payload: {
        items: [
          { code: 'category_correct', label: { en: 'Category is right' } },
          { code: 'place_correct', label: { en: 'Place is right' } },
          { code: 'description_complete', label: { en: 'Description is complete' } },
          { code: 'language_right', label: { en: 'Language recorded' } },
          { code: 'courteous', label: { en: 'Courteous' } },
        ],
      },
    }),
  },
  // Signed with a telephony source's secret, never a session or key: unsigned, everyone gets 401.
  'POST /api/telephony/{source}/events': {
    rule: { allow: 'credentials' },
    request: () => ({ url: '/api/telephony/pbx/events', payload: { event: 'new', callId: 'x' } }),
  },
  'POST /api/desk/telephony-sources': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/desk/telephony-sources',
      payload: { code: `pbx${f.unique()}`, name: 'PBX' },
    }),
  },
  // Insight: which grievances each caller's figures and lists include is tested in src/insight/.
  'GET /api/insight/figures': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/figures?from=2026-03-01&to=2026-03-31&by=department' }),
  },
  'GET /api/insight/pending': { rule: READ_STAFF, request: () => ({ url: '/api/insight/pending?by=total' }) },
  'GET /api/insight/grievances': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/grievances?figure=received&from=2026-03-01&to=2026-03-31' }),
  },
  'POST /api/insight/rebuild': { rule: ADMIN, request: () => ({ url: '/api/insight/rebuild' }) },
  // The phone line's call flow (src/channels/voice): administrators only.
  'GET /api/voice/flow': { rule: ADMIN, request: () => ({ url: '/api/voice/flow' }) },
  'POST /api/voice/flow/check': {
    rule: ADMIN,
    request: () => ({ url: '/api/voice/flow/check', payload: defaultFlow() }),
  },
  'PUT /api/voice/flow': {
    rule: ADMIN,
    request: () => ({ url: '/api/voice/flow', payload: { definition: defaultFlow() } }),
  },
  'GET /api/voice/flow/versions': { rule: ADMIN, request: () => ({ url: '/api/voice/flow/versions' }) },
  'POST /api/voice/flow/simulate': {
    rule: ADMIN,
    request: () => ({ url: '/api/voice/flow/simulate', payload: { definition: defaultFlow() } }),
  },
  'GET /api/voice/prompts': { rule: ADMIN, request: () => ({ url: '/api/voice/prompts' }) },
  // The audio itself is the body (audio/wav); who may send one is what matters here.
  'PUT /api/voice/prompts/{key}/{language}': {
    rule: ADMIN,
    request: () => ({ url: '/api/voice/prompts/welcome/en', payload: { audio: 'none' } }),
  },
  'DELETE /api/voice/prompts/{key}/{language}': {
    rule: ADMIN,
    request: () => ({ url: '/api/voice/prompts/goodbye/sw' }),
  },
  'GET /api/insight/grievances.csv': {
    rule: { allow: ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'] },
    request: () => ({ url: '/api/insight/grievances.csv?figure=received&from=2026-03-01&to=2026-03-31' }),
  },
  'GET /api/insight/formulas': { rule: READ_STAFF, request: () => ({ url: '/api/insight/formulas' }) },
  'PUT /api/insight/formulas/{code}': {
    rule: ADMIN,
    request: () => ({
      url: '/api/insight/formulas/matrix',
      payload: {
        name,
        indicators: [
          { key: 'k', label: name, weight: 100, numerator: ['resolved'], denominator: ['received'] },
        ],
        penalties: [],
        grades: [{ grade: 'A', min: 50 }],
        lowestGrade: 'B',
        uniqueOnly: false,
      },
    }),
  },
  'GET /api/insight/grades': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/grades?formula=cmh181&month=2026-03&unit=department' }),
  },
  'GET /api/insight/wall': { rule: READ_STAFF, request: () => ({ url: '/api/insight/wall' }) },
  'GET /api/insight/grievances.xlsx': {
    rule: { allow: ['admin', 'auditor', 'supervisor', 'nodal_officer', 'monitor'] },
    request: () => ({ url: '/api/insight/grievances.xlsx?figure=received&from=2026-03-01&to=2026-03-31' }),
  },
  'GET /api/insight/figures.csv': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/figures.csv?from=2026-03-01&to=2026-03-31&by=department' }),
  },
  'GET /api/insight/figures.xlsx': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/figures.xlsx?from=2026-03-01&to=2026-03-31&by=department' }),
  },
  'GET /api/insight/grades.csv': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/grades.csv?formula=cmh181&month=2026-03&unit=department' }),
  },
  'GET /api/insight/grades.xlsx': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/grades.xlsx?formula=cmh181&month=2026-03&unit=department' }),
  },
  'GET /api/public/figures': { rule: { allow: 'public' }, request: () => ({ url: '/api/public/figures' }) },
  'GET /api/insight/map': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/map?from=2026-03-01&to=2026-03-31&depth=3' }),
  },
  'GET /api/insight/map/points': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/map/points?from=2026-03-01&to=2026-03-31&zoom=6' }),
  },
  'GET /api/insight/boundaries': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/boundaries?depth=3' }),
  },
  'PUT /api/insight/boundaries': {
    rule: ADMIN,
    request: () => ({ url: '/api/insight/boundaries', payload: { type: 'FeatureCollection', features: [] } }),
  },
  'GET /api/insight/report-schedules': {
    rule: ADMIN,
    request: () => ({ url: '/api/insight/report-schedules' }),
  },
  'POST /api/insight/report-schedules': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/insight/report-schedules',
      payload: {
        name: 'Weekly figures',
        report: 'figures',
        params: { by: 'department' },
        frequency: 'weekly',
        day: 1,
        format: 'xlsx',
        language: 'en',
        positionIds: [f.d.chain[0]?.id],
      },
    }),
  },
  // Which schedule is changed or removed is no matter here: 404 answers an admin, the rest are refused.
  'PUT /api/insight/report-schedules/{id}': {
    rule: ADMIN,
    request: (f) => ({
      url: '/api/insight/report-schedules/999999',
      payload: {
        name: 'Monthly grades',
        report: 'grades',
        params: { formula: 'cmh181', unit: 'department' },
        frequency: 'monthly',
        day: 20,
        format: 'csv',
        language: 'hi',
        positionIds: [f.d.chain[1]?.id],
      },
    }),
  },
  'DELETE /api/insight/report-schedules/{id}': {
    rule: ADMIN,
    request: () => ({ url: '/api/insight/report-schedules/999999' }),
  },
  'POST /api/insight/report-schedules/{id}/send': {
    rule: ADMIN,
    request: () => ({ url: '/api/insight/report-schedules/999999/send' }),
  },
  'GET /api/insight/reports/{file}': {
    rule: READ_STAFF,
    request: () => ({ url: '/api/insight/reports/999999.xlsx' }),
  },
  'GET /api/insight/public-settings': {
    rule: ADMIN,
    request: () => ({ url: '/api/insight/public-settings' }),
  },
  'PUT /api/insight/public-settings': {
    rule: ADMIN,
    request: () => ({
      url: '/api/insight/public-settings',
      payload: { minCount: 10, formula: 'cmh181', depth: 3 },
    }),
  },
};

const registration = (f: Fixture) => ({
  categoryId: f.d.category.id,
  placeId: f.d.village.id,
  subject: 'Hand pump broken',
  description: 'Near the school',
  language: 'en',
  channel: 'web',
});

const denied = (who: Who) => (who === 'public' ? 401 : 403);
const isAllowed = (status: number) => status !== 401 && status !== 403 && status < 500;

describe.each(databases)('permission matrix on $name', ({ open }) => {
  let database: Database;
  let api: Awaited<ReturnType<typeof startApi>>;
  let f: Fixture;
  const callers = {} as Record<Who, Caller>;
  let counter = 0;

  beforeAll(async () => {
    database = await open();
    api = await startApi(database);
    const { db } = database;
    const d = await buildDeployment(api.deps);
    const energy = await createCategory(db, {
      departmentId: d.otherDepartment.id,
      code: 'ENERGY-NO-POWER',
      name: { en: 'No power' },
      resolutionValue: 24,
      resolutionUnit: 'working_hours',
    });
    await saveRule(db, {
      categoryId: energy.id,
      placeId: d.district.id,
      steps: [{ level: 1, positionId: d.otherL1.id }],
    });
    const owner = '+919811100001';
    const refs = {
      A: (await buildGrievance(api.deps, d, { citizen: { phone: owner, name: 'Owner' } })).reference,
      D: (await buildGrievance(api.deps, d, { categoryId: energy.id, citizen: { phone: '+919811100002' } }))
        .reference,
      X: (
        await buildGrievance(api.deps, d, {
          placeId: d.otherDistrict.id,
          citizen: { phone: '+919811100003' },
        })
      ).reference,
    };
    const attachments: Record<string, number> = {};
    for (const ref of Object.values(refs)) {
      const file = checkFile({ name: 'pump.jpg', bytes: jpeg() }, { photosOnly: false });
      attachments[ref] = (await addAttachments(db, api.clock, ref, 'evidence', [file], SYSTEM))[0]
        ?.id as number;
    }
    f = { d, refs, attachments, unique: () => String(++counter) };
    const officerId = (await getPosition(db, d.chain[0]?.id as number)).officerId as number;
    const { raw, clock } = api;
    Object.assign(callers, {
      public: PUBLIC_CALLER,
      citizen: await citizenCaller(raw, database, 'citizen', owner),
      otherCitizen: await citizenCaller(raw, database, 'otherCitizen', '+919811100009'),
      officer: await staffCaller(raw, database, clock, 'officer', [], officerId),
      nodal: await apiCaller(database, clock, 'nodal', [
        { role: 'nodal_officer', departmentId: d.department.id, placeId: d.district.id },
      ]),
      monitor: await apiCaller(database, clock, 'monitor', [{ role: 'monitor', placeId: d.district.id }]),
      supervisor: await staffCaller(raw, database, clock, 'supervisor', [{ role: 'supervisor' }]),
      agent: await apiCaller(database, clock, 'agent', [{ role: 'agent' }]),
      auditor: await apiCaller(database, clock, 'auditor', [{ role: 'auditor' }]),
      admin: await staffCaller(raw, database, clock, 'admin', [{ role: 'admin' }]),
      intake: await apiCaller(database, clock, 'intake', [{ role: 'intake' }]),
    } satisfies Record<Who, Caller>);
  });
  afterAll(async () => {
    await api?.app.close();
    await database?.close();
  });

  const call = async (who: Who, method: string, req: Request) => {
    const res = await api.raw.inject({
      method: method as 'GET',
      url: req.url,
      headers: callers[who].headers,
      ...(req.payload ? { payload: req.payload } : {}),
      // A stream never ends: take the status once the headers are out, then hang up.
      ...(req.stream ? { payloadAsStream: true } : {}),
    });
    if (!req.stream) return res;
    res.stream().destroy();
    return { statusCode: res.statusCode, body: '' } as typeof res;
  };

  it('covers every API route', async () => {
    const doc = (await api.raw.inject({ url: '/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const missing = routes.filter((r) => r.includes(' /api/') && !ROUTES[r]);
    expect(missing).toEqual([]);
  });

  it('allows and denies each route for each caller and scope', async () => {
    const failures: string[] = [];
    const check = (
      key: string,
      who: Who,
      status: number,
      expected: 'allow' | 401 | 403 | 404,
      body: string,
    ) => {
      const ok = expected === 'allow' ? isAllowed(status) : status === expected;
      if (!ok) failures.push(`${key} as ${who}: got ${status}, expected ${expected} (${body.slice(0, 120)})`);
    };
    for (const [key, route] of Object.entries(ROUTES)) {
      const [method] = key.split(' ') as [string];
      const rule = route.rule;
      for (const who of EVERYONE) {
        if ('allow' in rule) {
          if (rule.allow === 'sign-out') continue;
          const res = await call(who, method, route.request(f));
          const roles = ROLES_OF[who];
          const expected =
            rule.allow === 'public'
              ? 'allow'
              : rule.allow === 'credentials'
                ? 401
                : rule.allow === 'staff-session'
                  ? ['officer', 'supervisor', 'admin'].includes(who)
                    ? 'allow'
                    : 401
                  : rule.allow === 'citizen-only'
                    ? who === 'public'
                      ? 401
                      : who === 'citizen' || who === 'otherCitizen'
                        ? 'allow'
                        : 403
                    : rule.allow === 'signed-in'
                      ? who === 'public'
                        ? 401
                        : 'allow'
                      : roles.some((r) => (rule.allow as Role[]).includes(r))
                        ? 'allow'
                        : denied(who);
          check(key, who, res.statusCode, expected, res.body);
          continue;
        }
        const kind = rule.grievance;
        if (kind === 'register') {
          const res = await call(who, method, route.request(f));
          // Anyone may register without naming a citizen; only staff roles that take complaints may otherwise.
          const staffWithoutIntake = ['officer', 'nodal', 'monitor', 'auditor', 'admin'].includes(who);
          check(key, who, res.statusCode, staffWithoutIntake ? 403 : 'allow', res.body);
          continue;
        }
        if (kind === 'search' || kind === 'export') {
          const res = await call(who, method, route.request(f));
          const mayExport = ['admin', 'auditor', 'supervisor', 'nodal', 'monitor'].includes(who);
          if (who === 'public') {
            check(key, who, res.statusCode, 401, res.body);
            continue;
          }
          if (kind === 'export' && !mayExport) {
            check(key, who, res.statusCode, 403, res.body);
            continue;
          }
          check(key, who, res.statusCode, 'allow', res.body);
          const seen = (['A', 'D', 'X'] as const).filter((k) => res.body.includes(f.refs[k]));
          if (JSON.stringify(seen) !== JSON.stringify(SEES[who]))
            failures.push(`${key} as ${who}: saw ${seen}, expected ${SEES[who]}`);
          if (kind === 'search' && res.statusCode === 200) {
            // The total counts only what the caller may see, never the rest.
            const total = res.json().total;
            const visible = res.json().items.length;
            if (total !== visible) failures.push(`${key} as ${who}: total ${total} but ${visible} visible`);
          }
          continue;
        }
        for (const target of ['A', 'D', 'X'] as const) {
          const res = await call(who, method, route.request(f, f.refs[target]));
          const sees = SEES[who].includes(target);
          let expected: 'allow' | 401 | 403 | 404;
          if (who === 'public') expected = 401;
          else if (kind === 'reveal') expected = !['supervisor'].includes(who) ? 403 : 'allow';
          else if (!sees) expected = 404;
          else if (kind === 'note') expected = NOTES.includes(who) ? 'allow' : 403;
          else if (kind === 'attach') expected = ATTACHES.includes(who) ? 'allow' : 403;
          else expected = 'allow';
          check(`${key} [${target}]`, who, res.statusCode, expected, res.body);
        }
      }
    }
    // Last, because it ends the sessions the checks above used.
    for (const who of EVERYONE) {
      const res = await call(who, 'POST', { url: '/api/auth/sign-out' });
      check('POST /api/auth/sign-out', who, res.statusCode, 'allow', res.body);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
