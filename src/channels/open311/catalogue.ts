// What the endpoint says in words (status notes, the notice on a new request), from the web app's
// catalogues (src/web/locales/<language>/open311.json), so every language says the same things.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Status } from '../../db/schema.ts';
import { OPEN311_LANGUAGES, type Open311Language } from './config.ts';

interface Catalogue {
  statusNote: Record<Status, string>;
  notice: { routed: string; unrouted: string };
  discovery: { contact: string; keyService: string };
}

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/locales');
const catalogues = Object.fromEntries(
  OPEN311_LANGUAGES.map((language) => [
    language,
    (
      JSON.parse(readFileSync(path.join(localesDir, language, 'open311.json'), 'utf8')) as {
        open311: Catalogue;
      }
    ).open311,
  ]),
) as Record<Open311Language, Catalogue>;

export const statusNote = (language: Open311Language, status: Status) =>
  catalogues[language].statusNote[status] ?? '';

export const notice = (language: Open311Language, routed: boolean, reference: string) =>
  catalogues[language].notice[routed ? 'routed' : 'unrouted'].replace('{reference}', reference);

export const discoveryWords = (language: Open311Language) => catalogues[language].discovery;
