// Every string on screen comes from these catalogues. The same files will feed the server's SMS,
// WhatsApp and IVR templates, so a citizen reads the same words on every channel.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json' with { type: 'json' };
import hi from './locales/hi.json' with { type: 'json' };
import sw from './locales/sw.json' with { type: 'json' };

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'hi', label: 'हिन्दी' },
  { code: 'sw', label: 'Kiswahili' },
] as const;

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('language');
const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
const initial = [saved, browser].find((l) => LANGUAGES.some((x) => x.code === l)) ?? 'en';

// Resources are bundled, so initialisation completes synchronously.
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi }, sw: { translation: sw } },
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
