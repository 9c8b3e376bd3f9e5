import { UUID_PATTERN } from '../../schemas/formats.js';
import { uuidV5 } from './uuid-v5.js';

export type ForeignSource = 'ghost-kitchen' | 'stream-stack';

/**
 * Brigade ids for what a foreign source names with its own ids. Each is a UUID v5 of the business, the
 * source and the foreign id, so the same foreign event always gets the same Brigade event id (how a
 * repeat is recognised), and two businesses ingesting the same foreign ids never share a Brigade id.
 */
export interface IngestIds {
  /** The Brigade id of a foreign event. */
  event(foreignId: string): string;
  /** The Brigade id of a foreign order. */
  order(foreignId: string): string;
  /**
   * Any other foreign reference (item, brand, category, payment, feedback, customer). A UUID is kept as
   * it is, so a source that already uses Brigade's ids (of its menu, say) keeps them.
   */
  ref(kind: string, foreignId: string): string;
}

export function ingestIds(businessId: string, source: ForeignSource): IngestIds {
  const name = (kind: string, id: string) => uuidV5(`${businessId}/${source}/${kind}/${id}`);
  return {
    event: (id) => name('event', id),
    order: (id) => name('order', id),
    ref: (kind, id) => (UUID_PATTERN.test(id) ? id.toLowerCase() : name(kind, id)),
  };
}

/** The id of a further Brigade event made from one foreign event (or of a part of an order). */
export function derivedId(baseId: string, part: string): string {
  return uuidV5(`${baseId}/${part}`);
}
