// Turns claimed outbox rows into messages: who they go to (the citizen's number, or whoever holds the
// position now), on which channel, in which words. One query for a whole batch.
import type { Kysely } from 'kysely';
import { openOtpCode } from '../access/otp-sealing.ts';
import { feedbackActions, isLang } from '../channels/whatsapp/messages.ts';
import type { DB, I18nText } from '../db/schema.ts';
import { feedbackUrls, signFeedbackLink } from '../feedback/link.ts';
import { replyTag } from '../feedback/reply-tag.ts';
import { deploymentZone } from '../sla/calendars.ts';
import type { ChannelKind, RenderedMessage } from './adapter.ts';
import { DEFAULT_ATTACHMENT_MAX_BYTES, reportAttachment, reportFiles } from './report-attachment.ts';
import { type TemplateOverride, templateFor } from './template-store.ts';
import { catalogueTemplate, fill, formatWhen, replyText, statusText } from './templates.ts';

export interface RenderSettings {
  /** Region for the locale dates are written in (`hi` + `IN` = hi-IN). */
  region: string;
  /** Officers are written to in this language (they have no language of their own on record). */
  officerLanguage: string;
  /** The channels with an adapter: a position's notice goes by the first its holder can be reached on. */
  available: ChannelKind[];
  /** The portal's address (PUBLIC_URL): a resolution email links to its feedback page; none: no links. */
  publicUrl?: string | null;
  /** How long a resolution email's feedback link works (default 14 days). */
  feedbackLinkDays?: number;
  /** The largest report file attached to an email (default DEFAULT_ATTACHMENT_MAX_BYTES). */
  attachmentMaxBytes?: number;
}

export type Rendered =
  | {
      kind: 'message';
      channel: ChannelKind;
      message: RenderedMessage;
      /** Where to send it if the first channel refuses it for good (WhatsApp, then SMS). */
      fallback?: { channel: ChannelKind; message: RenderedMessage };
    }
  | { kind: 'undeliverable'; reason: string }
  /** No configured channel reaches the recipient yet: the row waits, without counting an attempt. */
  | { kind: 'wait'; reason: string };

/** Messages a citizen asked for at that moment on SMS: they go back by SMS whatever the preference. */
const SMS_ONLY = new Set(['otp', 'reply']);
/** Messages whose params carry a sealed code, opened only here (src/access/otp-sealing.ts). */
const SEALED_CODE = new Set(['otp', 'email_code']);

/**
 * The channels to try for a citizen's message about a grievance, best first: the one they chose in the
 * portal, else the one they used (WhatsApp or email for a grievance raised there), with SMS as the
 * fallback. (The WhatsApp adapter itself sends free text inside the 24-hour window and the approved
 * template outside it.) Email is tried only for a citizen with a verified address (renderBatch).
 */
export function citizenChannels(preferred: string | null, grievanceChannel: string | null): ChannelKind[] {
  const first =
    preferred ?? (grievanceChannel === 'whatsapp' || grievanceChannel === 'email' ? grievanceChannel : 'sms');
  if (first === 'whatsapp') return ['whatsapp', 'sms'];
  if (first === 'email') return ['email', 'sms'];
  return ['sms', 'whatsapp'];
}

export interface ClaimedRow {
  id: number;
  createdAt: Date;
  attempts: number;
  channel: string;
  template: string;
  language: string;
  params: Record<string, unknown>;
}

/**
 * The code of a sign-in message, opened from its sealed form at render time (src/access/otp-sealing.ts).
 * A row written before codes were sealed (params.code) is still delivered during an upgrade.
 */
