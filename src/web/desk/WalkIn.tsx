// The walk-in desk of a regional or district service centre: a citizen comes in person, often without a
// phone. The agent registers their grievance with the same form as on a call; the centre is recorded as
// the channel (walk_in) and the place of the contact; then prints the acknowledgement slip in the
// citizen's language (reference, office, promised date, how to track) for them to keep. A visitor who
// asks about a scheme or service gets the knowledge base's answer in their language, as a caller does,
// logged on the visit (or registered as an information request, with its slip).
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { useDateFormat } from '../History.tsx';
import { LANGUAGES } from '../i18n.ts';
import { navigate } from '../navigate.ts';
import { Enquiry } from './Enquiry.tsx';
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
  const [wants, setWants] = useState<'grievance' | 'enquiry'>('grievance');
  const [visitor, setVisitor] = useState({ phone: '', language: 'hi' });
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
        <fieldset className="choices">
          <legend>{t('walkIn.wants')}</legend>
          {(['grievance', 'enquiry'] as const).map((w) => (
            <label key={w} className="check">
              <input type="radio" name={`${id}-wants`} checked={wants === w} onChange={() => setWants(w)} />
              {t(w === 'grievance' ? 'walkIn.wantsGrievance' : 'walkIn.wantsEnquiry')}
            </label>
          ))}
        </fieldset>
      )}
      {centre && wants === 'grievance' && (
        <RegisterForm
          key={`${centre.id}-${registered.length}`}
          centrePlaceId={centre.id}
          onRegistered={(g) => setRegistered((r) => [g, ...r])}
        />
      )}
      {centre && wants === 'enquiry' && (
        <>
          <div className="row">
            <div>
              <label htmlFor={`${id}-phone`}>{t('walkIn.phone')}</label>
              <input
                id={`${id}-phone`}
                type="tel"
                value={visitor.phone}
                pattern="^\+[1-9][0-9]{6,14}$"
                onChange={(e) => setVisitor((v) => ({ ...v, phone: e.target.value }))}
              />
            </div>
            <div>
              <label htmlFor={`${id}-language`}>{t('walkIn.language')}</label>
              <select
                id={`${id}-language`}
                value={visitor.language}
                onChange={(e) => setVisitor((v) => ({ ...v, language: e.target.value }))}
              >
                {LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code} lang={l.code}>
                    {l.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Enquiry
            key={centre.id}
            contact={{
              centrePlaceId: centre.id,
              ...(visitor.phone.trim() ? { phone: visitor.phone.trim() } : {}),
            }}
            language={visitor.language}
            onLogged={(l) => {
              if (l.reference)
                setRegistered((r) => [{ reference: l.reference as string, dueAt: l.dueAt }, ...r]);
            }}
          />
        </>
      )}
    </section>
  );
}
