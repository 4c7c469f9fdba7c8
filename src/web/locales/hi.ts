// Every catalogue of this language merged into one set of keys: one small file the browser fetches only
// when this is the reader's language (i18n.ts).
const files = import.meta.glob<Record<string, unknown>>('./hi/*.json', { eager: true, import: 'default' });
export default Object.assign({}, ...Object.values(files)) as Record<string, unknown>;
