import { createHash } from 'node:crypto';

/**
 * The namespace of every id Brigade derives for ingested events (RFC 9562 name-based UUIDs). Fixed
 * forever: changing it would give a foreign event a new id, and a repeated one would be appended twice.
 */
export const INGEST_NAMESPACE = '6f1d2c3b-8a47-4e0e-9b55-2d7c1a90e4f3';

/**
 * UUID version 5 (SHA-1, RFC 9562 §5.5) of `name` in `namespace`: the same name always gives the same
 * id, so a foreign event id maps to one Brigade event id however often it is sent.
 */
export function uuidV5(name: string, namespace: string = INGEST_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
