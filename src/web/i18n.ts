// Every string on screen comes from the catalogues in locales/<language>/<area>.json: one file per area
// of the app (common, citizen, staff, admin...), merged into one set of keys per language. A new area
// adds its file in each language and is picked up here. The same files will feed the server's SMS,
// WhatsApp and IVR templates, so a citizen reads the same words on every channel.
//
// Only the reader's language is downloaded (a phone on a slow line would otherwise fetch three sets of
// catalogues to read one): each language is its own small file (locales/<language>.ts), fetched before
// the first render, and another is fetched when the reader switches to it. Every language has every key
// (locales.test.ts), so nothing falls back to a language that is not there.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
  { code: 'sw', label: 'Kiswahili' },
] as const;
type Language = (typeof LANGUAGES)[number]['code'];

const CATALOGUES: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./locales/en.ts'),
  hi: () => import('./locales/hi.ts'),
  sw: () => import('./locales/sw.ts'),
};
const isLanguage = (code: string | null | undefined): code is Language =>
  LANGUAGES.some((l) => l.code === code);

/** Fetches a language's catalogues once and adds them to i18next. */
async function load(language: Language) {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const { default: keys } = await CATALOGUES[language]();
  i18next.addResourceBundle(language, 'translation', keys, true, true);
}

/**
 * Makes a language's catalogues available without switching to it (a slip printed in the citizen's
 * language on an agent's English screen); false for a language we do not have.
 */
export async function loadLanguage(code: string): Promise<boolean> {
  if (!isLanguage(code)) return false;
  await load(code);
  return true;
}

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('language');
const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
const initial: Language = [saved, browser].find(isLanguage) ?? 'en';

/** Ready when the reader's language is: render after this. */
export const ready: Promise<unknown> = i18next
  .use(initReactI18next)
  .init({
    resources: {},
    lng: initial,
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes
  })
  .then(() => load(initial))
  .then(() => i18next.changeLanguage(initial));

// Switching fetches the new language first, so the page changes in one step, never to raw keys.
const change = i18next.changeLanguage.bind(i18next);
i18next.changeLanguage = (async (language?: string, callback?: Parameters<typeof change>[1]) => {
  if (isLanguage(language)) await load(language);
  return change(language, callback);
}) as typeof i18next.changeLanguage;

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('language', lng);
});
document.documentElement.lang = initial;

export default i18next;
