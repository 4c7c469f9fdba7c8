// A scheduled report's file, attached to its email (src/insight/schedules.ts writes one copy per chosen
// position and names it in the outbox row's params as `copy`). The bytes are read here, at delivery,
// never kept in the outbox. A file above the limit is not attached (mail servers refuse large messages,
// and base64 makes a file a third larger): the email says so and gives the link alone.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RenderedMessage } from './adapter.ts';
import type { ClaimedRow } from './render.ts';
import { replyText } from './templates.ts';

/** 5 MiB: some 6.7 MB once encoded, under the 10 MB many mail servers accept. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ReportFile {
  filename: string;
  contentType: string;
  bytes: number;
  /** Null when it is larger than the limit (its bytes are then not read). */
  content: Buffer | null;
}

const copyOf = (row: ClaimedRow) =>
  row.template === 'insight_report' && Number.isInteger(Number(row.params.copy))
    ? Number(row.params.copy)
    : null;

/** The report files of a batch's rows, by copy id, in one query. */
export async function reportFiles(
  db: Kysely<DB>,
  rows: ClaimedRow[],
  maxBytes: number,
): Promise<Map<number, ReportFile>> {
  const ids = rows.map(copyOf).filter((id) => id !== null);
  const out = new Map<number, ReportFile>();
  if (ids.length === 0) return out;
  const found = await db
    .selectFrom('insight_report_copies as c')
    .innerJoin('insight_reports as r', 'r.id', 'c.report_id')
    .innerJoin('insight_report_schedules as s', 's.id', 'r.schedule_id')
    .select([
      'c.id',
      'r.format',
      'r.period_from as periodFrom',
      's.name',
      sql<number>`octet_length(c.file)`.as('bytes'),
      sql<Buffer | null>`case when octet_length(c.file) <= ${maxBytes} then c.file end`.as('content'),
    ])
    .where('c.id', 'in', ids)
    .execute();
  for (const f of found)
    out.set(Number(f.id), {
      // The schedule's name in its own script (a mail header may carry it; an HTTP download's may not).
      filename: `${`${f.name} ${f.periodFrom}`.replace(/[^\p{L}\p{M}\p{N}._]+/gu, '-')}.${f.format}`,
      contentType: TYPES[f.format] ?? 'application/octet-stream',
      bytes: Number(f.bytes),
      content: f.content === null ? null : Buffer.from(f.content),
    });
  return out;
}

/**
 * The `attachment` words of a report email (attached, or too large with its size, or the link alone for
 * a row without a copy) and the attachment itself.
 */
export function reportAttachment(
  row: ClaimedRow,
  files: Map<number, ReportFile>,
  language: string,
): { words: string; attachments?: RenderedMessage['attachments'] } {
  const link = String(row.params.link ?? '');
  const id = copyOf(row);
  const file = id === null ? undefined : files.get(id);
  if (!file) return { words: replyText('reportLinked', language, { link }) };
  if (!file.content) {
    const size = new Intl.NumberFormat(language, {
      style: 'unit',
      unit: 'megabyte',
      maximumFractionDigits: 1,
    }).format(file.bytes / 1_000_000);
    return { words: replyText('reportTooLarge', language, { size, link }) };
  }
  return {
    words: replyText('reportAttached', language, { file: file.filename, link }),
    attachments: [{ filename: file.filename, content: file.content, contentType: file.contentType }],
  };
}
