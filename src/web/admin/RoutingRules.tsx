// Routing rules: for a category and a place, the chain of positions L1..Ln that handles its grievances.
// A rule covers its place and everything under it, and the deepest rule wins, so a district rule can
// be overridden for one block. The server checks each chain (starts at L1, climbs one level at a time,
// each position once, active, of the category's department) and its message is shown as it is.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { Chain, type Rule, useDescribePosition } from './Chain.tsx';
import { ChainEditor } from './ChainEditor.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { SelectField } from './fields.tsx';
import { fetchAll, usePlaces } from './lookups.ts';
import { RoutePreview } from './RoutePreview.tsx';
import { RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Category, Department, EscalationLevel, Position } from './types.ts';

export function RoutingRules() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Opened from a category's "add a routing rule" link: that category, chosen.
  const [categoryId, setCategoryId] = useState<number | null>(
    () => Number(new URLSearchParams(window.location.search).get('category')) || null,
  );
  const [positions, setPositions] = useState<Position[]>([]);
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [editing, setEditing] = useState<{ rule: Rule | null; round: number }>({ rule: null, round: 0 });
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const categories = useFetched<Category[]>('/api/categories', setError).data ?? [];
  const departments = useFetched<Department[]>('/api/departments', setError).data ?? [];
  const levels = useFetched<EscalationLevel[]>('/api/escalation-levels', setError).data ?? [];
  const category = categories.find((c) => c.id === categoryId);
  const places = usePlaces(rules?.map((r) => r.placeId) ?? []);

  // Reloading keeps the rules on screen until the new list arrives, so the forms below stay as they are.
  const loadRules = useCallback(() => {
    if (categoryId)
      api<Rule[]>('GET', `/api/routing-rules?categoryId=${categoryId}`).then(setRules, setError);
  }, [categoryId]);
  useEffect(loadRules, [loadRules]);
  // A chain may only use the category's department's positions, so those are all the choices there are.
  useEffect(() => {
    setPositions([]);
    if (category)
      fetchAll<Position>(`/api/positions?departmentId=${category.departmentId}`).then(setPositions, setError);
  }, [category]);

  const describe = useDescribePosition(positions);
  const levelName = (n: number) => pick(levels.find((l) => l.level === n)?.name, lang) || `L${n}`;

  async function remove(rule: Rule) {
    setError(null);
    try {
      await api('DELETE', `/api/routing-rules/${rule.id}`);
      setStatus(t('adminRouting.deleted', { place: pick(places.get(rule.placeId)?.name, lang) }));
      loadRules();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h2>{t('admin.routing')}</h2>
      <p className="hint">{t('adminRouting.intro')}</p>
      <SelectField
        label={t('adminRouting.category')}
        value={categoryId ?? ''}
        onChange={(value) => {
          setCategoryId(Number(value) || null);
          setRules(null);
          setEditing({ rule: null, round: editing.round + 1 });
          setStatus('');
        }}
      >
        <option value="">{t('admin.choose')}</option>
        {departments.map((d) => (
          <optgroup key={d.id} label={pick(d.name, lang)}>
            {categories
              .filter((c) => c.departmentId === d.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {pick(c.name, lang)}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      {category && rules && (
        <>
          <Table
            caption={t('adminRouting.rulesFor', { category: pick(category.name, lang) })}
            columns={[t('adminRouting.place'), t('adminRouting.chain'), t('admin.actions')]}
          >
            {rules.map((r) => {
              const place = pick(places.get(r.placeId)?.name, lang);
              return (
                <tr key={r.id}>
                  <td>{place}</td>
                  <td>
                    <Chain steps={r.steps} levelName={levelName} describe={describe} />
                  </td>
                  <td className="actions">
                    <RowButton item={place} onClick={() => setEditing({ rule: r, round: editing.round + 1 })}>
                      {t('adminRouting.edit')}
                    </RowButton>{' '}
                    <ConfirmButton
                      label={t('adminRouting.delete')}
                      item={place}
                      question={t('adminRouting.confirmDelete', { place })}
                      onConfirm={() => remove(r)}
                    />
                  </td>
                </tr>
              );
            })}
          </Table>
          {rules.length === 0 && <p>{t('adminRouting.none')}</p>}
          <ChainEditor
            key={editing.round}
            category={category}
            rule={editing.rule}
            levels={levels}
            positions={positions}
            describe={describe}
            onSaved={(place) => {
              setStatus(t('adminRouting.saved', { place: pick(place.name, lang) }));
              setEditing({ rule: null, round: editing.round + 1 });
              loadRules();
            }}
          />
          <RoutePreview category={category} levelName={levelName} describe={describe} />
        </>
      )}
    </>
  );
}
