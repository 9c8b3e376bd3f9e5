/** Priorities run 0 (whenever) to 10 (rush); screens list the highest first. */
export const DEFAULT_PRIORITY = 5;
export const MAX_PRIORITY = 10;
/** Station for a line that names none (foreign producers may leave it empty). */
export const DEFAULT_STATION = 'main';

/**
 * The `order.placed` channel of ghost-kitchen orders ingested with their kitchen steps
 * (docs/ingestion.md): their kitchen reports its own tickets (gk_started, gk_finished, ...), so this
 * Brigade's kitchen display makes none for them; it would have no one to bump them.
 */
export const SELF_REPORTING_KITCHEN_CHANNEL = 'ghost-kitchen';

/**
 * A new ticket's priority. Delivery orders start one above the rest: a driver is booked against the
 * ready time and the food still has to travel. Lines added to an order already in the kitchen get one
 * more, because the guest is already waiting on the rest of the order.
 */
export function ticketPriority(serviceType: string | null, addedToRunningOrder: boolean): number {
  const base = serviceType === 'delivery' ? DEFAULT_PRIORITY + 1 : DEFAULT_PRIORITY;
  return Math.min(MAX_PRIORITY, base + (addedToRunningOrder ? 1 : 0));
}

/** The station a line goes to: its item's station, trimmed, or the default one. */
export function stationOf(line: { station?: string | null }): string {
  const station = line.station?.trim();
  return station ? station : DEFAULT_STATION;
}

/**
 * Splits an order's lines into one group per station, stations in the order their first line
 * appears and lines in their original order, so each station gets one ticket.
 */
export function routeByStation<Line extends { station?: string | null }>(
  lines: readonly Line[],
): { station: string; lines: Line[] }[] {
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    const station = stationOf(line);
    const group = groups.get(station);
    if (group) group.push(line);
    else groups.set(station, [line]);
  }
  return [...groups].map(([station, grouped]) => ({ station, lines: grouped }));
}
