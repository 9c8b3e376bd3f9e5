/** A server-sent event as the parser hands it over: `id:`, `event:` and the `data:` lines joined. */
export interface SseMessage {
  id?: string | undefined;
  event?: string | undefined;
  data: string;
}

/** A message of an offset stream, ready to ingest: its offset and its event. */
export interface OffsetEvent {
  offset: number;
  /** The parsed `data:`; the raw text when it is not JSON (the ingest then answers unknown_format). */
  event: unknown;
}

/**
 * The offset and event of a message of an offset stream (Brigade's business event stream: `id:` is the
 * offset, `data:` the feed event, which carries it as `offset` too). Undefined when the message has no
 * offset: a stream without offsets cannot be resumed, and cannot be followed with a watermark.
 */
export function readStreamMessage(message: SseMessage): OffsetEvent | undefined {
  let event: unknown;
  try {
    event = JSON.parse(message.data);
  } catch {
    event = message.data;
  }
  const fromId = message.id !== undefined && /^\d{1,15}$/.test(message.id) ? Number(message.id) : undefined;
  const fromData =
    typeof event === 'object' && event !== null ? (event as { offset?: unknown }).offset : undefined;
  const offset =
    fromId ??
    (typeof fromData === 'number' && Number.isSafeInteger(fromData) && fromData >= 0 ? fromData : undefined);
  return offset === undefined ? undefined : { offset, event };
}
