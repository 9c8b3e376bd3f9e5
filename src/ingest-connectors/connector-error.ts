/**
 * Why a connector stopped: a stable code (documented in docs/ingestion.md, "Connectors") and a message
 * for people. Problems a connector can outwait — the source down, a timeout, a 5xx, a stream that
 * ended — are not errors: it retries them with backoff. These are the ones retrying cannot fix.
 */
export const CONNECTOR_ERRORS = {
  ingest_business_unknown: 'The --business is not a business of this Brigade.',
  ingest_connector_mismatch: 'A connector of that name exists for another kind, source or business.',
  ingest_connector_busy: 'Another process advanced this connector meanwhile: one process per name.',
  ingest_source_unauthorized: 'The source refused the token (401 or 403).',
  ingest_source_refused: 'The source answered a client error other than 401/403 (e.g. 400, 404).',
  ingest_source_invalid: 'The source answered something that is not an offset feed or stream.',
  ingest_dir_unreadable: 'The folder to watch cannot be read.',
} as const;

export type ConnectorErrorCode = keyof typeof CONNECTOR_ERRORS;

export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ConnectorError';
  }
}
