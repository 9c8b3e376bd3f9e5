import type { Logger } from 'pino';
import { type BatchSummary, describeCounts, isWorthKeeping } from './batch-summary.js';

/**
 * Logs a committed batch: counts at info, and rejections other than the expected ones (see
 * batch-summary.ts) at warn with a few reasons, since they mean the source is inconsistent or foreign.
 */
export function logBatch(logger: Logger, where: Record<string, unknown>, summary: BatchSummary): void {
  const fields = {
    ...where,
    events: summary.events,
    accepted: summary.accepted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    ...(summary.rejected > 0 ? { rejectedByCode: summary.rejectedByCode } : {}),
  };
  const notable = summary.rejections.filter(isWorthKeeping);
  if (notable.length === 0) {
    logger.info(fields, 'batch ingested');
    return;
  }
  logger.warn(
    {
      ...fields,
      examples: notable
        .slice(0, 5)
        .map((rejection) => `${rejection.position} ${rejection.code}: ${rejection.reason}`),
    },
    `batch ingested with rejections (${describeCounts(summary.rejectedByCode)}); kept in ingest_connector_rejections`,
  );
}