export function otpCodeOf(params: Record<string, unknown>): string {
  return openOtpCode(params) ?? String(params.code ?? '');
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
        'n.citizen_id as citizenId',
        'n.grievance_id as grievanceId',
        'c.phone as citizenPhone',
        'c.email as citizenEmail',
        'c.language as citizenLanguage',
        'c.sms_opted_out_at as optedOut',
        'c.preferred_channel as preferredChannel',
        'g.channel as grievanceChannel',
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
    deploymentZone(db),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const [overrides, files] = await Promise.all([
    templateFor(
      db,
      rows.map((r) => r.template),
    ),
    reportFiles(db, rows, settings.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES),
  ]);

  for (const row of rows) {
    const f = byId.get(row.id);
    if (!f) continue;
    const toCitizen = f.recipientKind === 'citizen';
    // A scheduled report is written in the language its schedule chose (its summary already is).
    const language = toCitizen
      ? row.language || f.citizenLanguage || 'en'
      : row.template === 'insight_report' && row.language
        ? row.language
        : settings.officerLanguage;
    let channel: ChannelKind;
    let to: string | null;
    let fallback: ChannelKind | null = null;
    if (toCitizen) {
      // A channel that knows the address itself (an email reply to a sender) names it in the params.
      const named = typeof row.params.to === 'string' ? row.params.to : null;
      if (row.channel === 'sms' && !named && !SMS_ONLY.has(row.template)) {
        // A message about a grievance follows the citizen (citizenChannels); SMS ones to a citizen who
        // sent STOP may still go by WhatsApp if they use it.
        const wanted = citizenChannels(f.preferredChannel, f.grievanceChannel);
        const usable = wanted.filter(
          (c, i) =>
            settings.available.includes(c) &&
            // Only a verified address gets anything but its confirmation code.
            (c !== 'email' || Boolean(f.citizenEmail)) &&
            // STOP ends SMS; it does not move a citizen who never chose WhatsApp onto it.
            !(f.optedOut && (c === 'sms' || i > 0)),
        );
        const [first, second] = usable;
        if (!first) {
          if (f.optedOut && settings.available.includes('sms')) {
            out.set(row.id, { kind: 'undeliverable', reason: 'the citizen asked for no more SMS (STOP)' });
          } else out.set(row.id, { kind: 'wait', reason: 'no configured channel reaches the citizen yet' });
          continue;
        }
        channel = first;
        // WhatsApp and email fall back (to SMS); a number SMS refuses for good would not fare better
        // on WhatsApp.
        fallback = first === 'whatsapp' || first === 'email' ? (second ?? null) : null;
      } else {
        channel = row.channel as ChannelKind;
        if (!settings.available.includes(channel)) {
          out.set(row.id, { kind: 'wait', reason: `no ${channel} channel is configured yet` });
          continue;
        }
      }
      to = named ?? (channel === 'email' ? f.citizenEmail : f.citizenPhone);
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
    // STOP is honoured for everything but what the citizen asks for at that moment: a sign-in code, and
    // the answer to their own message (the confirmation of STOP itself).
    if (toCitizen && channel === 'sms' && f.optedOut && row.template !== 'otp' && row.template !== 'reply') {
      out.set(row.id, { kind: 'undeliverable', reason: 'the citizen asked for no more SMS (STOP)' });
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
    if (SEALED_CODE.has(row.template)) vars.code = otpCodeOf(row.params);
    vars.feedbackLinks = feedbackLinksFor(row, f, language, settings);
    const report = row.template === 'insight_report' ? reportAttachment(row, files, language) : null;
    if (report) vars.attachment = report.words;
    const build = (kind: ChannelKind): RenderedMessage | null => {
      const override = overrides.get(`${row.template}:${kind}:${language}`);
      const words = override?.body
        ? { text: override.body, subject: override.subject }
        : catalogueTemplate(row.template, kind, language);
      if (!words) return null;
      return {
        notificationId: row.id,
        to: to as string,
        language,
        text: fill(words.text, vars),
        ...(kind === 'email' && words.subject ? { subject: fill(words.subject, vars) } : {}),
        ...(kind === 'sms' ? dltOf(override) : {}),
        ...whatsappParts(kind, row.template, vars, language),
        ...(kind === 'email' ? replyTagFor(row, f) : {}),
        ...(kind === 'email' && report?.attachments ? { attachments: report.attachments } : {}),
      };
    };
    const message = build(channel);
    if (!message) {
      out.set(row.id, { kind: 'undeliverable', reason: `no template for ${row.template}` });
      continue;
    }
    const second = fallback ? build(fallback) : null;
    out.set(row.id, {
      kind: 'message',
      channel,
      message,
      ...(fallback && second ? { fallback: { channel: fallback, message: second } } : {}),
    });
  }
  return out;
}

/**
 * The resolution email's two links to the feedback page, signed for this grievance, citizen and
 * resolution (src/feedback/link.ts), in the catalogue's words; empty where there is no portal address
 * or nothing to answer (the words of the email then ask for a reply of 1 or 2 alone).
 */
function feedbackLinksFor(
  row: ClaimedRow,
  f: { citizenId: number | null; grievanceId: number | null },
  language: string,
  settings: RenderSettings,
): string {
  const resolution = Number(row.params.resolution);
  if (row.template !== 'grievance_resolved' || !settings.publicUrl) return '';
  if (!f.citizenId || !f.grievanceId || !Number.isInteger(resolution) || resolution <= 0) return '';
  const days = settings.feedbackLinkDays ?? 14;
  const token = signFeedbackLink({
    grievanceId: Number(f.grievanceId),
    citizenId: Number(f.citizenId),
    resolutionId: resolution,
    expiresAt: new Date(row.createdAt.getTime() + days * 86_400_000),
  });
  return replyText('feedbackLinks', language, feedbackUrls(settings.publicUrl, token, language));
}

/** A resolution email's reply address carries the signed tag that lets a reply of 1 or 2 answer it. */
function replyTagFor(
  row: ClaimedRow,
  f: { citizenId: number | null; grievanceId: number | null },
): Pick<RenderedMessage, 'replyTag'> {
  const resolution = Number(row.params.resolution);
  if (row.template !== 'grievance_resolved' || !f.citizenId || !f.grievanceId) return {};
  if (!Number.isInteger(resolution) || resolution <= 0) return {};
  return {
    replyTag: replyTag({
      grievanceId: Number(f.grievanceId),
      citizenId: Number(f.citizenId),
      resolutionId: resolution,
    }),
  };
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

/**
 * What the WhatsApp and email adapters add: the reference (email's reply address), the approved
 * template named like ours with the reference as its one parameter (for outside the 24-hour window),
 * and on a resolution the two feedback buttons.
 */
function whatsappParts(
  channel: ChannelKind,
  template: string,
  vars: Record<string, unknown>,
  language: string,
): Partial<RenderedMessage> {
  const reference = typeof vars.reference === 'string' && vars.reference ? vars.reference : null;
  const withReference = reference ? { reference } : {};
  if (channel !== 'whatsapp') return withReference;
  return {
    ...withReference,
    template: { id: template, name: template, params: reference ? [reference] : [] },
    ...(template === 'grievance_resolved' && reference
      ? { actions: feedbackActions(reference, isLang(language) ? language : 'en') }
      : {}),
  };
}
