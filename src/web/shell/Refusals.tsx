// The two dead ends a person can reach, each with a way on: a page their role may not use (they stay
// signed in; the sign-in form again would suggest a wrong password), and an address that is no page.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api.ts';
import { navigate } from '../navigate.ts';
import { homeOf, isStaff } from './pages.ts';

function Onward({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <a
        href={to}
        onClick={(e) => {
          e.preventDefault();
          navigate(to);
        }}
      >
        {label}
      </a>
    </p>
  );
}

export function NotPermitted({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const staff = isStaff(me);
  return (
    <section aria-labelledby={id}>
      <h1 id={id}>{t('access.notPermittedTitle')}</h1>
      <p>{staff ? t('access.notPermittedStaff') : t('access.notPermittedCitizen')}</p>
      {staff ? (
        <Onward to={homeOf(me)} label={t('access.toYourWork')} />
      ) : (
        <Onward to="/" label={t('access.toHome')} />
      )}
    </section>
  );
}

export function NotFound({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h1 id={id}>{t('access.notFoundTitle')}</h1>
      <p>{t('access.notFound')}</p>
      {isStaff(me) ? (
        <Onward to={homeOf(me)} label={t('access.toYourWork')} />
      ) : (
        <Onward to="/" label={t('access.toHome')} />
      )}
    </section>
  );
}
