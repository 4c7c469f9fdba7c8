// The phone line in the admin area: the call flow (edited as data, checked, saved as a new version),
// a test call through it in the browser, and the recorded prompts.
import { useTranslation } from 'react-i18next';
import { FlowEditor } from '../voice/FlowEditor.tsx';
import { PromptRecordings } from '../voice/PromptRecordings.tsx';

export function PhoneLine() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="phone-line-title">
      <h2 id="phone-line-title">{t('voice.section')}</h2>
      <FlowEditor />
      <PromptRecordings />
    </section>
  );
}
