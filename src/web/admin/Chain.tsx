// A routing chain as people read it: each level's name, then the position and who holds it now.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../api.ts';
import type { Position } from './types.ts';

export interface Step {
  level: number;
  positionId: number;
}
export interface Rule {
  id: number;
  categoryId: number;
  placeId: number;
  steps: Step[];
}

/** "Junior Engineer, Biaora (Rekha Sharma)" or "... (vacant)": what a chain step means to a person. */
export function useDescribePosition(positions: Position[]) {
  const { t, i18n } = useTranslation();
  const byId = useMemo(() => new Map(positions.map((p) => [p.id, p])), [positions]);
  return (positionId: number) => {
    const p = byId.get(positionId);
    if (!p) return t('adminRouting.positionN', { id: positionId });
    const holder = p.officerName ?? t('adminPositions.vacant');
    const flags = [holder, p.active ? null : t('admin.inactive')].filter(Boolean).join(', ');
    return `${pick(p.title, i18n.language)} (${flags})`;
  };
}

export function Chain({
  steps,
  levelName,
  describe,
}: {
  steps: Step[];
  levelName: (n: number) => string;
  describe: (positionId: number) => string;
}) {
  return (
    <ol className="chain">
      {steps.map((s) => (
        <li key={s.level}>
          <strong>{levelName(s.level)}</strong> {describe(s.positionId)}
        </li>
      ))}
    </ol>
  );
}
