// What a citizen sees once something is registered: the reference to keep and quote, and the time the
// department has promised. Shared by the grievance form and the enquiry form.
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function Receipt({
  title,
  reference,
  promise,
  again,
  children,
}: {
  title: string;
  reference: string;
  /** "The department has 3 days to resolve it." */
  promise: string;
  /** The button to start over, and where it goes. */
  again: { label: string; href: string };
  /** Anything still happening (photos being sent). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      <p>{t('lodge.reference')}</p>
      <p className="reference" data-testid="reference">
        {reference}
      </p>
      <p>{t('lodge.keep')}</p>
      <p>{promise}</p>
      {children}
      <button type="button" onClick={() => window.location.assign(again.href)}>
        {again.label}
      </button>
    </section>
  );
}
