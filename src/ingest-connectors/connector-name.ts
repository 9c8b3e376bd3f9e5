/** The kinds of connector; one table row per named connector (migrations/010-ingest-connectors.sql). */
export type ConnectorKind = 'http' | 'sse' | 'dir';

export const MAX_CONNECTOR_NAME = 200;

/**
 * The name a connector gets unless `--name` says otherwise: its kind, the business it ingests into and
 * where it reads (the displayed URL, or the folder's absolute path). Two connectors differing in any of
 * them keep separate watermarks; the same command run again finds its own.
 */
export function defaultConnectorName(kind: ConnectorKind, businessId: string, source: string): string {
  const name = `${kind}:${businessId}:${source}`;
  return name.length <= MAX_CONNECTOR_NAME ? name : name.slice(0, MAX_CONNECTOR_NAME);
}
