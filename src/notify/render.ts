// Turns claimed outbox rows into messages: who they go to (the citizen's number, or whoever holds the
// position now), on which channel, in which words. One query for a whole batch.
import type { Kysely } from 'kysely';
import type { DB, I18nText } from '../db/schema.ts';
import type { ChannelKind, RenderedMessage } from './adapter.ts';
import { type TemplateOverride, templateFor } from './template-store.ts';
import { catalogueTemplate, fill, formatWhen, statusText } from './templates.ts';

export interface RenderSettings {
  /** Region for the locale dates are written in (`hi` + `IN` = hi-IN). */
  region: string;
  /** Officers are written to in this language (they have no language of their own on record). */
  officerLanguage: string;
  /** The channels with an adapter: a position's notice goes by the first its holder can be reached on. */
  available: ChannelKind[];
}

export type Rendered =
  | { kind: 'message'; channel: ChannelKind; message: RenderedMessage }
  | { kind: 'undeliverable'; reason: string };

export interface ClaimedRow {
  id: number;
  attempts: number;
  channel: string;
  template: string;
  language: string;
  params: Record<string, unknown>;
}

/** The code of a sign-in message. One function, so the sealed code (src/access/otp-sealing.ts) is one line. */
export function otpCodeOf(params: Record<string, unknown>): string {
  return String(params.code ?? '');
}

export async function renderBatch(
  db: Kysely<DB>,
  rows: ClaimedRow[],
  settings: RenderSettings,
): Promise<Map<number, Rendered>> {
  const out = new Map<number, Rendered>();
  if (rows.length === 0) return out;
  const [facts, zone] = await Promise.all([
    db
      .selectFrom('notifications as n')
      .leftJoin('citizens as c', 'c.id', 'n.citizen_id')
      .leftJoin('grievances as g', 'g.id', 'n.grievance_id')
      .leftJoin('departments as d', 'd.id', 'g.department_id')
      // The office named in a message: the position written to, else the grievance's current one.
      .leftJoin('positions as p', (j) =>
        j.on((eb) => eb('p.id', '=', eb.fn.coalesce('n.position_id', 'g.position_id'))),
      )
      .leftJoin('position_holders as h', (j) =>
        j.onRef('h.position_id', '=', 'n.position_id').on('h.ended_at', 'is', null),
      )
      .leftJoin('officers as o', 'o.id', 'h.officer_id')
      .select([
        'n.id',
        'n.recipient_kind as recipientKind',
        'c.phone as citizenPhone',
        'c.language as citizenLanguage',
        'g.reference',
        'g.status',
        'g.due_at as dueAt',
        'd.name as department',
        'p.title as office',
        'o.phone as officerPhone',
        'o.email as officerEmail',
        'o.active as officerActive',
      ])
      .where(
        'n.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute(),
    db
      .selectFrom('calendars')
      .select('time_zone')
      .where('is_default', '=', true)
      .executeTakeFirst()
      .then((c) => c?.time_zone ?? 'Asia/Kolkata'),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const overrides = await templateFor(
    db,
    rows.map((r) => r.template),
  );

  for (const row of rows) {
    const f = byId.get(row.id);
    if (!f) continue;
    const toCitizen = f.recipientKind === 'citizen';
    const language = toCitizen ? row.language || f.citizenLanguage || 'en' : settings.officerLanguage;
    let channel: ChannelKind;
    let to: string | null;
    if (toCitizen) {
      channel = row.channel as ChannelKind;
      // A channel that knows the address itself (an email reply to a sender) names it in the params.
      to = typeof row.params.to === 'string' ? row.params.to : channel === 'email' ? null : f.citizenPhone;
    } else {
      // Officers: SMS to the holder's phone where SMS is configured, else email; decided now, because
      // the holder may have changed since the row was written.
      const pick = pickOfficerChannel(row.channel, f, settings.available);
      if (!pick) {
        out.set(row.id, {
          kind: 'undeliverable',
          reason:
            f.officerPhone || f.officerEmail
              ? 'no configured channel reaches the officer'
              : 'nobody holds the position',
        });
        continue;
      }
      channel = pick.channel;
      to = pick.to;
    }
    if (!to) {
      out.set(row.id, { kind: 'undeliverable', reason: `the recipient has no ${channel} address` });
      continue;
    }
    const vars: Record<string, unknown> = {
      ...row.params,
      reference: row.params.reference ?? f.reference ?? '',
      department: nameIn(f.department, language),
      office: nameIn(f.office, language),
      due: f.dueAt ? formatWhen(f.dueAt, language, settings.region, zone) : '',
      status: f.status ? statusText(f.status, language) : '',
    };
    if (row.template === 'otp') vars.code = otpCodeOf(row.params);
    const override = overrides.get(`${row.template}:${channel}:${language}`);
    const words = override?.body
      ? { text: override.body, subject: override.subject }
      : catalogueTemplate(row.template, channel, language);
    if (!words) {
      out.set(row.id, { kind: 'undeliverable', reason: `no template for ${row.template}` });
      continue;
    }
    out.set(row.id, {
      kind: 'message',
      channel,
      message: {
        notificationId: row.id,
        to,
        language,
        text: fill(words.text, vars),
        ...(channel === 'email' && words.subject ? { subject: fill(words.subject, vars) } : {}),
        ...(channel === 'sms' ? dltOf(override) : {}),
      },
    });
  }
  return out;
}

function dltOf(override: TemplateOverride | undefined): Pick<RenderedMessage, 'template'> {
  if (!override?.dltTemplateId) return {};
  return {
    template: {
      id: override.dltTemplateId,
      ...(override.dltEntityId ? { entityId: override.dltEntityId } : {}),
      ...(override.sender ? { sender: override.sender } : {}),
    },
  };
}

function pickOfficerChannel(
  requested: string,
  f: { officerPhone: string | null; officerEmail: string | null; officerActive: boolean | null },
  available: ChannelKind[],
): { channel: ChannelKind; to: string } | null {
  if (f.officerActive === false) return null;
  const options: { channel: ChannelKind; to: string | null }[] = [
    { channel: 'sms', to: f.officerPhone },
    { channel: 'email', to: f.officerEmail },
    { channel: 'whatsapp', to: f.officerPhone },
  ];
  const wanted = requested === 'default' ? options : options.filter((o) => o.channel === requested);
  const found = wanted.find((o) => o.to && available.includes(o.channel));
  return found ? { channel: found.channel, to: found.to as string } : null;
}

function nameIn(name: I18nText | null, language: string): string {
  if (!name) return '';
  return name[language] ?? name.en ?? Object.values(name)[0] ?? '';
}
