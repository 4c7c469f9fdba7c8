// Adding a place under the one open in the tree, and renaming one in every language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { Form, useSubmit } from './Form.tsx';
import { TextField } from './fields.tsx';
import { forgetPlace } from './lookups.ts';
import { cleanNames, NameFields, type Names } from './NameFields.tsx';
import type { Place } from './types.ts';

export function AddPlace({
  parent,
  levelName,
  onAdded,
}: {
  parent: Place | null;
  levelName: string;
  onAdded: (place: Place) => void;
}) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [names, setNames] = useState<Names>({});
  const { submit, error } = useSubmit(async () => {
    const place = await api<Place>('POST', '/api/places', {
      parentId: parent?.id ?? null,
      code: code.trim(),
      name: cleanNames(names),
    });
    setCode('');
    setNames({});
    onAdded(place);
  });

  return (
    <Form
      title={
        parent
          ? t('adminPlaces.addUnder', { level: levelName, name: pick(parent.name, i18n.language) })
          : t('adminPlaces.addTop', { level: levelName })
      }
      onSubmit={submit}
      error={error}
      submitLabel={t('adminPlaces.add')}
    >
      <TextField
        label={t('admin.code')}
        hint={t('adminPlaces.codeHint')}
        required
        maxLength={64}
        value={code}
        onChange={setCode}
      />
      <NameFields value={names} onChange={setNames} />
    </Form>
  );
}

export function RenamePlace({ place, onDone }: { place: Place; onDone: (message?: string) => void }) {
  const { t, i18n } = useTranslation();
  const [names, setNames] = useState<Names>({ ...place.name });
  const { submit, error } = useSubmit(async () => {
    const saved = await api<Place>('PATCH', `/api/places/${place.id}`, { name: cleanNames(names) });
    forgetPlace(place.id);
    onDone(t('admin.renamed', { name: pick(saved.name, i18n.language) }));
  });

  return (
    <Form
      panel
      title={t('admin.renameTitle', { name: pick(place.name, i18n.language) })}
      onSubmit={submit}
      error={error}
      submitLabel={t('admin.save')}
      onCancel={() => onDone()}
    >
      <NameFields value={names} onChange={setNames} />
    </Form>
  );
}
