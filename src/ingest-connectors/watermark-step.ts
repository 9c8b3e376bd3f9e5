import type { ProgressStep } from './commit-batch.js';
import { ConnectorError } from './connector-error.js';
import { lockConnector, recordBatch } from './connector-store.js';

/**
 * The progress of an offset connector (http, sse) over one batch: the watermark moves from `from` (what
 * this process last committed) to `to`. Found elsewhere than `from`, another process runs the same
 * connector, and this one stops rather than ingest the same events again.
 */
export function watermarkStep(name: string, from: number, to: number): ProgressStep {
  return {
    async claim(tx) {
      const stored = (await lockConnector(tx, name)) ?? 0;
      if (stored !== from) {
        throw new ConnectorError(
          'ingest_connector_busy',
          `connector "${name}" is at offset ${stored}, not ${from}: another process runs it`,
        );
      }
    },
    advance: (tx, summary) => recordBatch(tx, name, summary, to),
  };
}
