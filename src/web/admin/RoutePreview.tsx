// "Which chain would handle a grievance of this category at this place?": the server's own answer
// (GET /api/routing-rules/resolve), so the preview can never disagree with real routing.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Chain, type Step } from './Chain.tsx';
import { useSubmit } from './Form.tsx';
import { usePlaces } from './lookups.ts';
import { PlacePicker } from './PlacePicker.tsx';
import type { Category, Place } from './types.ts';

export function RoutePreview({
  category,
  levelName,
  describe,
}: {
  category: Category;
  levelName: (n: number) => string;
  describe: (positionId: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [place, setPlace] = useState<Place | null>(null);
  const [result, setResult] = useState<{
    at: I18nText;
    route: { placeId: number; steps: Step[] } | null;
  } | null>(null);
  const ruleAt = usePlaces(result?.route ? [result.route.placeId] : []);

  const { submit, error } = useSubmit(async () => {
    if (!place) return;
    setResult(null);
    const route = await api<{ placeId: number; steps: Step[] } | null>(
      'GET',
      `/api/routing-rules/resolve?categoryId=${category.id}&placeId=${place.id}`,
    );
    setResult({ at: place.name, route });
  });

  const lang = i18n.language;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('adminRouting.previewTitle')}</h3>
      <p className="hint">{t('adminRouting.previewHint', { category: pick(category.name, lang) })}</p>
      <PlacePicker legend={t('adminRouting.previewPlace')} required onChange={setPlace} />
      <ErrorMessage error={error} />
      <button type="submit">{t('adminRouting.previewButton')}</button>
      <div role="status" data-testid="route-preview">
        {result &&
          (result.route ? (
            <>
              <p>
                {t('adminRouting.previewFound', {
                  place: pick(result.at, lang),
                  rulePlace: pick(ruleAt.get(result.route.placeId)?.name, lang),
                })}
              </p>
              <Chain steps={result.route.steps} levelName={levelName} describe={describe} />
            </>
          ) : (
            <p>{t('adminRouting.previewNone', { place: pick(result.at, lang) })}</p>
          ))}
      </div>
    </form>
  );
}
