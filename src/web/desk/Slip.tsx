// The acknowledgement slip a walk-in citizen without a phone takes home: the reference, the office that
// will act, the date promised, where it was registered and how to follow it (the tracking page, or the
// helpline keyed with the reference). Printed in the citizen's language, whatever the agent's screen is
// in; the print stylesheet leaves only the slip on the paper.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { loadLanguage } from '../i18n.ts';
import { navigate } from '../navigate.ts';

interface Slip {
  reference: string;
  subject: string;
  status: string;
  registeredAt: string;
  promisedBy: string | null;
  language: string;
  channel: string;
  category: I18nText;
  department: I18nText;
  place: I18nText;
  office: I18nText | null;
  centre: I18nText | null;
}

export function SlipPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const reference = new URLSearchParams(window.location.search).get('reference') ?? '';
  const { data: slip } = useFetched<Slip>(
    reference ? `/api/desk/slips/${encodeURIComponent(reference)}` : null,
    setError,
  );
  // The citizen's language, which may not be the agent's: its catalogues are fetched first.
  const [lng, setLng] = useState<string | null>(null);
  useEffect(() => {
    if (slip)
      loadLanguage(slip.language).then(
        (ok) => setLng(ok ? slip.language : 'en'),
        () => setLng('en'),
      );
  }, [slip]);
  if (!slip || !lng) return <ErrorMessage error={error} />;
  const c = i18n.getFixedT(lng);
  const day = (iso: string) =>
    new Intl.DateTimeFormat(lng === 'en' ? 'en-IN' : lng, { dateStyle: 'long' }).format(new Date(iso));
  const track = `${window.location.origin}/track`;

  return (
    <>
      <p className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('slip.print')}
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/desk/walk-in')}>
          {t('slip.back')}
        </button>
      </p>
      <article className="slip" lang={lng} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{c('slip.title')}</h1>
        <p className="slip-reference">
          {c('slip.reference')} <strong data-testid="slip-reference">{slip.reference}</strong>
        </p>
        <dl>
          <dt>{c('slip.about')}</dt>
          <dd>
            {slip.subject} ({pick(slip.category, lng)})
          </dd>
          <dt>{c('slip.place')}</dt>
          <dd>{pick(slip.place, lng)}</dd>
          <dt>{c('slip.office')}</dt>
          <dd data-testid="slip-office">
            {slip.office ? `${pick(slip.office, lng)}, ` : ''}
            {pick(slip.department, lng)}
          </dd>
          <dt>{c('slip.registered')}</dt>
          <dd>
            {day(slip.registeredAt)}
            {slip.centre && `, ${c('slip.at', { centre: pick(slip.centre, lng) })}`}
          </dd>
          <dt>{c('slip.promised')}</dt>
          <dd data-testid="slip-promised">{slip.promisedBy ? day(slip.promisedBy) : c('slip.noDate')}</dd>
        </dl>
        <h2>{c('slip.howToTrack')}</h2>
        <ul>
          <li>{c('slip.trackWeb', { url: track, reference: slip.reference })}</li>
          <li>{c('slip.trackPhone', { reference: slip.reference })}</li>
          <li>{c('slip.trackCentre')}</li>
        </ul>
        <p className="muted">{c('slip.keep')}</p>
      </article>
    </>
  );
}
