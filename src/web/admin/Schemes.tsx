// The knowledge base: schemes, services and frequent questions in every language the portal speaks,
// written here and read by agents, the IVR and citizens. Drafts stay with staff until published;
// unpublishing withdraws an article without losing it. The server's validation messages are shown
// as they are.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { type Article, type ArticleKind, type ArticleList, Localized } from '../citizen/articles.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { LANGUAGES } from '../i18n.ts';
import { DepartmentOptions, SelectField, TextField } from './fields.tsx';
import { cleanNames } from './NameFields.tsx';
import type { Department } from './types.ts';

const KINDS: ArticleKind[] = ['scheme', 'service', 'faq'];
/** The texts written per language, in the order a reader meets them; long ones get a text area. */
const TEXTS = [
  { key: 'title', long: false },
  { key: 'summary', long: true },
  { key: 'shortAnswer', long: true },
  { key: 'eligibility', long: true },
  { key: 'benefits', long: true },
  { key: 'howToApply', long: true },
] as const;
type TextKey = (typeof TEXTS)[number]['key'];

interface Form {
  departmentId: string;
  code: string;
  kind: ArticleKind;
  texts: Record<TextKey, Record<string, string>>;
  /** One document per line, per language. */
  documents: Record<string, string>;
  tags: string;
  officialLink: string;
  published: boolean;
}

const empty = (): Form => ({
  departmentId: '',
  code: '',
  kind: 'scheme',
  texts: { title: {}, summary: {}, shortAnswer: {}, eligibility: {}, benefits: {}, howToApply: {} },
  documents: {},
  tags: '',
  officialLink: '',
  published: false,
});

