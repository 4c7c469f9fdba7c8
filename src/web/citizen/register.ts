// Registering from the portal: what the grievance and enquiry forms send alike. The channel is the web;
// a citizen signed in by SMS code registers as themselves, anyone else without a number.
import { api, type Grievance, type Me } from '../api.ts';

export function registerFromPortal(
  me: Me,
  language: string,
  fields: {
    categoryId: number;
    placeId: number;
    subject: string;
    description: string;
    details: Record<string, string>;
    anonymous?: boolean;
    latitude?: number;
    longitude?: number;
  },
) {
  const { anonymous, ...rest } = fields;
  return api<Grievance>('POST', '/api/grievances', {
    ...rest,
    language,
    channel: 'web',
    ...(me.kind === 'citizen' ? { citizen: { phone: me.phone }, anonymous: anonymous ?? false } : {}),
  });
}
