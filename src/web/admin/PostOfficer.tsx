// Posting an officer to a position: the previous holder (if any) is relieved, and the grievances stay
// with the position for the new holder to take over.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { OfficerPicker } from './OfficerPicker.tsx';
import type { Officer, Position } from './types.ts';

export function PostOfficer({
  position,
  onDone,
}: {
  position: Position;
  onDone: (message?: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [officer, setOfficer] = useState<Officer | null>(null);
  const title = pick(position.title, i18n.language);
  const { submit, error } = useSubmit(async () => {
    if (!officer) return;
    await api('PUT', `/api/positions/${position.id}/holder`, { officerId: officer.id });
    onDone(t('adminPositions.posted', { name: officer.name, title }));
  });

  return (
    <Form
      panel
      title={t('adminPositions.postTitle', { title })}
      onSubmit={submit}
      error={error}
      submitLabel={t('adminPositions.postButton')}
      onCancel={() => onDone()}
    >
      <p>
        {position.officerName
          ? t('adminPositions.heldBy', { name: position.officerName })
          : t('adminPositions.isVacant')}{' '}
        {t('adminPositions.staysHint')}
      </p>
      <OfficerPicker label={t('adminPositions.officerToPost')} required onChange={setOfficer} />
    </Form>
  );
}
