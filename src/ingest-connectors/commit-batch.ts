import { ingestEvents } from '../services/ingest/ingest-events.js';
import type { Database, Queryable } from '../storage/database.js';
import { type BatchItem, type BatchSummary, isWorthKeeping, summarizeBatch } from './batch-summary.js';
import { keepRejections } from './connector-store.js';
import { joinedTransaction } from './joined-transaction.js';

/**
 * How a connector records what it has taken in, inside the batch's transaction: `claim` runs first
 * (it locks the connector's row and checks that nobody moved its progress meanwhile), `advance` last,
 * once the ingest has answered.
 */
export interface ProgressStep {
  claim(tx: Queryable): Promise<void>;
  advance(tx: Queryable, summary: BatchSummary): Promise<void>;
}

/**
 * The one thing every connector does: ingest a batch through the ingest service (the one behind
 * POST /ingest/events) and record its progress in the same transaction, so the events and the
 * watermark (or file progress) commit together or not at all. A connector killed at any instant
 * resumes from a watermark that matches exactly what is in the outbox.
 */
export async function commitBatch(
  db: Database,
  connector: { name: string; businessId: string },
  items: readonly BatchItem[],
  progress: ProgressStep,
): Promise<BatchSummary> {
  return db.transaction(async (tx) => {
    await progress.claim(tx);
    const result =
      items.length === 0
        ? { accepted: 0, duplicates: 0, rejected: 0, results: [] }
        : await ingestEvents(
            joinedTransaction(db, tx),
            connector.businessId,
            items.map((item) => item.event),
          );
    const summary = summarizeBatch(result, items);
    await keepRejections(tx, connector.name, summary.rejections.filter(isWorthKeeping));
    await progress.advance(tx, summary);
    return summary;
  });
}
