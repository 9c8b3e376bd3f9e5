/**
 * What to do with a batch of GPS pings. Driver apps send pings often and, when throttled or offline,
 * in bursts and out of order; every ping is kept for analytics, but only the newest one moves the
 * driver's last known position, and it is announced (delivery.location_updated) at most once per
 * ANNOUNCE_INTERVAL_MS of device time so the event stream stays bounded.
 */
export const ANNOUNCE_INTERVAL_MS = 5_000;
/** Device clocks drift: a ping may claim to be this far in the future, no further. */
export const MAX_CLOCK_SKEW_MS = 2 * 60_000;

export interface Ping {
  lat: number;
  lon: number;
  heading: number | null;
  speedMps: number | null;
  recordedAt: Date;
}

export interface PingPlan {
  /** Pings to store (duplicates of one recorded_at within the batch collapsed to the first). */
  store: Ping[];
  /** The ping that becomes the last known position, or null when none is newer than it. */
  latest: Ping | null;
  /** Whether `latest` is announced as an event. */
  announce: boolean;
}

/** Indexes of pings recorded too far in the future (refused as a whole batch by the caller). */
export function futurePings(pings: readonly Ping[], now: Date): number[] {
  return pings.flatMap((ping, index) =>
    ping.recordedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS ? [index] : [],
  );
}

export function planPings(
  pings: readonly Ping[],
  state: { lastRecordedAt: Date | null; lastAnnouncedAt: Date | null },
): PingPlan {
  const seen = new Set<number>();
  const store = pings.filter((ping) => {
    const at = ping.recordedAt.getTime();
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
  const newest = store.reduce<Ping | null>(
    (best, ping) => (best === null || ping.recordedAt > best.recordedAt ? ping : best),
    null,
  );
  const latest =
    newest && (state.lastRecordedAt === null || newest.recordedAt > state.lastRecordedAt) ? newest : null;
  const announce =
    latest !== null &&
    (state.lastAnnouncedAt === null ||
      latest.recordedAt.getTime() - state.lastAnnouncedAt.getTime() >= ANNOUNCE_INTERVAL_MS);
  return { store, latest, announce };
}
