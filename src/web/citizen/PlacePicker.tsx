// Where a grievance or a question is about, chosen down the jurisdiction tree below the state
// (division, then district, then block...), each list labelled with its level's name; choosing a place
// shows the places under it, down to `maxDepth` or the bottom of the tree. The deepest choice is the
// value. Shared by the grievance form (to the village, required) and the enquiry form (a district at
// most, optional).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type I18nText, pick } from '../api.ts';

interface Place {
  id: number;
  name: I18nText;
  depth: number;
}

async function childrenOf(parentId: number): Promise<Place[]> {
  return (await api<{ items: Place[] }>('GET', `/api/places?parentId=${parentId}&limit=200`)).items;
}

export function PlacePicker({
  legend,
  required = false,
  maxDepth,
  select,
  onChange,
  onError,
}: {
  legend: string;
  /** Choose this chain (root first, as the place finder reports it): each list opens at its place. */
  select?: { id: number }[] | null;
  /** The first list must be chosen. */
  required?: boolean;
  /** The deepest level offered (3: a district, in a state > division > district tree). */
  maxDepth?: number;
  onChange: (placeId: number | null) => void;
  onError: (error: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [levels, setLevels] = useState<{ depth: number; name: I18nText }[]>([]);
  const [chain, setChain] = useState<{ options: Place[]; chosen: number | null }[]>([]);
  // Loaded once, whatever function the caller passes on each render.
  const reportError = useRef(onError);
  reportError.current = onError;
  const reportChange = useRef(onChange);
  reportChange.current = onChange;

  useEffect(() => {
    const fail = (error: unknown) => reportError.current(error);
    api<{ depth: number; name: I18nText }[]>('GET', '/api/place-levels').then(setLevels, fail);
    api<{ items: Place[] }>('GET', '/api/places?depth=1')
      .then(async (root) => {
        const items = root.items[0] ? await childrenOf(root.items[0].id) : [];
        setChain(items.length ? [{ options: items, chosen: null }] : []);
      })
      .catch(fail);
  }, []);

  useEffect(() => {
    if (!select?.length) return;
    const fail = (error: unknown) => reportError.current(error);
    // Below the root: each list holds the children of the place above, opened at the chosen one.
    const below = select.slice(1).filter((_, i) => maxDepth === undefined || i + 2 <= maxDepth);
    Promise.all(select.slice(0, below.length).map((parent) => childrenOf(parent.id)))
      .then((lists) => {
        setChain(lists.map((options, i) => ({ options, chosen: below[i]?.id ?? null })));
        reportChange.current(below.at(-1)?.id ?? null);
      })
      .catch(fail);
  }, [select, maxDepth]);

  /** Choosing a place shows the places under it, until there are none (a village or ward) or maxDepth. */
  function choose(index: number, placeId: number) {
    const next = chain
      .map((step, i) => (i === index ? { ...step, chosen: placeId || null } : step))
      .slice(0, index + 1);
    setChain(next);
    onChange([...next].reverse().find((s) => s.chosen)?.chosen ?? null);
    const depth = next[index]?.options.find((p) => p.id === placeId)?.depth ?? 0;
    if (!placeId || (maxDepth !== undefined && depth >= maxDepth)) return;
    childrenOf(placeId).then((items) => {
      if (items.length) setChain((c) => [...c.slice(0, index + 1), { options: items, chosen: null }]);
    }, onError);
  }

  return (
    <fieldset>
      <legend>{legend}</legend>
      {chain.map((step, index) => {
        const level = levels.find((l) => l.depth === (step.options[0]?.depth ?? 0));
        return (
          <div key={step.options[0]?.id ?? index}>
            <label htmlFor={`${id}-place-${index}`}>{pick(level?.name, lang)}</label>
            <select
              id={`${id}-place-${index}`}
              required={required && index === 0}
              value={step.chosen ?? ''}
              onChange={(e) => choose(index, Number(e.target.value))}
            >
              <option value="">{t('lodge.choose')}</option>
              {step.options.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.name, lang)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
