// Insight's configuration: reports e-mailed on a schedule, place boundaries for the dashboard's map,
// and what the public figures page publishes.
import { useTranslation } from 'react-i18next';
import { Boundaries } from './Boundaries.tsx';
import { PublicPageSettings } from './PublicPageSettings.tsx';
import { ReportSchedules } from './ReportSchedules.tsx';

export function InsightSettings() {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('admin.insight')}</h2>
      <ReportSchedules />
      <Boundaries />
      <PublicPageSettings />
    </>
  );
}
