// The measures the rollups keep (0080_insight_rollups.sql, view insight_facts) and the figures derived
// from them. One list, so the SQL that sums them, the API schema and the CSV export agree.

/** Columns of insight_daily (and of insight_facts), summed over a group. */
export const MEASURES = [
  'received',
  'assigned',
  'resolved',
  'resolved_in_time',
  'resolution_seconds',
  'resolved_with_proof',
  'resolved_last_hours',
  'closed',
  'closed_satisfied',
  'closed_no_response',
  'withdrawn',
  'rejected',
  'reopened',
  'reopened_after_resolution',
  'escalations',
  'breaches',
  'transfers',
  'wrong_transfers',
  'disposed_over50',
  'satisfied_over50',
] as const;

export type Measure = (typeof MEASURES)[number];
export type Sums = Record<Measure, number>;

export const emptySums = (): Sums => Object.fromEntries(MEASURES.map((m) => [m, 0])) as unknown as Sums;

/** The figures a dashboard shows for one group, in the API's names. */
export interface Figures {
  received: number;
  assigned: number;
  resolved: number;
  resolvedInTime: number;
  /** Share of resolutions made within the promised time (0..1); null with nothing resolved. */
  slaCompliance: number | null;
  averageResolutionHours: number | null;
  medianResolutionHours: number | null;
  resolvedWithProof: number;
  resolvedLastHours: number;
  closed: number;
  closedSatisfied: number;
  closedNoResponse: number;
  withdrawn: number;
  rejected: number;
  reopened: number;
  reopenedAfterResolution: number;
  /** Resolutions the citizen refused (reopened) per resolution. */
  reopenRate: number | null;
  /** Citizens who answered: satisfied closures and refused resolutions. */
  feedback: number;
  /** Satisfied among those who answered (0..1). */
  satisfaction: number | null;
  escalations: number;
  breaches: number;
  transfers: number;
  wrongTransfers: number;
  disposedOver50: number;
  satisfiedOver50: number;
  /** Citizens' verdicts that carried a 1-5 rating (0115_insight_ratings.sql). */
  rated: number;
  /** Their average (1..5); null with none. */
  averageRating: number | null;
}

export const FIGURE_NAMES = [
  'received',
  'assigned',
  'resolved',
  'resolvedInTime',
  'slaCompliance',
  'averageResolutionHours',
  'medianResolutionHours',
  'resolvedWithProof',
  'resolvedLastHours',
  'closed',
  'closedSatisfied',
  'closedNoResponse',
  'withdrawn',
  'rejected',
  'reopened',
  'reopenedAfterResolution',
  'reopenRate',
  'feedback',
  'satisfaction',
  'escalations',
  'breaches',
  'transfers',
  'wrongTransfers',
  'disposedOver50',
  'satisfiedOver50',
  'rated',
  'averageRating',
] as const satisfies readonly (keyof Figures)[];

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function figuresOf(
  s: Sums,
  median: number | null,
  ratings: { rated: number; ratingSum: number } = { rated: 0, ratingSum: 0 },
): Figures {
  const feedback = s.closed_satisfied + s.reopened_after_resolution;
  return {
    received: s.received,
    assigned: s.assigned,
    resolved: s.resolved,
    resolvedInTime: s.resolved_in_time,
    slaCompliance: ratio(s.resolved_in_time, s.resolved),
    averageResolutionHours: s.resolved > 0 ? s.resolution_seconds / s.resolved / 3600 : null,
    medianResolutionHours: median,
    resolvedWithProof: s.resolved_with_proof,
    resolvedLastHours: s.resolved_last_hours,
    closed: s.closed,
    closedSatisfied: s.closed_satisfied,
    closedNoResponse: s.closed_no_response,
    withdrawn: s.withdrawn,
    rejected: s.rejected,
    reopened: s.reopened,
    reopenedAfterResolution: s.reopened_after_resolution,
    reopenRate: ratio(s.reopened_after_resolution, s.resolved),
    feedback,
    satisfaction: ratio(s.closed_satisfied, feedback),
    escalations: s.escalations,
    breaches: s.breaches,
    transfers: s.transfers,
    wrongTransfers: s.wrong_transfers,
    disposedOver50: s.disposed_over50,
    satisfiedOver50: s.satisfied_over50,
    rated: ratings.rated,
    averageRating: ratio(ratings.ratingSum, ratings.rated),
  };
}

/** Bounds in hours of a resolution-time bucket; the same cut as insight_bucket() in SQL. */
export function bucketHours(bucket: number): [number, number] {
  if (bucket < 48) return [bucket, bucket + 1];
  if (bucket < 68) return [48 + (bucket - 48) * 6, 48 + (bucket - 47) * 6];
  if (bucket < 161) return [168 + (bucket - 68) * 24, 168 + (bucket - 67) * 24];
  return [2400, 2400];
}

/**
 * The median from a histogram: the bucket holding the middle resolution, interpolated within it on the
 * assumption that times spread evenly across a bucket (an hour wide up to two days, so the error is at
 * most half a bucket's width). Null with nothing resolved.
 */
export function histogramMedian(counts: Map<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = total / 2;
  let below = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    const n = counts.get(bucket) ?? 0;
    if (below + n >= half) {
      const [lo, hi] = bucketHours(bucket);
      return lo + ((half - below) / n) * (hi - lo);
    }
    below += n;
  }
  return null;
}
