// Raising a grievance: who you are (verified number, or none), what it is about, where, and the
// details; then the reference number and how long the department has.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, type Me, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { OtpSignIn } from './OtpSignIn.tsx';

interface Category {
  id: number;
  name: I18nText;
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  fields: { key: string; label: I18nText; required: boolean }[];
}
interface Place {
  id: number;
  name: I18nText;
  depth: number;
}

async function childrenOf(parentId: number): Promise<Place[]> {
  return (await api<{ items: Place[] }>('GET', `/api/places?parentId=${parentId}&limit=200`)).items;
}

export function Lodge({ me, onSignedIn }: { me: Me; onSignedIn: (me: Me) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [withoutPhone, setWithoutPhone] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [levels, setLevels] = useState<{ depth: number; name: I18nText }[]>([]);
  const [chain, setChain] = useState<{ options: Place[]; chosen: number | null }[]>([]);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [details, setDetails] = useState<Record<string, string>>({});
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ reference: string; category: Category } | null>(null);

  useEffect(() => {
    api<Category[]>('GET', '/api/categories?activeOnly=true').then(setCategories, setError);
    api<{ depth: number; name: I18nText }[]>('GET', '/api/place-levels').then(setLevels, setError);
    api<{ items: Place[] }>('GET', '/api/places?depth=1')
      .then(async (root) => {
        const items = root.items[0] ? await childrenOf(root.items[0].id) : [];
        setChain(items.length ? [{ options: items, chosen: null }] : []);
      })
      .catch(setError);
  }, []);

  /** Choosing a place shows the places under it, until there are none (a village or ward). */
  function choose(index: number, placeId: number) {
    setChain((c) =>
      c.map((step, i) => (i === index ? { ...step, chosen: placeId } : step)).slice(0, index + 1),
    );
    if (!placeId) return;
    childrenOf(placeId).then((items) => {
      if (items.length) setChain((c) => [...c.slice(0, index + 1), { options: items, chosen: null }]);
    }, setError);
  }

  const category = categories.find((c) => c.id === categoryId);
  const placeId = [...chain].reverse().find((s) => s.chosen)?.chosen ?? null;
  const signedIn = me.kind === 'citizen';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!category || !placeId) return;
    setBusy(true);
    setError(null);
    try {
      const g = await api<{ reference: string }>('POST', '/api/grievances', {
        categoryId: category.id,
        placeId,
        subject,
        description,
        language: lang,
        channel: 'web',
        ...(signedIn ? { citizen: { phone: me.phone }, anonymous } : {}),
        details,
      });
      setDone({ reference: g.reference, category });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section aria-labelledby={`${id}-done`}>
        <h1 id={`${id}-done`}>{t('lodge.done')}</h1>
        <p>{t('lodge.reference')}</p>
        <p className="reference" data-testid="reference">
          {done.reference}
        </p>
        <p>{t('lodge.keep')}</p>
        <p>
          {t('lodge.resolution', {
            time: t(`time.${done.category.resolutionUnit}`, { count: done.category.resolutionValue }),
          })}
        </p>
        <button type="button" onClick={() => window.location.assign('/')}>
          {t('lodge.another')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('lodge.title')}</h1>
      {!signedIn && !withoutPhone ? (
        <>
          <p>{t('lodge.intro')}</p>
          <OtpSignIn onSignedIn={onSignedIn} />
          <button type="button" className="secondary" onClick={() => setWithoutPhone(true)}>
            {t('lodge.skipPhone')}
          </button>
        </>
      ) : (
        <form onSubmit={submit}>
          {signedIn && <p className="verified">{t('otp.verified', { phone: me.phone })}</p>}
          <label htmlFor={`${id}-category`}>{t('lodge.category')}</label>
          <select
            id={`${id}-category`}
            required
            value={categoryId ?? ''}
            onChange={(e) => setCategoryId(Number(e.target.value) || null)}
          >
            <option value="">{t('lodge.choose')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {pick(c.name, lang)}
              </option>
            ))}
          </select>

          <fieldset>
            <legend>{t('lodge.place')}</legend>
            {chain.map((step, index) => {
              const level = levels.find((l) => l.depth === (step.options[0]?.depth ?? 0));
              return (
                <div key={step.options[0]?.id ?? index}>
                  <label htmlFor={`${id}-place-${index}`}>{pick(level?.name, lang)}</label>
                  <select
                    id={`${id}-place-${index}`}
                    required={index === 0}
                    value={step.chosen ?? ''}
                    onChange={(e) => choose(index, Number(e.target.value))}
                  >
                    <option value="">{t('lodge.choose')}</option>
                    {step.options.map((p) => (
                      <option key={p.id} value={p.id}>
                        {pick(p.name, lang)}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </fieldset>

          {category?.fields.map((f) => (
            <div key={f.key}>
              <label htmlFor={`${id}-f-${f.key}`}>
                {pick(f.label, lang)}
                {f.required ? ` (${t('lodge.required')})` : ''}
              </label>
              <input
                id={`${id}-f-${f.key}`}
                required={f.required}
                value={details[f.key] ?? ''}
                onChange={(e) => setDetails({ ...details, [f.key]: e.target.value })}
              />
            </div>
          ))}

          <label htmlFor={`${id}-subject`}>{t('lodge.subject')}</label>
          <input
            id={`${id}-subject`}
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          <label htmlFor={`${id}-description`}>{t('lodge.description')}</label>
          <textarea
            id={`${id}-description`}
            required
            maxLength={5000}
            rows={5}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={`${id}-dhint`}
          />
          <p id={`${id}-dhint`} className="hint">
            {t('lodge.descriptionHint')}
          </p>
          {signedIn && (
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
              {t('lodge.anonymous')}
            </label>
          )}
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy || !placeId}>
            {busy ? t('lodge.submitting') : t('lodge.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
