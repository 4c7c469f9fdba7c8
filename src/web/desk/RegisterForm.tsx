// Registering the caller's grievance in under a minute, without leaving the keyboard: category by
// typing (any language, synonyms), place by typing a village, ward or block (its block and district
// shown), the description, anonymous or not, the caller's language. The caller's open grievances of the
// same category and place are shown before saving. The agent registers for the caller without an SMS
// code: the call is the verification. The acknowledgement SMS is queued by the registration itself.
//
// The same form serves the walk-in desk of a service centre: no call, the centre is recorded as the
// channel and the place of the contact, and the citizen may have no phone (the printed slip is their
// acknowledgement). Past the citizen's monthly cap the agent registers only with a reason, audited.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useDateFormat } from '../History.tsx';
import { LANGUAGES } from '../i18n.ts';
import { Lookup } from './Lookup.tsx';
import { OPEN, type ScreenPop } from './types.ts';

interface Category {
  id: number;
  name: I18nText;
  department: { name: I18nText };
}
interface Place {
  id: number;
  name: I18nText;
  within: I18nText[];
}
export interface Registered {
  reference: string;
  dueAt: string | null;
}

/** The first sentence or line of the description, as the subject officers see in their queue. */
const subjectOf = (text: string) => {
  const first = text.trim().split(/(?<=[.!?।])\s|\n/)[0] ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
};

export function RegisterForm({
  pop,
  centrePlaceId,
  onRegistered,
}: {
  /** On a call: the screen-pop. */
  pop?: ScreenPop;
  /** At a walk-in centre: the centre (a place). */
  centrePlaceId?: number;
  onRegistered: (r: Registered) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [category, setCategory] = useState<Category | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [language, setLanguage] = useState(pop?.call.language ?? pop?.citizen?.language ?? 'hi');
  const [name, setName] = useState(pop?.citizen?.name ?? '');
  const [phone, setPhone] = useState(pop?.call.caller ?? '');
  const [busy, setBusy] = useState(false);
  // The citizen reached the monthly limit: the agent may go past it with a reason (audited).
  const [overCap, setOverCap] = useState(
    Boolean(pop && pop.cap.limit !== null && pop.cap.used >= pop.cap.limit),
  );
  const [capReason, setCapReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language;

  const searchCategories = useCallback(
    (q: string) =>
      api<Category[]>(
        'GET',
        `/api/categories?activeOnly=true&limit=8&q=${encodeURIComponent(q)}${place ? `&placeId=${place.id}` : ''}`,
      ),
    [place],
  );
  const searchPlaces = useCallback(
    (q: string) => api<Place[]>('GET', `/api/desk/places?limit=8&q=${encodeURIComponent(q)}`),
    [],
  );
  const describeCategory = useCallback(
    (c: Category) => `${pick(c.name, lang)} · ${pick(c.department.name, lang)}`,
    [lang],
  );
  const describePlace = useCallback(
    (p: Place) => [pick(p.name, lang), ...p.within.slice(0, 2).map((w) => pick(w, lang))].join(', '),
    [lang],
  );

  const duplicates = (pop?.grievances ?? []).filter(
    (g) =>
      category &&
      place &&
      g.category.id === category.id &&
      g.place.id === place.id &&
      OPEN.includes(g.status),
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!category || !place) return;
    setBusy(true);
    setError(null);
    try {
      const g = await api<Registered>('POST', '/api/desk/registrations', {
        categoryId: category.id,
        placeId: place.id,
        subject: subjectOf(description),
        description,
        language,
        anonymous,
        ...(phone ? { citizen: { phone, ...(name.trim() ? { name: name.trim() } : {}), language } } : {}),
        ...(pop ? { callId: pop.call.id } : { centrePlaceId }),
        ...(overCap && capReason.trim() ? { capOverride: capReason.trim() } : {}),
      });
      onRegistered(g);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setOverCap(true);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="panel register">
      <h2 id={`${id}-title`}>
        {!pop ? t('walkIn.registerTitle') : pop.known ? t('desk.registerTitle') : t('desk.newContactTitle')}
      </h2>
      <div className="row">
        <div>
          <label htmlFor={`${id}-phone`}>{pop ? t('desk.phone') : t('walkIn.phone')}</label>
          <input
            id={`${id}-phone`}
            type="tel"
            value={phone}
            readOnly={Boolean(pop?.call.caller)}
            pattern="^\+[1-9][0-9]{6,14}$"
            onChange={(e) => setPhone(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-name`}>{pop ? t('desk.name') : t('walkIn.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div>
          <label htmlFor={`${id}-language`}>{t('desk.language')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Lookup
        label={t('desk.category')}
        hint={t('desk.categoryHint')}
        search={searchCategories}
        describe={describeCategory}
        keyOf={(c) => c.id}
        value={category}
        onChange={setCategory}
        required
        autoFocus={Boolean(pop)}
      />
      <Lookup
        label={t('desk.place')}
        hint={t('desk.placeHint')}
        search={searchPlaces}
        describe={describePlace}
        keyOf={(p) => p.id}
        value={place}
        onChange={setPlace}
        required
      />
      {duplicates.length > 0 && (
        <div role="status" className="duplicates">
          <p>{t('desk.duplicates', { count: duplicates.length })}</p>
          <ul>
            {duplicates.map((g) => (
              <li key={g.reference}>
                <span className="reference">{g.reference}</span> ·{' '}
                {t(`status.${g.status}`, { defaultValue: g.status })} · {g.subject}
                {g.dueAt && ` · ${t('desk.due')} ${date(g.dueAt)}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor={`${id}-description`}>{t('desk.description')}</label>
      <textarea
        id={`${id}-description`}
        rows={3}
        required
        maxLength={5000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
        {t('desk.anonymous')}
      </label>
      <ErrorMessage error={error} />
      {overCap && (
        <>
          {pop?.cap.limit != null && (
            <p className="cap-note">
              {t('deskScreens.capReached', { used: pop.cap.used, limit: pop.cap.limit })}
            </p>
          )}
          <label htmlFor={`${id}-cap`}>{t('desk.capReason')}</label>
          <textarea
            id={`${id}-cap`}
            rows={2}
            required
            maxLength={500}
            value={capReason}
            onChange={(e) => setCapReason(e.target.value)}
          />
        </>
      )}
      <button type="submit" disabled={busy || !category || !place}>
        {t('desk.register')}
      </button>
    </form>
  );
}
