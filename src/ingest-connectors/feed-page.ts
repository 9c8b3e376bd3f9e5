/** One page of an offset feed (`{events, next_since}`), read and checked before anything is ingested. */
export type FeedPage =
  | {
      ok: true;
      events: unknown[];
      /** The offset of each event (null where the event does not say), for rejections' positions. */
      offsets: (number | null)[];
      /** The watermark once the page is ingested: the events after it come next. */
      nextSince: number;
    }
  | { ok: false; reason: string };

const isOffset = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads a page asked for with `since`. `next_since` says where the next page starts (Brigade's feed and
 * the stream-stack reference send it); without it, the last event's `offset` does. A page with events
 * must move past `since`, or polling would ask for the same page forever. An empty page is "caught up"
 * and moves nothing.
 */
export function readFeedPage(body: unknown, since: number): FeedPage {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { events?: unknown }).events)) {
    return { ok: false, reason: 'the answer is not {"events": [...], "next_since": ...}' };
  }
  const { events, next_since: nextSince } = body as { events: unknown[]; next_since?: unknown };
  const offsets = events.map((event) => {
    const offset =
      typeof event === 'object' && event !== null ? (event as { offset?: unknown }).offset : null;
    return isOffset(offset) ? offset : null;
  });
  if (events.length === 0) return { ok: true, events, offsets, nextSince: since };
  if (nextSince !== undefined && nextSince !== null && !isOffset(nextSince)) {
    return { ok: false, reason: `next_since ${JSON.stringify(nextSince)} is not a non-negative integer` };
  }
  const next = nextSince ?? offsets[offsets.length - 1];
  if (next === null || next === undefined) {
    return { ok: false, reason: 'the page has neither next_since nor an offset on its last event' };
  }
  if (next <= since) {
    return { ok: false, reason: `the page does not move past since=${since} (next_since ${next})` };
  }
  return { ok: true, events, offsets, nextSince: next };
}
