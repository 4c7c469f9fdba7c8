// Every string on screen comes from the catalogues in locales/<language>/<area>.json: one file per area
// of the app (common, citizen, staff, admin...), merged into one set of keys per language. A new area
// adds its file in each language and is picked up here. The same files will feed the server's SMS,
// WhatsApp and IVR templates, so a citizen reads the same words on every channel.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
  { code: 'sw', label: 'Kiswahili' },
] as const;

type Catalogue = Record<string, unknown>;
const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });
const resources: Record<string, { translation: Catalogue }> = {};
for (const [file, keys] of Object.entries(files)) {
  const language = file.split('/')[2] as string;
  resources[language] ??= { translation: {} };
  Object.assign(resources[language].translation, keys);
}

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('language');
const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
const initial = [saved, browser].find((l) => LANGUAGES.some((x) => x.code === l)) ?? 'en';

// Resources are bundled, so initialisation completes synchronously.
void i18next.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
});

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('language', lng);
});
document.documentElement.lang = initial;

export default i18next;
