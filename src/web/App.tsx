// The shell: skip link, header with the language switch, navigation (only the pages this person may
// use), who is signed in with the way to sign out, and the page for the address: a staff page behind
// sign-in and its roles, "not permitted" or "not found" where the address leads nowhere for them.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me, SESSION_ENDED } from './api.ts';
import { Lodge } from './citizen/Lodge.tsx';
import { LANGUAGES } from './i18n.ts';
import { navigate } from './navigate.ts';
import { Account } from './shell/Account.tsx';
import { homeOf, isStaff, mayOpen, STAFF_PAGES, type StaffPage } from './shell/pages.ts';
import { NotFound, NotPermitted } from './shell/Refusals.tsx';
import { type Page, ROUTES } from './shell/routes.ts';
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
const DeskArea = lazy(() => import('./desk/DeskArea.tsx').then((m) => ({ default: m.DeskArea })));
const Wallboard = lazy(() => import('./desk/Wallboard.tsx').then((m) => ({ default: m.Wallboard })));
const CommandWall = lazy(() => import('./insight/CommandWall.tsx').then((m) => ({ default: m.CommandWall })));
const PublicFigures = lazy(() =>
  import('./insight/PublicFigures.tsx').then((m) => ({ default: m.PublicFigures })),
);
const FeedbackLink = lazy(() =>
  import('./citizen/FeedbackLink.tsx').then((m) => ({ default: m.FeedbackLink })),
);
const AuditLog = lazy(() => import('./audit/AuditLog.tsx').then((m) => ({ default: m.AuditLog })));

const PUBLIC: Me = { kind: 'public', csrfToken: null };

/** The staff pages in the order the navigation lists them, with the words of their links. */
const STAFF_LINKS: [StaffPage, string][] = [
  ['work', 'nav.work'],
  ['supervise', 'nav.supervise'],
  ['desk', 'desk.nav'],
  ['wallboard', 'wallboard.nav'],
  ['command', 'wall.nav'],
  ['audit', 'access.auditNav'],
  ['admin', 'nav.admin'],
];

export function App() {
  const { t, i18n } = useTranslation();
  const [path, setPath] = useState(window.location.pathname);
  // null until the server says who this is: a staff page waits rather than flash the sign-in form.
  const [me, setMe] = useState<Me | null>(null);
  // On a phone the navigation folds behind a menu button, so the page starts near the top of the screen.
  const [menuOpen, setMenuOpen] = useState(false);
  const signedInAs = useRef(me);
  signedInAs.current = me;

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    api<Me>('GET', '/api/auth/me').then(setMe, () => setMe(PUBLIC));
    const onEnded = () => {
      const kind = signedInAs.current?.kind;
      if (kind === 'staff' || kind === 'citizen') api<Me>('GET', '/api/auth/me').then(setMe, () => undefined);
    };
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener(SESSION_ENDED, onEnded);
    };
  }, []);

  // The shell hears the change through popstate, like the pages that keep their place in the address.
  const go = (to: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    setMenuOpen(false);
    navigate(to);
  };
  const page: Page | undefined = ROUTES[path];
  const who = me ?? PUBLIC;
  const staff = isStaff(me);

  // Signed in as staff where there is nothing for them (the sign-in page, or a page of another role's):
  // on to where their work is.
  const signedIn = (next: Me) => {
    setMe(next);
    if (
      isStaff(next) &&
      (page === 'staff' || (page && page in STAFF_PAGES && !mayOpen(next, page as StaffPage)))
    )
      navigate(homeOf(next), { replace: true });
  };
  useEffect(() => {
    if (page === 'staff' && me && isStaff(me)) navigate(homeOf(me), { replace: true });
  }, [page, me]);
  const signedOut = (next: Me) => {
    const wasStaff = me?.kind === 'staff';
    setMe(next);
    // The next person at this PC starts where they would on arriving: staff at the sign-in form.
    navigate(wasStaff ? '/staff' : '/');
  };

  /** A staff page: the sign-in form for someone not signed in as staff, "not permitted" for a role without it. */
  const staffPage = (name: StaffPage, render: () => React.ReactNode) => {
    if (!me) return <p role="status">{t('app.loading')}</p>;
    if (me.kind === 'citizen') return <NotPermitted me={me} />;
    if (!staff) return <StaffSignIn onSignedIn={signedIn} />;
    if (!mayOpen(me, name)) return <NotPermitted me={me} />;
    return render();
  };
  const link = (to: string, name: Page, label: string) => (
    <a key={to} href={to} aria-current={page === name ? 'page' : undefined} onClick={go(to)}>
      {label}
    </a>
  );

  // The wall screen is the whole screen: no header, navigation or footer to read across a room.
  if (page === 'command' && mayOpen(me, 'command'))
    return (
      <main id="main" className="wall-screen">
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <CommandWall />
        </Suspense>
      </main>
    );

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
          {link('/', 'lodge', t('nav.lodge'))}
          {link('/track', 'track', t('nav.track'))}
          {link('/schemes', 'schemes', t('schemes.nav'))}
          {link('/ask', 'ask', t('ask.nav'))}
          {link('/figures', 'figures', t('pub.nav'))}
          {staff
            ? STAFF_LINKS.filter(([name]) => mayOpen(me, name)).map(([name, label]) =>
                link(`/${name}`, name, t(label)),
              )
            : who.kind !== 'citizen' && link('/staff', 'staff', t('nav.staff'))}
        </nav>
        <Account me={who} onSignedOut={signedOut} />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          {page === 'lodge' && <Lodge me={who} onSignedIn={setMe} />}
          {page === 'track' && <Track me={who} onSignedIn={setMe} />}
          {page === 'schemes' && <Schemes />}
          {page === 'ask' && <Ask me={who} onSignedIn={setMe} />}
          {page === 'staff' &&
            (!me ? (
              <p role="status">{t('app.loading')}</p>
            ) : me.kind === 'citizen' ? (
              <NotPermitted me={me} />
            ) : (
              <StaffSignIn onSignedIn={signedIn} />
            ))}
          {page === 'work' && staffPage('work', () => <Workbench roles={me?.roles ?? []} />)}
          {page === 'desk' && staffPage('desk', () => <DeskArea path={path} roles={me?.roles ?? []} />)}
          {page === 'wallboard' && staffPage('wallboard', () => <Wallboard />)}
          {page === 'command' && staffPage('command', () => <CommandWall />)}
          {page === 'figures' && <PublicFigures />}
          {page === 'feedback' && <FeedbackLink />}
          {page === 'supervise' && staffPage('supervise', () => <Supervise roles={me?.roles ?? []} />)}
          {page === 'admin' && staffPage('admin', () => <Admin />)}
          {page === 'audit' && staffPage('audit', () => <AuditLog />)}
          {page === undefined && <NotFound me={who} />}
        </Suspense>
      </main>
      <footer>{t('app.helpline')}</footer>
    </>
  );
}
