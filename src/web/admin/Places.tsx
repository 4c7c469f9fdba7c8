// The jurisdiction tree, one level at a time: open a place to see the places under it, add a child,
// rename one in every language, or deactivate it (it stays on old grievances but is no longer offered).
// The names of the levels themselves (state, division, district...) are edited at the bottom.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, pick } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { LevelNames } from './LevelNames.tsx';
import { forgetPlace, forgetPlaceLevels, placeLevels } from './lookups.ts';
import { Pager } from './Pager.tsx';
import { AddPlace, RenamePlace } from './PlaceForms.tsx';
import { ActiveToggle, RowButton } from './RowActions.tsx';
import { Table } from './Table.tsx';
import type { Page, Place, PlaceLevel } from './types.ts';
import { useList } from './useList.ts';

const PAGE = 100;

export function Places() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [trail, setTrail] = useState<Place[]>([]); // the places opened, from the top; empty: the top
  const [levels, setLevels] = useState<PlaceLevel[]>([]);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Place | null>(null);
  const parent = trail.at(-1) ?? null;
  const where = parent ? `parentId=${parent.id}` : 'depth=1';
  const {
    data: list,
    status,
    setStatus,
    error,
    setError,
    changed,
    act,
  } = useList<Page<Place>>(`/api/places?${where}&limit=${PAGE}&offset=${offset}`);

  const loadLevels = useCallback(() => {
    placeLevels().then(setLevels, setError);
  }, [setError]);
  useEffect(loadLevels, [loadLevels]);

  const levelName = (depth: number) =>
    pick(levels.find((l) => l.depth === depth)?.name, lang) || t('admin.levelN', { n: depth });
  const open = (to: Place[]) => {
    setTrail(to);
    setOffset(0);
    setEditing(null);
    setStatus('');
  };

  const depth = (parent?.depth ?? 0) + 1;
  // The tree has one top: once it exists, places are only added under it.
  const canAdd = parent !== null || list?.total === 0;
  return (
    <>
      <h2>{t('admin.places')}</h2>
      <nav aria-label={t('adminPlaces.trail')}>
        <ol className="trail">
          <li>
            {trail.length ? (
              <button type="button" className="link" onClick={() => open([])}>
                {t('adminPlaces.top')}
              </button>
            ) : (
              <span aria-current="location">{t('adminPlaces.top')}</span>
            )}
          </li>
          {trail.map((p, i) => (
            <li key={p.id}>
              {i < trail.length - 1 ? (
                <button type="button" className="link" onClick={() => open(trail.slice(0, i + 1))}>
                  {pick(p.name, lang)}
                </button>
              ) : (
                <span aria-current="location">{pick(p.name, lang)}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <ErrorMessage error={error} />
      <p role="status">{status}</p>
      <Table
        caption={
          parent
            ? t('adminPlaces.under', { level: levelName(depth), name: pick(parent.name, lang) })
            : t('adminPlaces.topCaption', { level: levelName(1) })
        }
        columns={[t('admin.code'), t('admin.name'), t('admin.status'), t('admin.actions')]}
      >
        {list?.items.map((p) => {
          const name = pick(p.name, lang);
          return (
            <tr key={p.id}>
              <td>{p.code}</td>
              <td>{name}</td>
              <td>{p.active ? t('admin.active') : t('admin.inactive')}</td>
              <td className="actions">
                {levels.some((l) => l.depth === p.depth + 1) && (
                  <RowButton item={name} onClick={() => open([...trail, p])}>
                    {t('adminPlaces.open')}
                  </RowButton>
                )}{' '}
                <RowButton item={name} onClick={() => setEditing(p)}>
                  {t('admin.rename')}
                </RowButton>{' '}
                <ActiveToggle
                  active={p.active}
                  item={name}
                  onChange={(active) =>
                    act(t(active ? 'admin.reactivated' : 'admin.deactivated', { name }), async () => {
                      await api('PATCH', `/api/places/${p.id}`, { active });
                      forgetPlace(p.id);
                    })
                  }
                />
              </td>
            </tr>
          );
        })}
      </Table>
      {list && list.items.length === 0 && <p>{t('adminPlaces.empty')}</p>}
      {list && <Pager offset={offset} limit={PAGE} total={list.total} onOffset={setOffset} />}
      {editing && (
        <RenamePlace
          key={editing.id}
          place={editing}
          onDone={(message) => {
            setEditing(null);
            changed(message);
          }}
        />
      )}
      {canAdd &&
        (levels.some((l) => l.depth === depth) ? (
          <AddPlace
            parent={parent}
            levelName={levelName(depth)}
            onAdded={(place) => changed(t('admin.addedName', { name: pick(place.name, lang) }))}
          />
        ) : (
          parent && <p>{t('adminPlaces.noLevel', { level: levelName(parent.depth) })}</p>
        ))}
      <LevelNames
        url="/api/place-levels"
        field="depth"
        title={t('adminPlaces.levels')}
        hint={t('adminPlaces.levelsHint')}
        onSaved={() => {
          forgetPlaceLevels();
          loadLevels();
        }}
      />
    </>
  );
}