const fromArticle = (a: Article): Form => ({
  departmentId: a.department ? String(a.department.id) : '',
  code: a.code,
  kind: a.kind,
  texts: {
    title: a.title,
    summary: a.summary,
    shortAnswer: a.shortAnswer,
    eligibility: a.eligibility,
    benefits: a.benefits,
    howToApply: a.howToApply,
  },
  documents: Object.fromEntries(Object.entries(a.documents).map(([l, list]) => [l, list.join('\n')])),
  tags: a.tags.join(', '),
  officialLink: a.officialLink ?? '',
  published: a.published,
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The request body: empty languages left out, documents one per line, tags split on commas. */
function toBody(form: Form) {
  return {
    departmentId: form.departmentId ? Number(form.departmentId) : null,
    kind: form.kind,
    ...Object.fromEntries(TEXTS.map(({ key }) => [key, cleanNames(form.texts[key])])),
    documents: Object.fromEntries(
      Object.entries(form.documents)
        .map(([l, v]): [string, string[]] => [l, lines(v)])
        .filter(([, list]) => list.length > 0),
    ),
    tags: form.tags
      .split(/[,،]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    officialLink: form.officialLink.trim() || null,
    published: form.published,
  };
}

export function Schemes() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [editing, setEditing] = useState<number | null>(null);
  const [form, setForm] = useState<Form>(empty);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const departments = useFetched<Department[]>('/api/departments', setError).data ?? [];
  const articles = useFetched<ArticleList>(`/api/knowledge?status=all&limit=200&language=${lang}`, setError);
  const list = articles.data;

  async function edit(articleId: number) {
    setError(null);
    setSaved(null);
    try {
      setForm(fromArticle(await api<Article>('GET', `/api/knowledge/${articleId}`)));
      setEditing(articleId);
      document.getElementById(`${id}-form-title`)?.focus();
    } catch (err) {
      setError(err);
    }
  }

  function reset() {
    setEditing(null);
    setForm(empty());
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const body = toBody(form);
      const article = editing
        ? await api<Article>('PATCH', `/api/knowledge/${editing}`, body)
        : await api<Article>('POST', '/api/knowledge', { ...body, code: form.code.trim() });
      setSaved(article.code);
      reset();
      articles.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function setPublished(a: { id: number; code: string }, published: boolean) {
    setError(null);
    setSaved(null);
    try {
      await api('PATCH', `/api/knowledge/${a.id}`, { published });
      setSaved(a.code);
      articles.reload();
    } catch (err) {
      setError(err);
    }
  }

  const setText = (key: TextKey, language: string, value: string) =>
    setForm((f) => ({ ...f, texts: { ...f.texts, [key]: { ...f.texts[key], [language]: value } } }));

  return (
    <>
      <h2 id={`${id}-form-title`} tabIndex={-1}>
        {editing ? t('kb.editing', { code: form.code }) : t('kb.add')}
      </h2>
      <form onSubmit={submit}>
        <SelectField
          label={t('kb.department')}
          value={form.departmentId}
          onChange={(departmentId) => setForm({ ...form, departmentId })}
        >
          <option value="">{t('kb.noDepartment')}</option>
          <DepartmentOptions departments={departments} />
        </SelectField>
        <TextField
          label={t('kb.code')}
          hint={t('kb.codeHint')}
          required
          disabled={editing !== null}
          value={form.code}
          onChange={(code) => setForm({ ...form, code })}
        />
        <SelectField
          label={t('kb.kind')}
          value={form.kind}
          onChange={(kind) => setForm({ ...form, kind: kind as ArticleKind })}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`schemes.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        {LANGUAGES.map((l) => (
          <fieldset key={l.code} lang={l.code}>
            <legend>{l.label}</legend>
            {TEXTS.map(({ key, long }) => {
              const fieldId = `${id}-${key}-${l.code}`;
              const props = {
                id: fieldId,
                value: form.texts[key][l.code] ?? '',
                required: l.code === 'en' && (key === 'title' || key === 'summary'),
                onChange: (e: { target: { value: string } }) => setText(key, l.code, e.target.value),
              };
              return (
                <div key={key}>
                  <label htmlFor={fieldId} lang={lang}>
                    {t(`kb.fields.${key}`)}
                  </label>
                  {long ? (
                    <textarea rows={3} maxLength={5000} {...props} />
                  ) : (
                    <input maxLength={300} {...props} />
                  )}
                </div>
              );
            })}
            <label htmlFor={`${id}-documents-${l.code}`} lang={lang}>
              {t('kb.fields.documents')}
            </label>
            <textarea
              id={`${id}-documents-${l.code}`}
              rows={4}
              value={form.documents[l.code] ?? ''}
              onChange={(e) =>
                setForm({ ...form, documents: { ...form.documents, [l.code]: e.target.value } })
              }
              aria-describedby={`${id}-documents-hint`}
            />
          </fieldset>
        ))}
        <p id={`${id}-documents-hint`} className="hint">
          {t('kb.documentsHint')}
        </p>
        <TextField
          label={t('kb.tags')}
          hint={t('kb.tagsHint')}
          value={form.tags}
          onChange={(tags) => setForm({ ...form, tags })}
        />
        <TextField
          label={t('kb.link')}
          type="url"
          placeholder="https://"
          value={form.officialLink}
          onChange={(officialLink) => setForm({ ...form, officialLink })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={form.published}
            onChange={(e) => setForm({ ...form, published: e.target.checked })}
          />{' '}
          {t('kb.published')}
        </label>
        <ErrorMessage error={error} />
        <p role="status">{saved ? t('kb.saved', { code: saved }) : ''}</p>
        <button type="submit">{t('kb.save')}</button>{' '}
        {editing !== null && (
          <button type="button" className="secondary" onClick={reset}>
            {t('kb.cancel')}
          </button>
        )}
      </form>

      <h2>{t('kb.list')}</h2>
      <table>
        <caption className="hint">{t('kb.caption', { count: list?.total ?? 0 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kb.code')}</th>
            <th scope="col">{t('kb.fields.title')}</th>
            <th scope="col">{t('kb.state')}</th>
            <th scope="col">{t('kb.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list?.items.map((a) => (
            <tr key={a.id}>
              <td>{a.code}</td>
              <td>
                <Localized text={a.title} language={lang} />
                {a.department && <span className="hint"> · {pick(a.department.name, lang)}</span>}
              </td>
              <td>{a.published ? t('kb.isPublished') : t('kb.isDraft')}</td>
              <td className="actions">
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('kb.editOne', { code: a.code })}
                  onClick={() => edit(a.id)}
                >
                  {t('kb.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="secondary"
                  aria-label={t(a.published ? 'kb.unpublishOne' : 'kb.publishOne', { code: a.code })}
                  onClick={() => setPublished(a, !a.published)}
                >
                  {a.published ? t('kb.unpublish') : t('kb.publish')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
