import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import type { ConnectorState } from './connector-store.js';

/** What every running connector has: this Brigade's database, its own row and a logger named after it. */
export interface ConnectorContext {
  db: Database;
  connector: ConnectorState;
  logger: Logger;
  /** Aborted when the connector is asked to stop (SIGINT, SIGTERM): it finishes its batch and returns. */
  signal: AbortSignal;
}
