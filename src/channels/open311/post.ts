// POST Service Request: a city app files a grievance for a resident. It goes through the same
// registration as every channel (src/grievances/register.ts): routed to the L1 position with its SLA
// clock, acknowledged by SMS when a phone number is given, on the citizen's history as a contact, and
// audited under the integration's account.
//
// media_url is kept as a link, not fetched: fetching any address a client names would let it make this
// server reach inside the state data centre's network, and an untrusted download would need the same
// checks as an upload for a file the client can host anyway. The link is written on the grievance (in
// its details, and as a line of its description for the officer's screen).
//
// Email is not kept: the helpline keeps no citizen's email address (README, "Not yet"), and a number is
// what an acknowledgement goes to. first_name/last_name name the citizen only with a phone number
// (citizens are known by their number). device_id is not kept; account_id is only echoed back.
import type { FastifyRequest } from 'fastify';
import { logInteraction } from '../../citizens/index.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../errors.ts';
import { registerAs } from '../../grievances/index.ts';
import { notice } from './catalogue.ts';
import type { Open311Language } from './config.ts';
import { type Form, text } from './form.ts';
import { assertCovers, integrationOf } from './keys.ts';
import { locate } from './place.ts';
import { localName, serviceByCode } from './services.ts';

const MAX_DESCRIPTION = 4000;

export async function postRequest(
  deps: Deps,
  request: FastifyRequest,
  form: Form,
  language: Open311Language,
  idempotencyKey: string | undefined,
) {
  const integration = await integrationOf(deps, request, text(form, 'api_key'));
  const code = text(form, 'service_code');
  if (!code) throw invalid('service_code', 'is required', 'required');
  const service = await serviceByCode(deps.db, code);
  if (!service) throw invalid('service_code', `no service has the code ${code}`, 'does_not_exist');
  // The specification lets a request be only a service and a place (a photo of a pothole): the
  // service's name then stands for the description the grievance needs.
  const description = text(form, 'description') ?? localName(service.name, language);
  if (description.length > MAX_DESCRIPTION)
    throw invalid('description', `must be at most ${MAX_DESCRIPTION} characters`, 'too_long');
  const mediaUrl = linkOf(text(form, 'media_url'));
  const phone = text(form, 'phone');
  if (phone && !/^\+[1-9][0-9]{6,14}$/.test(phone))
    throw invalid('phone', 'must be a mobile number, in international form (+91...)', 'phone_invalid');
  const where = await locate(deps.db, {
    lat: text(form, 'lat'),
    long: text(form, 'long'),
    address_string: text(form, 'address_string'),
    address_id: text(form, 'address_id'),
  });
  assertCovers(integration, service.departmentId, where.placePath);

  const details: Record<string, string> = {};
  for (const field of service.fields) {
    const value = attribute(form, field.key);
    if (value) details[field.key] = value;
    else if (field.required)
      throw invalid(`attribute[${field.key}]`, 'is required for this service', 'required');
  }
  if (mediaUrl) details.media_url = mediaUrl;
  const name = [text(form, 'first_name'), text(form, 'last_name')].filter(Boolean).join(' ').slice(0, 200);
  const anonymous = text(form, 'anonymous') === 'true';

  // A retried post (same Idempotency-Key from the same integration) finds its first contact again,
  // as registration finds its first grievance, rather than logging the contact twice.
  const contact = await logInteraction(
    deps.db,
    deps.clock,
    {
      channel: 'open311',
      createdBy: integration.userId,
      ...(phone ? { phone } : {}),
      ...(idempotencyKey ? { externalId: `${integration.userId}:${idempotencyKey}` } : {}),
    },
    integration,
  );
  const registered = await registerAs(
    deps,
    {
      categoryId: Number(service.id),
      placeId: where.placeId,
      subject: subjectOf(description),
      description: mediaUrl ? `${description}\n\nPhoto: ${mediaUrl}` : description,
      language,
      channel: 'open311',
      citizen: phone ? { phone, language, ...(name ? { name } : {}) } : null,
      anonymous,
      address: where.address,
      latitude: where.latitude,
      longitude: where.longitude,
      details,
      interactionId: contact.id,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
    integration,
    { actorKind: 'api', actorId: integration.userId, ip: request.ip },
  );
  const routed = await deps.db
    .selectFrom('grievances')
    .select('position_id')
    .where('id', '=', registered.id)
    .executeTakeFirstOrThrow();
  return {
    replayed: registered.replayed,
    body: [
      {
        service_request_id: registered.reference,
        service_notice: notice(language, routed.position_id !== null, registered.reference),
        account_id: text(form, 'account_id')?.slice(0, 200) ?? null,
      },
    ],
  };
}

/** attribute[code]=value, or attribute[code][]=a&attribute[code][]=b for a list (joined). */
function attribute(form: Form, key: string): string | undefined {
  const one = form[`attribute[${key}]`];
  const many = form[`attribute[${key}][]`];
  const values = [one, many].flat().filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return values.length
    ? values
        .map((v) => v.trim())
        .join(', ')
        .slice(0, 1000)
    : undefined;
}

function linkOf(given: string | undefined): string | null {
  if (!given) return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw invalid('media_url', 'must be an http or https address', 'media_url_invalid');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || given.length > 2000 || url.username)
    throw invalid('media_url', 'must be an http or https address', 'media_url_invalid');
  return url.href;
}

/** The first line of the description, cut at a word near 100 characters. */
function subjectOf(description: string): string {
  const line = description.split('\n')[0]?.trim() ?? '';
  if (line.length <= 100) return line;
  const cut = line.slice(0, 100);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
