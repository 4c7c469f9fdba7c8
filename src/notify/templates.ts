// Message templates: one text per (event, channel, language). The words come from the catalogues the
// web app reads (src/web/locales/<language>/messages.json), so a citizen reads the same words on the
// portal, by SMS, WhatsApp and email; an admin may override any of them (message_templates, edited in
// the admin area), and SMS templates carry India's DLT registration with them.
//
// A catalogue entry has a `text` for every channel and a `subject` for email; a channel-specific key
// (`sms`, `whatsapp`, `email`) wins over `text` where the words must differ.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill } from './fill.ts';
import type { TemplateName } from './outbox.ts';

export { fill };

export const LANGUAGES = ['en', 'hi', 'sw'] as const;
export const CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export type TemplateChannel = (typeof CHANNELS)[number];

export const EVENTS: TemplateName[] = [
  'grievance_registered',
  'grievance_assigned',
  'grievance_transferred_in',
  'info_requested',
  'grievance_resolved',
  'grievance_rejected',
  'grievance_reopened',
  'grievance_escalated',
  'sla_reminder',
  'sla_overdue',
  'grievance_closed',
  'otp',
  'email_code',
];

/** The variables each template may use, for the admin's editor and for checking an override. */
export const VARIABLES = [
  'reference',
  'department',
  'office',
  'due',
  'status',
  'question',
  'actionTaken',
  'reason',
  'code',
  'minutes',
  'report',
  'period',
  'summary',
  'link',
  /** A scheduled report's email: the file is attached (or too large, with its size), and its link. */
  'attachment',
  /** Email: the resolution's two feedback links (satisfied / not satisfied), or nothing without PUBLIC_URL. */
  'feedbackLinks',
] as const;

interface CatalogueEntry {
  text: string;
  subject?: string;
  sms?: string;
  whatsapp?: string;
  email?: string;
}
interface Catalogue {
  templates: Record<string, CatalogueEntry>;
  replies: Record<string, string>;
  statuses: Record<string, string>;
}

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/locales');
const catalogues = new Map<string, Catalogue>();

export function catalogue(language: string): Catalogue {
  const lang = (LANGUAGES as readonly string[]).includes(language) ? language : 'en';
  let found = catalogues.get(lang);
  if (!found) {
    const file = path.join(LOCALES, lang, 'messages.json');
    found = (JSON.parse(readFileSync(file, 'utf8')) as { messages: Catalogue }).messages;
    catalogues.set(lang, found);
  }
  return found;
}

export interface TemplateText {
  text: string;
  subject: string | null;
}

/** The catalogue's words for an event on a channel in a language (English where a language lacks it). */
export function catalogueTemplate(event: string, channel: string, language: string): TemplateText | null {
  const entry = catalogue(language).templates[event] ?? catalogue('en').templates[event];
  if (!entry) return null;
  const own = entry[channel as TemplateChannel];
  return { text: own ?? entry.text, subject: entry.subject ?? null };
}

/** A reply's words (SMS keywords: STATUS, STOP, feedback), filled with `vars`. */
export function replyText(key: string, language: string, vars: Record<string, unknown> = {}): string {
  const text = catalogue(language).replies[key] ?? catalogue('en').replies[key] ?? key;
  return fill(text, vars);
}

export function statusText(status: string, language: string): string {
  return catalogue(language).statuses[status] ?? catalogue('en').statuses[status] ?? status;
}

/** Names used in `{{...}}` that are not template variables: an admin's typo shows before it is saved. */
export function unknownVariables(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)].map((m) => m[1] as string);
  return [...new Set(names.filter((n) => !(VARIABLES as readonly string[]).includes(n)))];
}

/** The locale dates are written in for a language: the language with the deployment's region. */
export function localeOf(language: string, region: string): string {
  return `${language}-${region}`;
}

/** A due time as the citizen reads it: their language, the deployment's time zone. */
export function formatWhen(at: Date, language: string, region: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(localeOf(language, region), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
      at,
    );
  }
}
