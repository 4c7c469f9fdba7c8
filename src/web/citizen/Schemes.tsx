// Schemes and services for citizens: search in any language, narrow by department, read one in plain
// words (who can get it, what you get, how to apply, which documents to bring). An article has its own
// address (/schemes?id=12) so it can be shared, and the back button returns to the list.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { navigate } from '../navigate.ts';
import { type Article, type ArticleSummary, Localized, languageOf, useArticles } from './articles.tsx';

const openId = () => Number(new URLSearchParams(window.location.search).get('id')) || null;

export function Schemes() {
  const [open, setOpen] = useState<number | null>(openId);
  // The search outlives opening an article, so going back finds the same list.
  const search = useState({ q: '', departmentId: '' });
  const departments = useState<Department[]>([]);

  useEffect(() => {
    const onPop = () => setOpen(openId());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // Back to the list is the browser's back when we opened the article; a shared link has no list behind it.
  const opened = useRef(false);
  const show = useCallback((id: number) => {
    window.history.pushState(null, '', `/schemes?id=${id}`);
    opened.current = true;
    setOpen(id);
  }, []);
  const back = useCallback(() => {
    if (opened.current) {
      opened.current = false;
      window.history.back();
      return;
    }
    window.history.replaceState(null, '', '/schemes');
    setOpen(null);
  }, []);

  return open ? (
    <Detail id={open} onBack={back} />
  ) : (
    <List onOpen={show} search={search} departments={departments} />
  );
}

type Search = { q: string; departmentId: string };
type Department = { id: number; name: I18nText };
type State<T> = [T, React.Dispatch<React.SetStateAction<T>>];

function List({
  onOpen,
  search: [{ q, departmentId }, setSearch],
  departments: [departments, setDepartments],
}: {
  onOpen: (id: number) => void;
  search: State<Search>;
  departments: State<Department[]>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const query = useMemo(() => {
    const params = new URLSearchParams({ limit: '100', language: lang });
    if (q.trim()) params.set('q', q.trim().slice(0, 500));
    if (departmentId) params.set('departmentId', departmentId);
    return params.toString();
  }, [q, departmentId, lang]);
  const { result, error } = useArticles(query);

  // The department list is the departments that have articles, taken from the unfiltered list.
  useEffect(() => {
    if (!result || q.trim() || departmentId) return;
    const seen = new Map<number, I18nText>();
    for (const a of result.items) if (a.department) seen.set(a.department.id, a.department.name);
    setDepartments([...seen].map(([deptId, name]) => ({ id: deptId, name })));
  }, [result, q, departmentId, setDepartments]);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('schemes.title')}</h1>
      <p>{t('schemes.intro')}</p>
      <search>
        <form onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={`${id}-q`}>{t('schemes.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            maxLength={200}
            value={q}
            onChange={(e) => setSearch((s) => ({ ...s, q: e.target.value }))}
            aria-describedby={`${id}-q-hint`}
          />
          <p id={`${id}-q-hint`} className="hint">
            {t('schemes.searchHint')}
          </p>
          <label htmlFor={`${id}-dept`}>{t('schemes.department')}</label>
          <select
            id={`${id}-dept`}
            value={departmentId}
            onChange={(e) => setSearch((s) => ({ ...s, departmentId: e.target.value }))}
          >
            <option value="">{t('schemes.allDepartments')}</option>
            {departments
              .map((d) => ({ id: d.id, name: pick(d.name, lang) }))
              .sort((a, b) => a.name.localeCompare(b.name, lang))
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </form>
      </search>
      <ErrorMessage error={error} />
      <p role="status" className="count">
        {!result
          ? t('schemes.loading')
          : result.total
            ? t('schemes.count', { count: result.total })
            : t('schemes.none')}
      </p>
      <ul className="cards">
        {result?.items.map((a) => (
          <Card key={a.id} article={a} onOpen={onOpen} />
        ))}
      </ul>
      <AskInstead />
    </section>
  );
}

function Card({ article: a, onOpen }: { article: ArticleSummary; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const titleLanguage = languageOf(a.title, lang);
  return (
    <li>
      <h2 className="card-title">
        <a
          href={`/schemes?id=${a.id}`}
          lang={titleLanguage === lang ? undefined : titleLanguage}
          onClick={(e) => {
            e.preventDefault();
            onOpen(a.id);
          }}
        >
          {pick(a.title, lang)}
        </a>
      </h2>
      <Localized as="p" text={a.summary} language={lang} />
      <p className="hint">
        {t(`schemes.kinds.${a.kind}`)}
        {a.department && ` · ${pick(a.department.name, lang)}`}
      </p>
    </li>
  );
}

function Detail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setArticle(null);
    setError(null);
    api<Article>('GET', `/api/knowledge/${id}`).then(setArticle, setError);
  }, [id]);
  // Opening an article moves the reader (and their screen reader) to its title.
  useEffect(() => {
    if (article) heading.current?.focus();
  }, [article]);

  const section = (key: 'eligibility' | 'benefits' | 'howToApply') =>
    article && Object.keys(article[key]).length > 0 ? (
      <>
        <h2>{t(`schemes.${key}`)}</h2>
        <Localized as="p" className="prose" text={article[key]} language={lang} />
      </>
    ) : null;
  const documentsLanguage = article ? languageOf(article.documents, lang) : undefined;
  const documents = documentsLanguage ? (article?.documents[documentsLanguage] ?? []) : [];

  return (
    <article aria-labelledby={headingId}>
      <button type="button" className="secondary" onClick={onBack}>
        {t('schemes.back')}
      </button>
      <ErrorMessage error={error} />
      {article && (
        <>
          <h1 id={headingId} ref={heading} tabIndex={-1}>
            <Localized text={article.title} language={lang} />
          </h1>
          <p className="hint">
            {t(`schemes.kinds.${article.kind}`)}
            {article.department && ` · ${pick(article.department.name, lang)}`}
          </p>
          <Localized as="p" className="lead" text={article.summary} language={lang} />
          {Object.keys(article.shortAnswer).length > 0 && (
            <div className="answer">
              <h2>{t('schemes.inShort')}</h2>
              <Localized as="p" text={article.shortAnswer} language={lang} />
            </div>
          )}
          {section('eligibility')}
          {section('benefits')}
          {section('howToApply')}
          {documents.length > 0 && (
            <>
              <h2>{t('schemes.documents')}</h2>
              <ul lang={documentsLanguage === lang ? undefined : documentsLanguage}>
                {documents.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          )}
          {article.officialLink && (
            <>
              <h2>{t('schemes.officialLink')}</h2>
              <p>
                <a href={article.officialLink} rel="noopener noreferrer">
                  {article.officialLink.replace(/^https?:\/\//, '')}
                </a>
              </p>
            </>
          )}
          <AskInstead />
        </>
      )}
    </article>
  );
}

/** Not answered here: ask the department, or call. */
function AskInstead() {
  const { t } = useTranslation();
  return (
    <p className="ask-instead">
      {t('schemes.notFound')}{' '}
      <a
        href="/ask"
        onClick={(e) => {
          e.preventDefault();
          navigate('/ask');
        }}
      >
        {t('schemes.ask')}
      </a>
    </p>
  );
}
