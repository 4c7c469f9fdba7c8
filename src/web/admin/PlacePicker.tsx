// Choosing a place in the jurisdiction tree one level at a time (state, then division, then district...),
// each list labelled with its level's name. The deepest choice is the value; choosing nothing at all
// means "everywhere" where the caller allows it. Given an initial place, it opens at that place.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { fetchAll, placeLevels } from './lookups.ts';
import type { Place, PlaceLevel } from './types.ts';

interface Step {
  options: Place[];
  chosen: number | null;
}

const childrenOf = (parentId: number | null) =>
  fetchAll<Place>(parentId === null ? '/api/places?depth=1' : `/api/places?parentId=${parentId}`);

/** The lists that lead to `placeId`: at each level, its siblings with it chosen; then its children. */
async function stepsTo(placeId: number | null): Promise<Step[]> {
  if (placeId === null) return [{ options: await childrenOf(null), chosen: null }];
  const { lineage } = await api<{ lineage: Place[] }>('GET', `/api/places/${placeId}`);
  const steps = await Promise.all(
    lineage.map(async (p) => ({ options: await childrenOf(p.parentId), chosen: p.id })),
  );
  const below = await childrenOf(placeId);
  return below.length ? [...steps, { options: below, chosen: null }] : steps;
}

export function PlacePicker({
  legend,
  hint,
  initial = null,
  required = false,
  onChange,
}: {
  legend: string;
  hint?: string;
  /** Where to open; to move it later, remount with a new `key`. */
  initial?: number | null;
  required?: boolean;
  onChange: (place: Place | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [levels, setLevels] = useState<PlaceLevel[]>([]);
  const [steps, setSteps] = useState<Step[]>([]);
  const [error, setError] = useState<unknown>(null);

  // Only the place it opened at counts: later changes of `initial` are the picker's own choices echoed
  // back by the caller. The caller learns the initial place too, once loaded, as if it had been chosen.
  const [start] = useState(initial);
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => {
    placeLevels().then(setLevels, setError);
    stepsTo(start).then((loaded) => {
      setSteps(loaded);
      const last = [...loaded].reverse().find((s) => s.chosen);
      if (start !== null) report.current(last?.options.find((p) => p.id === last.chosen) ?? null);
    }, setError);
  }, [start]);

  function choose(index: number, placeId: number) {
    const kept = steps
      .map((s, i) => (i === index ? { ...s, chosen: placeId || null } : s))
      .slice(0, index + 1);
    setSteps(kept);
    const deepest = [...kept].reverse().find((s) => s.chosen);
    const place = deepest ? (deepest.options.find((p) => p.id === deepest.chosen) ?? null) : null;
    onChange(place);
    if (!placeId) return;
    childrenOf(placeId).then((items) => {
      // Only if that is still the choice: a quick change of mind may have overtaken this answer.
      setSteps((now) =>
        items.length && now[index]?.chosen === placeId
          ? [...now.slice(0, index + 1), { options: items, chosen: null }]
          : now,
      );
    }, setError);
  }

  return (
    <fieldset>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {steps.map((step, index) => {
        const depth = step.options[0]?.depth ?? index + 1;
        const level = levels.find((l) => l.depth === depth);
        return (
          <div key={`${depth}-${step.options[0]?.id ?? 'none'}`}>
            <label htmlFor={`${id}-${index}`}>
              {pick(level?.name, lang) || t('admin.levelN', { n: depth })}
            </label>
            <select
              id={`${id}-${index}`}
              required={required && index === 0}
              aria-describedby={hint ? `${id}-hint` : undefined}
              value={step.chosen ?? ''}
              onChange={(e) => choose(index, Number(e.target.value))}
            >
              <option value="">{index === 0 ? t('admin.choose') : t('admin.anyBelow')}</option>
              {step.options.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.active ? pick(p.name, lang) : t('admin.inactiveMark', { name: pick(p.name, lang) })}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <ErrorMessage error={error} />
    </fieldset>
  );
}
