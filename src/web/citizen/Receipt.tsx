// What a citizen sees once something is registered: the reference large, with a button to copy it;
// the office it went to and the date the department has promised (a date, not "72 working hours"); a
// link to follow it; and what happens next. Shared by the grievance form and the enquiry form.
import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Grievance, pick } from '../api.ts';
import { navigate } from '../navigate.ts';

export function Receipt({
  title,
  grievance,
  question,
  withPhone,
  again,
  children,
}: {
  title: string;
  grievance: Grievance;
  /** An enquiry: the department answers rather than resolves. */
  question?: boolean;
  /** Whether the citizen gave a verified number (updates come by SMS) or must keep the reference. */
  withPhone: boolean;
  /** The button to start over, and where it goes. */
  again: { label: string; href: string };
  /** Anything still happening (photos being sent). */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const lang = i18n.language;
  const office = grievance.position
    ? [pick(grievance.position.title, lang), pick(grievance.department?.name, lang)]
        .filter(Boolean)
        .join(', ')
    : null;
  const due = grievance.dueAt
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(new Date(grievance.dueAt))
    : null;
  const track = `/track?reference=${encodeURIComponent(grievance.reference)}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(grievance.reference);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section aria-labelledby={id} className="receipt">
      <h1 id={id}>{title}</h1>
      <p>{t('lodge.reference')}</p>
      <p className="reference big" data-testid="reference">
        {grievance.reference}
      </p>
      <p>
        <button type="button" className="secondary" onClick={copy}>
          {t('receipt.copy')}
        </button>{' '}
        <span role="status">
          {copied === true ? t('receipt.copied') : copied === false ? t('receipt.copyFailed') : ''}
        </span>
      </p>
      <p>{t('lodge.keep')}</p>
      <dl className="facts">
        <dt>{t('receipt.office')}</dt>
        <dd data-testid="office">{office ?? t('receipt.unrouted')}</dd>
        <dt>{question ? t('receipt.answerBy') : t('receipt.resolveBy')}</dt>
        <dd data-testid="due">{due ?? t('receipt.dueOnceRouted')}</dd>
      </dl>
      {children}
      <h2>{t('receipt.next')}</h2>
      <ol className="next">
        <li>{office ? t('receipt.nextOffice') : t('receipt.nextRouting')}</li>
        <li>{withPhone ? t('receipt.nextSms') : t('receipt.nextNoPhone')}</li>
        {!question && <li>{t('receipt.nextInfo')}</li>}
        {!question && <li>{t('receipt.nextResolved')}</li>}
        <li>{t('receipt.nextLate')}</li>
      </ol>
      <p>
        <a
          href={track}
          className="button"
          onClick={(e) => {
            e.preventDefault();
            navigate(track);
          }}
        >
          {t('receipt.track')}
        </a>{' '}
        <a
          href={again.href}
          className="button secondary"
          onClick={(e) => {
            // A fresh form: the page is loaded again rather than the filled one reused.
            e.preventDefault();
            window.location.assign(again.href);
          }}
        >
          {again.label}
        </a>
      </p>
    </section>
  );
}
