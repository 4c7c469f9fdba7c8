// Choosing what a grievance is about, after the place (as FixMyStreet asks where first): only the
// categories that apply there (the place's routing rules, GET /api/categories?applicable=true), grouped
// by department, with a search box that matches names and keywords in every language, synonyms and
// Latin spellings included ("handpump", "bijli", "नल"), by the same rules as the server's search.
// Information topics are not complaints: they stay on the enquiry form.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchScore, words } from '../../directory/category-match.ts';
import { api, type I18nText, pick } from '../api.ts';
import type { CategoryField } from './CategoryFields.tsx';

export interface Category {
  id: number;
  name: I18nText;
  kind: 'complaint' | 'information' | 'service';
  keywords: Record<string, string[]>;
  resolutionValue: number;
  resolutionUnit: 'working_hours' | 'calendar_days';
  fields: CategoryField[];
  department: { id: number; name: I18nText };
}

export function CategoryPicker({
  placeId,
  value,
  onChange,
  onError,
}: {
  /** The place chosen so far (its deepest level); nothing is offered before one is chosen. */
  placeId: number | null;
  value: Category | null;
  onChange: (category: Category | null) => void;
  onError: (error: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (placeId === null) return setCategories(null);
    let current = true;
    api<Category[]>('GET', `/api/categories?activeOnly=true&applicable=true&placeId=${placeId}`).then(
      (all) => current && setCategories(all.filter((c) => c.kind !== 'information')),
      onError,
    );
    return () => {
      current = false;
    };
  }, [placeId, onError]);

  // A category chosen for another place that does not apply here is dropped.
  useEffect(() => {
    if (value && categories && !categories.some((c) => c.id === value.id)) onChange(null);
  }, [categories, value, onChange]);

  // The departments in the reader's alphabet, each with its matching categories; the chosen one stays
  // listed even when the search no longer matches it, so the list never loses the value.
  const { groups, count } = useMemo(() => {
    const typed = words(query);
    const matches = (c: Category) =>
      !typed.length || matchScore(typed, c.name, c.keywords, c.department.name) !== null;
    const all = categories ?? [];
    const shown = all.filter((c) => c.id === value?.id || matches(c));
    const byDepartment = new Map<number, { name: string; items: Category[] }>();
    for (const c of shown) {
      const group = byDepartment.get(c.department.id) ?? { name: pick(c.department.name, lang), items: [] };
      group.items.push(c);
      byDepartment.set(c.department.id, group);
    }
    const collator = new Intl.Collator(lang);
    const sorted = [...byDepartment.values()]
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((g) => ({
        ...g,
        items: g.items.sort((a, b) => collator.compare(pick(a.name, lang), pick(b.name, lang))),
      }));
    return { groups: sorted, count: all.filter(matches).length };
  }, [categories, query, value, lang]);

  if (placeId === null || categories === null) {
    return (
      <div className="category-picker">
        <label htmlFor={`${id}-category`}>{t('lodge.category')}</label>
        <select id={`${id}-category`} required disabled aria-describedby={`${id}-first`}>
          <option value="">{t('lodge.choose')}</option>
        </select>
        <p id={`${id}-first`} className="hint">
          {t('lodge.placeFirst')}
        </p>
      </div>
    );
  }
  return (
    <div className="category-picker">
      <label htmlFor={`${id}-search`}>{t('lodge.search')}</label>
      <input
        id={`${id}-search`}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby={`${id}-search-hint ${id}-count`}
      />
      <p id={`${id}-search-hint`} className="hint">
        {t('lodge.searchHint')}
      </p>
      <p id={`${id}-count`} className="hint" aria-live="polite">
        {query.trim() ? t('lodge.matches', { count }) : t('lodge.applies', { count })}
      </p>
      <label htmlFor={`${id}-category`}>{t('lodge.category')}</label>
      <select
        id={`${id}-category`}
        required
        value={value?.id ?? ''}
        onChange={(e) => onChange(categories.find((c) => c.id === Number(e.target.value)) ?? null)}
      >
        <option value="">{t('lodge.choose')}</option>
        {groups.map((g) => (
          <optgroup key={g.name} label={g.name}>
            {g.items.map((c) => (
              <option key={c.id} value={c.id}>
                {pick(c.name, lang)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
