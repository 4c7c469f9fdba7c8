// The walk-in desk of a regional or district service centre: a citizen comes in person, often without a
// phone. The agent registers their grievance with the same form as on a call; the centre is recorded as
// the channel (walk_in) and the place of the contact; then prints the acknowledgement slip in the
// citizen's language (reference, office, promised date, how to track) for them to keep.
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { useDateFormat } from '../History.tsx';
import { navigate } from '../navigate.ts';
import { Lookup } from './Lookup.tsx';
import { type Registered, RegisterForm } from './RegisterForm.tsx';

interface Place {
  id: number;
  name: I18nText;
  within: I18nText[];
}

const CENTRE_KEY = 'desk.centre';

/** The centre this counter is at, remembered on this computer (a counter stays in its centre). */
function savedCentre(): Place | null {
  try {
    return JSON.parse(localStorage.getItem(CENTRE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function WalkIn() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const lang = i18n.language;
  const [centre, setCentre] = useState<Place | null>(savedCentre);
  const [registered, setRegistered] = useState<Registered[]>([]);
  const searchPlaces = useCallback(
    (q: string) => api<Place[]>('GET', `/api/desk/places?limit=8&q=${encodeURIComponent(q)}`),
    [],
  );
  const describe = useCallback(
    (p: Place) => [pick(p.name, lang), ...p.within.slice(0, 2).map((w) => pick(w, lang))].join(', '),
    [lang],
  );

  return (
    <section aria-labelledby={`${id}-title`} className="walk-in">
      <h1 id={`${id}-title`}>{t('walkIn.title')}</h1>
      <Lookup
        label={t('walkIn.centre')}
        hint={t('walkIn.centreHint')}
        search={searchPlaces}
        describe={describe}
        keyOf={(p) => p.id}
        value={centre}
        onChange={(p) => {
          setCentre(p);
          if (p) localStorage.setItem(CENTRE_KEY, JSON.stringify(p));
        }}
        required
        autoFocus={!centre}
      />
      {registered.map((g) => (
        <p role="status" key={g.reference} className="registered">
          {t('desk.registered', { reference: g.reference })}
          {g.dueAt && ` ${t('desk.promised', { date: date(g.dueAt) })}`}{' '}
          <a
            href={`/slip?reference=${encodeURIComponent(g.reference)}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/slip?reference=${encodeURIComponent(g.reference)}`);
            }}
          >
            {t('walkIn.printSlip')}
          </a>
        </p>
      ))}
      {centre && (
        <RegisterForm
          key={`${centre.id}-${registered.length}`}
          centrePlaceId={centre.id}
          onRegistered={(g) => setRegistered((r) => [g, ...r])}
        />
      )}
    </section>
  );
}
