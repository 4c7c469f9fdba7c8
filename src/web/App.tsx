// The shell: skip link, header with the language switch, navigation, and the page for the address.
// Citizens' pages today; the officer workbench, supervisor and admin areas join as more routes here.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from './api.ts';
import { Lodge } from './citizen/Lodge.tsx';
import { LANGUAGES } from './i18n.ts';
import { navigate } from './navigate.ts';
import { StaffSignIn } from './staff/StaffSignIn.tsx';

// The staff areas load only when someone opens them: a citizen on a cheap phone and a slow line never
// downloads the workbench, the command centre or the administration screens. The citizen's other pages
// load when opened too: the first screen (the grievance form) comes sooner on a slow line.
const Track = lazy(() => import('./citizen/Track.tsx').then((m) => ({ default: m.Track })));
const Schemes = lazy(() => import('./citizen/Schemes.tsx').then((m) => ({ default: m.Schemes })));
const Ask = lazy(() => import('./citizen/Ask.tsx').then((m) => ({ default: m.Ask })));
const Admin = lazy(() => import('./admin/Admin.tsx').then((m) => ({ default: m.Admin })));
const Supervise = lazy(() => import('./staff/Supervise.tsx').then((m) => ({ default: m.Supervise })));
const Workbench = lazy(() => import('./staff/Workbench.tsx').then((m) => ({ default: m.Workbench })));
const Desk = lazy(() => import('./desk/Desk.tsx').then((m) => ({ default: m.Desk })));
const Wallboard = lazy(() => import('./desk/Wallboard.tsx').then((m) => ({ default: m.Wallboard })));

/** Roles that work grievances in the officers' queue; an agent without one of them works at the desk. */
const QUEUE_ROLES = ['officer', 'nodal_officer', 'supervisor', 'monitor', 'admin', 'auditor'];
const atTheDesk = (me: Me) =>
  me.kind === 'staff' &&
  Boolean(me.roles?.includes('agent')) &&
  !me.roles?.some((r) => QUEUE_ROLES.includes(r));

const ROUTES: Record<
  string,
  'lodge' | 'track' | 'schemes' | 'ask' | 'work' | 'admin' | 'supervise' | 'desk' | 'wallboard'
> = {
  '/': 'lodge',
  '/track': 'track',
  '/schemes': 'schemes',
  '/ask': 'ask',
  '/work': 'work',
  '/admin': 'admin',
  '/supervise': 'supervise',
  '/desk': 'desk',
  '/wallboard': 'wallboard',
};

export function App() {
  const { t, i18n } = useTranslation();
  const [path, setPath] = useState(window.location.pathname);
  const [me, setMe] = useState<Me>({ kind: 'public', csrfToken: null });
  // On a phone the navigation folds behind a menu button, so the page starts near the top of the screen.
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    api<Me>('GET', '/api/auth/me').then(setMe, () => undefined);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // The shell hears the change through popstate, like the pages that keep their place in the address.
  const go = (to: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    setMenuOpen(false);
    navigate(to);
  };
  const page = ROUTES[path] ?? 'lodge';

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <button
          type="button"
          className="menu"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('app.menu')}
        </button>
        <label className="language">
          <span className="language-name">{t('app.language')}</span>{' '}
          <select value={i18n.language} onChange={(e) => i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <nav id="site-nav" aria-label={t('app.name')} className={menuOpen ? 'open' : undefined}>
          <a href="/" aria-current={page === 'lodge' ? 'page' : undefined} onClick={go('/')}>
            {t('nav.lodge')}
          </a>
          <a href="/track" aria-current={page === 'track' ? 'page' : undefined} onClick={go('/track')}>
            {t('nav.track')}
          </a>
          <a href="/schemes" aria-current={page === 'schemes' ? 'page' : undefined} onClick={go('/schemes')}>
            {t('schemes.nav')}
          </a>
          <a href="/ask" aria-current={page === 'ask' ? 'page' : undefined} onClick={go('/ask')}>
            {t('ask.nav')}
          </a>
          <a href="/work" aria-current={page === 'work' ? 'page' : undefined} onClick={go('/work')}>
            {me.kind !== 'staff' ? t('nav.staff') : atTheDesk(me) ? t('desk.nav') : t('nav.work')}
          </a>
          {me.roles?.some((r) => r === 'supervisor' || r === 'monitor' || r === 'nodal_officer') && (
            <a
              href="/supervise"
              aria-current={page === 'supervise' ? 'page' : undefined}
              onClick={go('/supervise')}
            >
              {t('nav.supervise')}
            </a>
          )}
          {me.roles?.some((r) => r === 'agent' || r === 'supervisor') && !atTheDesk(me) && (
            <a href="/desk" aria-current={page === 'desk' ? 'page' : undefined} onClick={go('/desk')}>
              {t('desk.nav')}
            </a>
          )}
          {me.roles?.some((r) => r === 'supervisor' || r === 'monitor') && (
            <a
              href="/wallboard"
              aria-current={page === 'wallboard' ? 'page' : undefined}
              onClick={go('/wallboard')}
            >
              {t('wallboard.nav')}
            </a>
          )}
          {me.roles?.includes('admin') && (
            <a href="/admin" aria-current={page === 'admin' ? 'page' : undefined} onClick={go('/admin')}>
              {t('nav.admin')}
            </a>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          {page === 'lodge' && <Lodge me={me} onSignedIn={setMe} />}
          {page === 'track' && <Track me={me} onSignedIn={setMe} />}
          {page === 'schemes' && <Schemes />}
          {page === 'ask' && <Ask me={me} onSignedIn={setMe} />}
          {page === 'work' &&
            (me.kind !== 'staff' ? (
              <StaffSignIn onSignedIn={setMe} />
            ) : atTheDesk(me) ? (
              // An agent's work is the desk, not the officers' statewide queue.
              <Desk />
            ) : (
              <Workbench roles={me.roles ?? []} />
            ))}
          {page === 'desk' && (me.kind === 'staff' ? <Desk /> : <StaffSignIn onSignedIn={setMe} />)}
          {page === 'wallboard' && (me.kind === 'staff' ? <Wallboard /> : <StaffSignIn onSignedIn={setMe} />)}
          {page === 'supervise' && (me.kind === 'staff' ? <Supervise /> : <StaffSignIn onSignedIn={setMe} />)}
          {page === 'admin' &&
            (me.kind === 'staff' && me.roles?.includes('admin') ? (
              <Admin />
            ) : (
              <StaffSignIn onSignedIn={setMe} />
            ))}
        </Suspense>
      </main>
      <footer>{t('app.helpline')}</footer>
    </>
  );
}
