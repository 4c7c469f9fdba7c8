// The webhook's JSON, read after its signature has been checked. The schema holds only what we use and
// lets everything else through (Meta adds fields without notice); what we use is checked, and a
// payload that does not have it is refused as a whole rather than half-processed. Text a citizen typed
// goes through cleanText here, once: this body bypasses the API's text check (it is read raw, for the
// signature) and a NUL or broken surrogate in a message must not make its storage fail.
import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { cleanText } from '../../http/text.ts';

const Str = Type.String({ maxLength: 10_000 });
const Media = Type.Object({
  id: Str,
  mime_type: Type.Optional(Str),
  sha256: Type.Optional(Str),
  caption: Type.Optional(Str),
  /** Audio: true for a voice note recorded in the app, false for a forwarded audio file. */
  voice: Type.Optional(Type.Boolean()),
});
const Message = Type.Object({
  from: Type.String({ pattern: '^[1-9][0-9]{6,14}$' }),
  id: Type.String({ minLength: 1, maxLength: 200 }),
  timestamp: Type.String({ pattern: '^[0-9]{1,12}$' }),
  type: Str,
  text: Type.Optional(Type.Object({ body: Str })),
  image: Type.Optional(Media),
  audio: Type.Optional(Media),
  location: Type.Optional(
    Type.Object({
      latitude: Type.Number({ minimum: -90, maximum: 90 }),
      longitude: Type.Number({ minimum: -180, maximum: 180 }),
      name: Type.Optional(Str),
      address: Type.Optional(Str),
    }),
  ),
  interactive: Type.Optional(
    Type.Object({
      type: Str,
      button_reply: Type.Optional(Type.Object({ id: Str, title: Str })),
      list_reply: Type.Optional(Type.Object({ id: Str, title: Str })),
    }),
  ),
  button: Type.Optional(Type.Object({ payload: Type.Optional(Str), text: Str })),
});
const Status = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  status: Str,
  timestamp: Type.String({ pattern: '^[0-9]{1,12}$' }),
  recipient_id: Type.Optional(Str),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.Optional(Type.Number()),
        title: Type.Optional(Str),
        message: Type.Optional(Str),
        error_data: Type.Optional(Type.Object({ details: Type.Optional(Str) })),
      }),
    ),
  ),
});
export const WebhookPayload = Type.Object({
  object: Str,
  entry: Type.Array(
    Type.Object({
      id: Type.Optional(Str),
      changes: Type.Array(
        Type.Object({
          field: Str,
          value: Type.Object({
            metadata: Type.Optional(Type.Object({ phone_number_id: Str })),
            contacts: Type.Optional(
              Type.Array(Type.Object({ wa_id: Str, profile: Type.Optional(Type.Object({ name: Str })) })),
            ),
            messages: Type.Optional(Type.Array(Message)),
            statuses: Type.Optional(Type.Array(Status)),
          }),
        }),
      ),
    }),
    { maxItems: 1000 },
  ),
});
export type WebhookPayload = Static<typeof WebhookPayload>;
const check = TypeCompiler.Compile(WebhookPayload);

export type InboundContent =
  | { kind: 'text'; text: string }
  /** A tap on a reply button or a list row we sent (or a template's quick-reply button). */
  | { kind: 'choice'; id: string; title: string }
  | { kind: 'location'; latitude: number; longitude: number; name: string | null }
  | { kind: 'image'; mediaId: string; mimeType: string | null; sha256: string | null; caption: string | null }
  /** A voice note (or audio file): kept as a recording on a draft for an agent to listen to. */
  | { kind: 'audio'; mediaId: string; mimeType: string | null; sha256: string | null }
  /** Everything we do not handle (video, stickers, documents, reactions...): a polite reply. */
  | { kind: 'other'; type: string };

export interface InboundMessage {
  id: string;
  /** E.164. */
  from: string;
  at: Date;
  content: InboundContent;
}

export interface StatusUpdate {
  providerId: string;
  status: string;
  at: Date;
  reason: string | null;
}

export interface ReadPayload {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** phone_number_ids that are not ours: logged and ignored. */
  foreign: string[];
}

/** Parses a verified body; returns null when it is not a WhatsApp webhook we can read. */
export function readPayload(body: unknown, phoneNumberId: string): ReadPayload | null {
  if (!check.Check(body)) return null;
  if (body.object !== 'whatsapp_business_account') return null;
  const out: ReadPayload = { messages: [], statuses: [], foreign: [] };
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = change.value;
      const ours = value.metadata?.phone_number_id;
      if (ours !== phoneNumberId) {
        out.foreign.push(ours ?? '(none)');
        continue;
      }
      for (const m of value.messages ?? []) {
        out.messages.push({ id: m.id, from: `+${m.from}`, at: seconds(m.timestamp), content: content(m) });
      }
      for (const s of value.statuses ?? []) {
        const error = s.errors?.[0];
        const reason = error
          ? cleanText(
              [error.code, error.title, error.message, error.error_data?.details]
                .filter((x) => x !== undefined && x !== '')
                .join(': '),
            )
          : null;
        out.statuses.push({ providerId: s.id, status: s.status, at: seconds(s.timestamp), reason });
      }
    }
  }
  return out;
}

const seconds = (timestamp: string) => new Date(Number(timestamp) * 1000);
const optional = (text: string | undefined) => (text ? cleanText(text) : null);

function content(m: Static<typeof Message>): InboundContent {
  if (m.type === 'text' && m.text) return { kind: 'text', text: cleanText(m.text.body) };
  if (m.type === 'interactive' && m.interactive) {
    const reply = m.interactive.button_reply ?? m.interactive.list_reply;
    if (reply) return { kind: 'choice', id: reply.id, title: cleanText(reply.title) };
  }
  if (m.type === 'button' && m.button) {
    return { kind: 'choice', id: m.button.payload ?? m.button.text, title: cleanText(m.button.text) };
  }
  if (m.type === 'location' && m.location) {
    return {
      kind: 'location',
      latitude: m.location.latitude,
      longitude: m.location.longitude,
      name: optional(m.location.name),
    };
  }
  if (m.type === 'image' && m.image) {
    return {
      kind: 'image',
      mediaId: m.image.id,
      mimeType: m.image.mime_type ?? null,
      sha256: m.image.sha256 ?? null,
      caption: optional(m.image.caption),
    };
  }
  if (m.type === 'audio' && m.audio) {
    return {
      kind: 'audio',
      mediaId: m.audio.id,
      mimeType: m.audio.mime_type ?? null,
      sha256: m.audio.sha256 ?? null,
    };
  }
  return { kind: 'other', type: m.type.slice(0, 40) };
}
