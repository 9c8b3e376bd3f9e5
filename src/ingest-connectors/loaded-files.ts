import type { Database, Queryable } from '../storage/database.js';
import type { BatchSummary } from './batch-summary.js';
import type { ProgressStep } from './commit-batch.js';
import { ConnectorError } from './connector-error.js';
import { lockConnector, recordBatch } from './connector-store.js';

/** A file as `brigade ingest dir` met it: its name and its bytes' SHA-256 (ingest_connector_files). */
export interface FileKey {
  connector: string;
  fileName: string;
  sha256: string;
}

export type FileStatus = 'loading' | 'loaded' | 'quarantined';

export interface FileRecord {
  status: FileStatus;
  events: number;
  eventsDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  reason: string | null;
}

const FILE_COLUMNS = `status, events, events_done AS "eventsDone", accepted, duplicates, rejected, reason`;

export async function findFile(db: Queryable, key: FileKey): Promise<FileRecord | undefined> {
  const { rows } = await db.query<FileRecord>(
    `SELECT ${FILE_COLUMNS} FROM ingest_connector_files WHERE connector = $1 AND file_name = $2 AND sha256 = $3`,
    [key.connector, key.fileName, key.sha256],
  );
  return rows[0];
}

/**
 * The progress of a file over one batch: its events `from` to `to` (of `total`). Claiming locks the
 * connector's row and checks the file is where this process left it. The file's row is written with
 * the batch; the last batch settles it as `loaded`, or `quarantined` when not one of its events was
 * taken (all rejected), with the reason `quarantineReason` gives. `settled()` tells which, after commit.
 */
export function fileStep(
  key: FileKey,
  file: { sizeBytes: number; total: number; from: number; to: number },
  quarantineReason: (totals: FileRecord, last: BatchSummary) => string,
): ProgressStep & { settled(): FileRecord | undefined } {
  let before: FileRecord | undefined;
  let after: FileRecord | undefined;
  return {
    async claim(tx) {
      await lockConnector(tx, key.connector);
      before = await findFile(tx, key);
      if ((before?.eventsDone ?? 0) !== file.from || (before && before.status !== 'loading')) {
        throw new ConnectorError(
          'ingest_connector_busy',
          `${key.fileName} was taken further by another process running connector "${key.connector}"`,
        );
      }
    },
    async advance(tx, summary: BatchSummary) {
      await recordBatch(tx, key.connector, summary);
      const totals: FileRecord = {
        status: 'loading',
        events: file.total,
        eventsDone: file.to,
        accepted: (before?.accepted ?? 0) + summary.accepted,
        duplicates: (before?.duplicates ?? 0) + summary.duplicates,
        rejected: (before?.rejected ?? 0) + summary.rejected,
        reason: null,
      };
      if (file.to >= file.total) {
        const nothingTaken = totals.events > 0 && totals.accepted + totals.duplicates === 0;
        totals.status = nothingTaken ? 'quarantined' : 'loaded';
        totals.reason = nothingTaken ? quarantineReason(totals, summary) : null;
      }
      await writeFile(tx, key, file.sizeBytes, totals);
      after = totals;
    },
    settled: () => (after && after.status !== 'loading' ? after : undefined),
  };
}

/** Records a file that could not be read as events (not JSON, ...) as quarantined, with the reason. */
export async function recordUnreadable(
  db: Database,
  key: FileKey,
  sizeBytes: number,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockConnector(tx, key.connector);
    await writeFile(tx, key, sizeBytes, {
      status: 'quarantined',
      events: 0,
      eventsDone: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      reason,
    });
  });
}

async function writeFile(tx: Queryable, key: FileKey, sizeBytes: number, record: FileRecord): Promise<void> {
  await tx.query(
    `INSERT INTO ingest_connector_files
       (connector, file_name, sha256, size_bytes, events, events_done, accepted, duplicates, rejected, status, reason,
        finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $10::text = 'loading' THEN NULL ELSE now() END)
     ON CONFLICT (connector, file_name, sha256) DO UPDATE SET
       events = excluded.events, events_done = excluded.events_done, accepted = excluded.accepted,
       duplicates = excluded.duplicates, rejected = excluded.rejected, status = excluded.status,
       reason = excluded.reason, finished_at = excluded.finished_at`,
    [
      key.connector,
      key.fileName,
      key.sha256,
      sizeBytes,
      record.events,
      record.eventsDone,
      record.accepted,
      record.duplicates,
      record.rejected,
      record.status,
      record.reason,
    ],
  );
}
