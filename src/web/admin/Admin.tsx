// The admin area: one screen per kind of configuration, listed in SECTIONS. Later capabilities
// (places, positions and officers, routing rules, calendars, users, message templates, IVR flows,
// channel settings) add their screen to the list; the server's validation messages are shown as they are.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Calendars } from './Calendars.tsx';
import { Categories } from './Categories.tsx';
import { ChannelSettings } from './ChannelSettings.tsx';
import { Departments } from './Departments.tsx';
import { GradingFormulas } from './GradingFormulas.tsx';
import { InsightSettings } from './InsightSettings.tsx';
import { MessageTemplates } from './MessageTemplates.tsx';
import { PhoneLine } from './PhoneLine.tsx';
import { Places } from './Places.tsx';
import { Positions } from './Positions.tsx';
import { RoutingRules } from './RoutingRules.tsx';
import { Schemes } from './Schemes.tsx';
import { Users } from './Users.tsx';

const SECTIONS = [
  { key: 'categories', component: Categories },
  { key: 'places', component: Places },
  { key: 'departments', component: Departments },
  { key: 'positions', component: Positions },
  { key: 'routing', component: RoutingRules },
  { key: 'calendars', component: Calendars },
  { key: 'users', component: Users },
  { key: 'schemes', component: Schemes },
  { key: 'messages', component: MessageTemplates },
  { key: 'channels', component: ChannelSettings },
  { key: 'phone', component: PhoneLine, label: 'voice.section' },
  { key: 'insight', component: InsightSettings },
  { key: 'grading', component: GradingFormulas },
] as const;

type Key = (typeof SECTIONS)[number]['key'];
const sectionInAddress = (): Key => {
  const asked = new URLSearchParams(window.location.search).get('section');
  return SECTIONS.find((s) => s.key === asked)?.key ?? 'categories';
};

export function Admin() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Key>(sectionInAddress);
  // A link to a section (/admin?section=routing&category=12, from the categories list) opens it.
  useEffect(() => {
    const onPop = () => setSection(sectionInAddress());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const Current = SECTIONS.find((s) => s.key === section)?.component ?? Categories;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')}>
        {SECTIONS.map((s) => (
          <button
            key={s.key}
            type="button"
            className={s.key === section ? '' : 'secondary'}
            aria-pressed={s.key === section}
            onClick={() => setSection(s.key)}
          >
            {t('label' in s ? s.label : `admin.${s.key}`)}
          </button>
        ))}
      </nav>
      <Current />
    </section>
  );
}
