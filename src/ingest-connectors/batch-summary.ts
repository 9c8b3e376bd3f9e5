import type { IngestItemResult } from '../domain/ingest/ingest-outcome.js';
import type { IngestBatchResult } from '../services/ingest/ingest-events.js';

/** An event a connector hands to the ingest, and where it came from (for rejections). */
export interface BatchItem {
  event: unknown;
  /** `offset 1042` (http, sse) or `orders.ndjson #17` (dir). */
  position: string;
}

export interface Rejection {
  position: string;
  eventId: string | null;
  code: string;
  reason: string;
  event: unknown;
}

export interface BatchSummary {
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Rejections counted by code, for the log. */
  rejectedByCode: Record<string, number>;
  rejections: Rejection[];
}

/**
 * Codes a connector takes in its stride: a Brigade feed carries every event of its business, and the
 * ones that describe the source's own state (menus, tables, locations, ...) are not ingested by design.
 * They are counted, never kept; every other rejection is kept (ingest_connector_rejections) and logged.
 */
const EXPECTED_CODES: ReadonlySet<string> = new Set(['unsupported_type']);

export const isWorthKeeping = (rejection: Rejection): boolean => !EXPECTED_CODES.has(rejection.code);

/** What the ingest answered for a batch, in a connector's words. */
export function summarizeBatch(result: IngestBatchResult, items: readonly BatchItem[]): BatchSummary {
  const rejections = result.results
    .filter((answer): answer is IngestItemResult & { code: string } => answer.status === 'rejected')
    .map((answer) => ({
      position: items[answer.index]?.position ?? `#${answer.index}`,
      eventId: answer.event_id,
      code: answer.code,
      reason: answer.reason ?? '',
      event: items[answer.index]?.event ?? null,
    }));
  const rejectedByCode: Record<string, number> = {};
  for (const rejection of rejections) addCounts(rejectedByCode, { [rejection.code]: 1 });
  return {
    events: items.length,
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.rejected,
    rejectedByCode,
    rejections,
  };
}

/** `3 unsupported_type, 1 order_unknown`: rejection counts for people. */
export function describeCounts(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${count} ${code}`)
    .join(', ');
}

/** Adds counts by code into `into` (and returns it). */
export function addCounts(
  into: Record<string, number>,
  more: Record<string, number>,
): Record<string, number> {
  for (const [code, count] of Object.entries(more)) into[code] = (into[code] ?? 0) + count;
  return into;
}
