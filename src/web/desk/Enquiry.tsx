// An enquiry during the call, or from a visitor at a walk-in counter: the agent searches the knowledge
// base as the citizen asks, reads the short answer aloud in the citizen's language, and logs it as
// answered at first contact; a question the knowledge base cannot answer is registered as an
// information request for the department (it gets a reference and a promised date like a grievance).
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDebounced } from '../fetching.ts';
import { useDateFormat } from '../History.tsx';
import { Lookup } from './Lookup.tsx';

interface Article {
  id: number;
  title: I18nText;
  summary: I18nText;
  shortAnswer: I18nText;
  department: { name: I18nText } | null;
}
interface Named {
  id: number;
  name: I18nText;
  within?: I18nText[];
}
interface Logged {
  id: number;
  outcome: 'answered' | 'information_request';
  reference: string | null;
  dueAt: string | null;
}

/** Where the question is asked: on the agent's call, or at a walk-in centre (with the visitor's phone, if any). */
export type EnquiryContact = { callId: number } | { centrePlaceId: number; phone?: string };

export function Enquiry({
  contact,
  language,
  onLogged,
}: {
  contact: EnquiryContact;
  /** The citizen's language: the answer is read to them in it (the agent's own when unknown). */
  language: string | null;
  onLogged: (l: Logged) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const lang = i18n.language;
  const callerLanguage = language ?? lang;
  const visit = 'centrePlaceId' in contact;
  const [question, setQuestion] = useState('');
  const [found, setFound] = useState<Article[]>([]);
  const [chosen, setChosen] = useState<Article | null>(null);
  const [needsDepartment, setNeedsDepartment] = useState(false);
  const [category, setCategory] = useState<Named | null>(null);
  const [place, setPlace] = useState<Named | null>(null);
  const [logged, setLogged] = useState<Logged[]>([]);
  const [error, setError] = useState<unknown>(null);
  const q = useDebounced(question, 200);

  // Searched as the caller speaks and the agent types; an answer overtaken by newer words is dropped.
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    api<{ items: Article[] }>(
      'GET',
      `/api/knowledge?match=any&limit=5&q=${encodeURIComponent(q.trim())}`,
    ).then(
      (page) => {
        if (live) setFound(page.items);
      },
      (err) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [q]);

  const searchCategories = useCallback(
    (text: string) =>
      api<Named[]>(
        'GET',
        `/api/categories?kind=information&activeOnly=true&limit=8&q=${encodeURIComponent(text)}`,
      ),
    [],
  );
  const searchPlaces = useCallback(
    (text: string) => api<Named[]>('GET', `/api/desk/places?limit=8&q=${encodeURIComponent(text)}`),
    [],
  );

  async function log(outcome: Logged['outcome']) {
    setError(null);
    try {
      const done = await api<Logged>('POST', '/api/desk/enquiries', {
        ...contact,
        question: question.trim() || (chosen ? pick(chosen.title, lang) : ''),
        ...(chosen ? { articleId: chosen.id } : {}),
        outcome,
        ...(outcome === 'information_request' && category && place
          ? { request: { categoryId: category.id, placeId: place.id, language: callerLanguage } }
          : {}),
      });
      setLogged((l) => [...l, done]);
      onLogged(done);
      setQuestion('');
      setChosen(null);
      setNeedsDepartment(false);
      setCategory(null);
      setPlace(null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="panel enquiry">
      <h2 id={`${id}-title`}>{t('enquiry.title')}</h2>
      {logged.map((l) => (
        <p role="status" key={l.id} className="registered">
          {l.outcome === 'answered'
            ? t(visit ? 'enquiry.loggedAnsweredVisit' : 'enquiry.loggedAnswered')
            : t('enquiry.loggedRequest', { reference: l.reference })}
          {l.dueAt && ` ${t('desk.promised', { date: date(l.dueAt) })}`}
        </p>
      ))}
      <label htmlFor={`${id}-q`}>{t(visit ? 'enquiry.questionVisit' : 'enquiry.question')}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={question}
        autoComplete="off"
        aria-describedby={`${id}-q-hint`}
        onChange={(e) => setQuestion(e.target.value)}
      />
      <p id={`${id}-q-hint`} className="hint">
        {t('enquiry.hint')}
      </p>
      {found.length > 0 && (
        <ul className="plain articles" aria-label={t('enquiry.found')}>
          {found.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="link"
                aria-pressed={chosen?.id === a.id}
                onClick={() => setChosen(a)}
              >
                {pick(a.title, lang)}
              </button>
              {a.department && ` · ${pick(a.department.name, lang)}`}
            </li>
          ))}
        </ul>
      )}
      {q.trim().length >= 2 && found.length === 0 && <p>{t('enquiry.nothing')}</p>}
      {chosen && (
        <div className="read-aloud">
          <h3>{t(visit ? 'enquiry.readAloudVisit' : 'enquiry.readAloud')}</h3>
          <p
            lang={chosen.shortAnswer[callerLanguage] ? callerLanguage : undefined}
            data-testid="short-answer"
          >
            {pick(chosen.shortAnswer, callerLanguage) || pick(chosen.summary, callerLanguage)}
          </p>
        </div>
      )}
      <ErrorMessage error={error} />
      <p className="actions">
        <button type="button" disabled={!chosen && !question.trim()} onClick={() => log('answered')}>
          {t('enquiry.answered')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!question.trim()}
          aria-expanded={needsDepartment}
          onClick={() => setNeedsDepartment((v) => !v)}
        >
          {t('enquiry.needsDepartment')}
        </button>
      </p>
      {needsDepartment && (
        <div className="information-request">
          <Lookup
            label={t('enquiry.topic')}
            hint={t('desk.categoryHint')}
            search={searchCategories}
            describe={(c) => pick(c.name, lang)}
            keyOf={(c) => c.id}
            value={category}
            onChange={setCategory}
            required
          />
          <Lookup
            label={t('desk.place')}
            hint={t('desk.placeHint')}
            search={searchPlaces}
            describe={(p) =>
              [pick(p.name, lang), ...(p.within ?? []).slice(0, 2).map((w) => pick(w, lang))].join(', ')
            }
            keyOf={(p) => p.id}
            value={place}
            onChange={setPlace}
            required
          />
          <button type="button" disabled={!category || !place} onClick={() => log('information_request')}>
            {t('enquiry.register')}
          </button>
        </div>
      )}
    </section>
  );
}
