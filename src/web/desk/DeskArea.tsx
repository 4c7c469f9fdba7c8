// The desk's pages under one navigation: the calls, outbound calls, the walk-in counter and the agent's
// corrections; for supervisors also the campaigns, quality review and the wallboard. The printable slip
// stands alone (nothing but the slip goes to paper).
import { useTranslation } from 'react-i18next';
import { navigate } from '../navigate.ts';
import { Campaigns } from './Campaigns.tsx';
import { Desk } from './Desk.tsx';
import { Outbound } from './Outbound.tsx';
import { Corrections, QualityReview } from './Quality.tsx';
import { SlipPage } from './Slip.tsx';
import { WalkIn } from './WalkIn.tsx';

const AGENT_PAGES = [
  ['/desk', 'deskScreens.nav.calls'],
  ['/desk/outbound', 'deskScreens.nav.outbound'],
  ['/desk/walk-in', 'deskScreens.nav.walkIn'],
  ['/desk/corrections', 'deskScreens.nav.corrections'],
] as const;
const SUPERVISOR_PAGES = [
  ['/campaigns', 'deskScreens.nav.campaigns'],
  ['/quality', 'deskScreens.nav.quality'],
] as const;

export function DeskArea({ path, roles }: { path: string; roles: string[] }) {
  const { t } = useTranslation();
  const supervisor = roles.includes('supervisor');
  if (path === '/slip') return <SlipPage />;
  const pages = [...AGENT_PAGES, ...(supervisor ? SUPERVISOR_PAGES : [])];
  return (
    <>
      <nav aria-label={t('deskScreens.nav.label')} className="subnav no-print">
        {pages.map(([to, label]) => (
          <a
            key={to}
            href={to}
            aria-current={path === to ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(to);
            }}
          >
            {t(label)}
          </a>
        ))}
      </nav>
      {path === '/desk/outbound' ? (
        <Outbound />
      ) : path === '/desk/walk-in' ? (
        <WalkIn />
      ) : path === '/desk/corrections' ? (
        <Corrections />
      ) : path === '/campaigns' && supervisor ? (
        <Campaigns />
      ) : path === '/quality' && supervisor ? (
        <QualityReview />
      ) : (
        <Desk />
      )}
    </>
  );
}
