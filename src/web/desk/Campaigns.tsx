// Campaigns, for supervisors: define a segment (district, category of a past grievance, language) and
// the scheme's article the agents read from, with the retry rules (how many attempts, how long between
// them); watch each list's attempts and progress as agents work it (read again every few seconds);
// pause, resume or finish it; and keep the do-not-call list, which every list respects.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { LANGUAGES } from '../i18n.ts';
import { Lookup } from './Lookup.tsx';
import { type Progress, ProgressLine, useListName } from './Outbound.tsx';

interface Named {
  id: number;
  name: I18nText;
  within?: I18nText[];
}
interface Article {
  id: number;
  title: I18nText;
}
interface Attempt {
  id: number;
  at: string;
  result: string;
  notes: string | null;
  phone: string;
  name: string | null;
  agent: string | null;
  attempts: number;
}

export function Campaigns() {
  const { t } = useTranslation();
  const id = useId();
  const listName = useListName();
  const [lists, setLists] = useState<Progress[]>([]);
  const [watching, setWatching] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    () => api<Progress[]>('GET', '/api/desk/outbound-lists').then(setLists, setError),
    [],
  );
  // Live as it runs: read again every five seconds.
  useEffect(() => {
    load();
    const timer = setInterval(load, 5_000);
    return () => clearInterval(timer);
  }, [load]);

  async function setStatus(listId: number, status: 'running' | 'paused' | 'done') {
    setError(null);
    try {
      await api('PATCH', `/api/desk/outbound-lists/${listId}`, { status });
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="campaigns">
      <h1 id={`${id}-title`}>{t('campaigns.title')}</h1>
      <ErrorMessage error={error} />
      <div className="desk-columns">
        <div>
          <NewCampaign
            onCreated={(l) => {
              setWatching(l.id);
              void load();
            }}
          />
          <DoNotCall />
        </div>
        <div>
          <h2>{t('campaigns.running')}</h2>
          <ul className="plain lists">
            {lists.map((l) => (
              <li key={l.id} className="panel">
                <h3>{listName(l)}</h3>
                <p>
                  <ProgressLine list={l} />
                </p>
                <p className="muted">
                  {t('campaigns.rules', { attempts: l.maxAttempts, minutes: l.retryMinutes })}
                  {Object.keys(l.outcomes).length > 0 &&
                    ` · ${Object.entries(l.outcomes)
                      .sort(([a], [b]) => a.localeCompare(b))
                      .map(([o, n]) => `${t(`outbound.results.${o}`)}: ${n}`)
                      .join(', ')}`}
                </p>
                <p className="actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={watching === l.id}
                    onClick={() => setWatching(watching === l.id ? null : l.id)}
                  >
                    {t('campaigns.attempts')}
                  </button>
                  {l.kind === 'campaign' && l.status === 'running' && (
                    <button type="button" className="secondary" onClick={() => setStatus(l.id, 'paused')}>
                      {t('campaigns.pause')}
                    </button>
                  )}
                  {l.kind === 'campaign' && l.status === 'paused' && (
                    <button type="button" className="secondary" onClick={() => setStatus(l.id, 'running')}>
                      {t('campaigns.resume')}
                    </button>
                  )}
                  {l.kind === 'campaign' && (
                    <button type="button" className="secondary" onClick={() => setStatus(l.id, 'done')}>
                      {t('campaigns.finish')}
                    </button>
                  )}
                </p>
                {watching === l.id && <Attempts listId={l.id} round={l.attempts} />}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Attempts({ listId, round }: { listId: number; round: number }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const [rows, setRows] = useState<Attempt[]>([]);
  const [error, setError] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` (the list's attempt count) changes when an attempt lands
  useEffect(() => {
    api<Attempt[]>('GET', `/api/desk/outbound-lists/${listId}/attempts`).then(setRows, setError);
  }, [listId, round]);
  return (
    <div className="table-scroll">
      <ErrorMessage error={error} />
      <table>
        <caption>{t('campaigns.latest')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.when')}</th>
            <th scope="col">{t('campaigns.citizen')}</th>
            <th scope="col">{t('outbound.result')}</th>
            <th scope="col">{t('wallboard.agent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{date(a.at)}</td>
              <td>
                {a.name ? `${a.name} · ` : ''}
                {a.phone}
              </td>
              <td>
                {t(`outbound.results.${a.result}`, { defaultValue: a.result })}
                {a.notes && ` · ${a.notes}`}
              </td>
              <td>{a.agent ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewCampaign({ onCreated }: { onCreated: (l: Progress) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const [name, setName] = useState('');
  const [district, setDistrict] = useState<Named | null>(null);
  const [category, setCategory] = useState<Named | null>(null);
  const [language, setLanguage] = useState('');
  const [article, setArticle] = useState<Article | null>(null);
  const [maxAttempts, setMaxAttempts] = useState(3);
  const [retryMinutes, setRetryMinutes] = useState(120);
  const [created, setCreated] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);

  const searchPlaces = useCallback(
    (q: string) => api<Named[]>('GET', `/api/desk/places?limit=8&q=${encodeURIComponent(q)}`),
    [],
  );
  const searchCategories = useCallback(
    (q: string) => api<Named[]>('GET', `/api/categories?limit=8&q=${encodeURIComponent(q)}`),
    [],
  );
  const searchArticles = useCallback(
    async (q: string) =>
      (await api<{ items: Article[] }>('GET', `/api/knowledge?match=any&limit=8&q=${encodeURIComponent(q)}`))
        .items,
    [],
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const list = await api<Progress>('POST', '/api/desk/outbound-lists', {
        name: name.trim(),
        ...(article ? { articleId: article.id } : {}),
        segment: {
          ...(district ? { placeId: district.id } : {}),
          ...(category ? { categoryId: category.id } : {}),
          ...(language ? { language } : {}),
        },
        maxAttempts,
        retryMinutes,
      });
      setCreated(list);
      onCreated(list);
      setName('');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('campaigns.new')}</h2>
      <label htmlFor={`${id}-name`}>{t('campaigns.name')}</label>
      <input
        id={`${id}-name`}
        required
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Lookup
        label={t('campaigns.article')}
        search={searchArticles}
        describe={(a) => pick(a.title, lang)}
        keyOf={(a) => a.id}
        value={article}
        onChange={setArticle}
      />
      <fieldset>
        <legend>{t('campaigns.segment')}</legend>
        <Lookup
          label={t('campaigns.district')}
          hint={t('campaigns.districtHint')}
          search={searchPlaces}
          describe={(p) =>
            [pick(p.name, lang), ...(p.within ?? []).slice(0, 2).map((w) => pick(w, lang))].join(', ')
          }
          keyOf={(p) => p.id}
          value={district}
          onChange={setDistrict}
        />
        <Lookup
          label={t('campaigns.category')}
          search={searchCategories}
          describe={(c) => pick(c.name, lang)}
          keyOf={(c) => c.id}
          value={category}
          onChange={setCategory}
        />
        <label htmlFor={`${id}-language`}>{t('campaigns.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t('campaigns.anyLanguage')}</option>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </fieldset>
      <div className="row">
        <div>
          <label htmlFor={`${id}-attempts`}>{t('campaigns.maxAttempts')}</label>
          <input
            id={`${id}-attempts`}
            type="number"
            min={1}
            max={10}
            value={maxAttempts}
            onChange={(e) => setMaxAttempts(Number(e.target.value))}
          />
        </div>
        <div>
          <label htmlFor={`${id}-retry`}>{t('campaigns.retryMinutes')}</label>
          <input
            id={`${id}-retry`}
            type="number"
            min={1}
            max={10080}
            value={retryMinutes}
            onChange={(e) => setRetryMinutes(Number(e.target.value))}
          />
        </div>
      </div>
      <p className="hint">{t('campaigns.dncHint')}</p>
      <ErrorMessage error={error} />
      {created && <p role="status">{t('campaigns.created', { name: created.name, count: created.total })}</p>}
      <button type="submit">{t('campaigns.start')}</button>
    </form>
  );
}

function DoNotCall() {
  const { t } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [rows, setRows] = useState<{ phone: string; reason: string; addedAt: string }[]>([]);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    () => api<typeof rows>('GET', '/api/desk/do-not-call?limit=20').then(setRows, setError),
    [],
  );
  useEffect(() => {
    load();
  }, [load]);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/desk/do-not-call', { phone: phone.trim(), reason: reason.trim() });
      setPhone('');
      setReason('');
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={add}>
      <h2 id={`${id}-title`}>{t('campaigns.dnc')}</h2>
      <div className="row">
        <div>
          <label htmlFor={`${id}-phone`}>{t('desk.phone')}</label>
          <input
            id={`${id}-phone`}
            type="tel"
            required
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-reason`}>{t('campaigns.dncReason')}</label>
          <input
            id={`${id}-reason`}
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <ErrorMessage error={error} />
      <button type="submit">{t('campaigns.dncAdd')}</button>
      {rows.length > 0 && (
        <ul className="plain">
          {rows.map((r) => (
            <li key={r.phone}>
              {r.phone} · {r.reason} · {date(r.addedAt)}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
