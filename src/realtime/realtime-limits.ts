/** The knobs of the live feeds (docs/realtime.md, "Limits"). Tests shrink them; defaults suit production. */
export interface RealtimeLimits {
  /** WebSocket ping frames and SSE `: ping` comments are sent this often; a socket that did not answer the previous ping is terminated. */
  heartbeatMs: number;
  /** Bytes a client may have waiting to be sent before it is dropped as a slow consumer. */
  maxBufferedBytes: number;
  /** Largest message a WebSocket client may send (bigger ones close the socket with 1009). */
  maxClientMessageBytes: number;
  /** How often dashboard clients may get a `metrics.updated` push. */
  metricsIntervalMs: number;
  /** How long a client that was told to close may take before its socket is destroyed. */
  closeGraceMs: number;
  /** Events read from the bus per tail call, and how long a call waits for the first one. */
  tailBatch: number;
  tailBlockMs: number;
  /** Pause after a failed bus read before trying again. */
  retryMs: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  heartbeatMs: 25_000,
  maxBufferedBytes: 1024 * 1024,
  maxClientMessageBytes: 4096,
  metricsIntervalMs: 1000,
  closeGraceMs: 1000,
  tailBatch: 1000,
  tailBlockMs: 500,
  retryMs: 1000,
};
