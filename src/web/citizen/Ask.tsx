// A general enquiry: the citizen picks an information topic, optionally their district, and writes the
// question. While they write, the articles that may already answer it are shown, so many questions
// are answered without being sent. Sent, it is registered like a grievance of that topic (which routes
// it, promises a time and gives a reference); with a verified mobile number the answer comes by SMS.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Grievance, type I18nText, type Me, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { type ArticleList, Localized, languageOf, useArticles } from './articles.tsx';
import { type CategoryField, CategoryFields } from './CategoryFields.tsx';
import { OtpSignIn } from './OtpSignIn.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import { Receipt } from './Receipt.tsx';
import { registerFromPortal } from './register.ts';

interface Topic {
  id: number;
  name: I18nText;
  kind: 'complaint' | 'information' | 'service';
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  fields: CategoryField[];
}

/** The subject of the case: the question's first sentence, or its start. */
export function subjectOf(question: string): string {
  const text = question.trim().replace(/\s+/g, ' ');
  const first = text.split(/(?<=[.?!।])\s/)[0] ?? text;
  return first.length <= 120 ? first : `${first.slice(0, 119)}…`;
}

export function Ask({ me, onSignedIn }: { me: Me; onSignedIn: (me: Me) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [topics, setTopics] = useState<Topic[]>([]);
  const [rootId, setRootId] = useState<number | null>(null);
  const [districtDepth, setDistrictDepth] = useState(3);
  const [topicId, setTopicId] = useState<number | null>(null);
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [question, setQuestion] = useState('');
  const [details, setDetails] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Grievance | null>(null);
  const signedIn = me.kind === 'citizen';

  useEffect(() => {
    api<Topic[]>('GET', '/api/categories?activeOnly=true').then(
      (all) => setTopics(all.filter((c) => c.kind === 'information')),
      setError,
    );
    // The tree's levels are configured per deployment (state > division > district, region > district...).
    api<{ depth: number; name: I18nText }[]>('GET', '/api/place-levels').then((levels) => {
      const district = levels.find((l) => /^district/i.test(l.name.en ?? ''));
      if (district) setDistrictDepth(district.depth);
    }, setError);
    // A question for no particular district is asked of the whole state.
    api<{ items: { id: number }[] }>('GET', '/api/places?depth=1').then(
      (root) => setRootId(root.items[0]?.id ?? null),
      setError,
    );
  }, []);

  // Suggestions once the question has a few letters, a moment after the citizen stops typing.
  const query = useMemo(() => {
    const text = question.trim();
    if (text.length < 3) return null;
    return new URLSearchParams({
      q: text.slice(0, 500),
      match: 'any',
      limit: '3',
      language: lang,
    }).toString();
  }, [question, lang]);
  const { result: suggestions } = useArticles(query, 400);

  const topic = topics.find((c) => c.id === topicId);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const where = placeId ?? rootId;
    if (!topic || !where) return;
    setBusy(true);
    setError(null);
    try {
      const g = await registerFromPortal(me, lang, {
        categoryId: topic.id,
        placeId: where,
        subject: subjectOf(question),
        description: question.trim(),
        details,
      });
      setDone(g);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Receipt
        title={t('ask.done')}
        grievance={done}
        question
        withPhone={signedIn}
        again={{ label: t('ask.another'), href: '/ask' }}
      />
    );
  }

  const formId = `${id}-form`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('ask.title')}</h1>
      <p>{t('ask.intro')}</p>
      <form id={formId} onSubmit={submit}>
        {signedIn && <p className="verified">{t('otp.verified', { phone: me.phone })}</p>}
        <label htmlFor={`${id}-topic`}>{t('ask.topic')}</label>
        <select
          id={`${id}-topic`}
          required
          value={topicId ?? ''}
          onChange={(e) => setTopicId(Number(e.target.value) || null)}
        >
          <option value="">{t('lodge.choose')}</option>
          {topics.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(c.name, lang)}
            </option>
          ))}
        </select>

        <PlacePicker
          legend={t('ask.district')}
          maxDepth={districtDepth}
          onChange={setPlaceId}
          onError={setError}
        />

        <CategoryFields fields={topic?.fields ?? []} values={details} onChange={setDetails} />

        <label htmlFor={`${id}-question`}>{t('ask.question')}</label>
        <textarea
          id={`${id}-question`}
          required
          maxLength={5000}
          rows={5}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          aria-describedby={`${id}-qhint`}
        />
        <p id={`${id}-qhint`} className="hint">
          {t('ask.questionHint')}
        </p>

        <Suggestions result={query ? suggestions : null} />

        <ErrorMessage error={error} />
        {signedIn && (
          <button type="submit" disabled={busy}>
            {busy ? t('lodge.submitting') : t('ask.send')}
          </button>
        )}
      </form>
      {!signedIn && (
        <section aria-labelledby={`${id}-who`} className="who">
          <h2 id={`${id}-who`}>{t('ask.how')}</h2>
          <p>{t('ask.howIntro')}</p>
          <OtpSignIn onSignedIn={onSignedIn} />
          <button type="submit" form={formId} className="secondary" disabled={busy}>
            {busy ? t('lodge.submitting') : t('ask.sendWithoutPhone')}
          </button>
        </section>
      )}
    </section>
  );
}

/** Articles that may answer the question, each opening in place; how many is announced. */
function Suggestions({ result }: { result: ArticleList | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const items = result?.items ?? [];
  return (
    <div className="suggestions">
      <p role="status" id={`${id}-count`}>
        {items.length ? t('ask.suggested', { count: items.length }) : ''}
      </p>
      {items.length > 0 && (
        <>
          <ul className="cards" aria-labelledby={`${id}-count`}>
            {items.map((a) => {
              const titleLanguage = languageOf(a.title, lang);
              return (
                <li key={a.id}>
                  <details>
                    <summary lang={titleLanguage === lang ? undefined : titleLanguage}>
                      {pick(a.title, lang)}
                    </summary>
                    <Localized as="p" text={a.summary} language={lang} />
                    {Object.keys(a.shortAnswer).length > 0 && (
                      <Localized as="p" text={a.shortAnswer} language={lang} />
                    )}
                    <p>
                      <a href={`/schemes?id=${a.id}`} target="_blank" rel="noopener noreferrer">
                        {t('ask.readMore')}
                      </a>
                    </p>
                  </details>
                </li>
              );
            })}
          </ul>
          <p className="hint">{t('ask.answered')}</p>
        </>
      )}
    </div>
  );
}
