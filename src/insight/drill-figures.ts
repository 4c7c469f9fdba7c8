// The figures whose grievances can be listed (GET /api/insight/grievances?figure=...), each the fact
// kind it counts and the measure that must be 1 (or 0). Apart from drill.ts, which lists them, so the
// web app's formula editor can offer them (a formula's line names the figure that explains it).
import type { Measure } from './measures.ts';

/** Each figure a list can be asked for: the fact kind it counts and the measure that must be 1 (or 0). */
export const DRILLS = {
  received: { kind: 'registered' },
  resolved: { kind: 'resolved' },
  resolvedInTime: { kind: 'resolved', measure: 'resolved_in_time', is: 1 },
  resolvedLate: { kind: 'resolved', measure: 'resolved_in_time', is: 0 },
  resolvedLastHours: { kind: 'resolved', measure: 'resolved_last_hours', is: 1 },
  resolvedWithoutProof: { kind: 'resolved', measure: 'resolved_with_proof', is: 0 },
  closed: { kind: 'closed' },
  closedSatisfied: { kind: 'closed', measure: 'closed_satisfied', is: 1 },
  closedNoResponse: { kind: 'closed', measure: 'closed_no_response', is: 1 },
  withdrawn: { kind: 'withdrawn' },
  rejected: { kind: 'rejected' },
  reopened: { kind: 'reopened' },
  reopenedAfterResolution: { kind: 'reopened', measure: 'reopened_after_resolution', is: 1 },
  escalations: { kind: 'escalated' },
  breaches: { kind: 'breach' },
  transfers: { kind: 'transferred' },
  wrongTransfers: { kind: 'wrong_transfer' },
  disposedOver50: { kind: ['closed', 'withdrawn', 'rejected'], measure: 'disposed_over50', is: 1 },
  satisfiedOver50: { kind: 'closed', measure: 'satisfied_over50', is: 1 },
  // The citizens' verdicts that carried a rating (0115); see factPage.
  rated: { kind: ['closed', 'reopened'] },
} as const satisfies Record<string, { kind: string | readonly string[]; measure?: Measure; is?: 0 | 1 }>;

export type DrillFigure = keyof typeof DRILLS | 'pending';
export const DRILL_FIGURES = [...Object.keys(DRILLS), 'pending'] as DrillFigure[];
