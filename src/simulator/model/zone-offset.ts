/**
 * UTC offsets of IANA time zones, for turning a location's local opening hours into instants.
 * domain/locations/local-time.ts answers the other way round (instant → local parts); here we need
 * the offset itself, which Intl gives as "GMT-04:00" with timeZoneName 'longOffset'.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes to add to UTC to get local wall-clock time at `instantMs` (e.g. -240 for EDT). */
export function offsetMinutes(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The instant at which wall-clock time `localMs` (a local date and time written as if it were UTC)
 * happens in the zone, with the zone's offset at that instant. A time that does not exist (in a
 * spring-forward gap) resolves to an instant as far from it as the clocks moved; one that happens
 * twice (in a fall-back overlap) to the one with `likelyOffset` when that is one of the two, else to
 * either. Both only matter on the night a year a location is open across the change. A right
 * `likelyOffset` (say, the offset at opening when resolving closing) saves an Intl lookup.
 */
export function resolveLocal(
  timeZone: string,
  localMs: number,
  likelyOffset = offsetMinutes(timeZone, localMs),
): { utcMs: number; offset: number } {
  const guess = localMs - likelyOffset * 60_000;
  const offset = offsetMinutes(timeZone, guess);
  if (offset === likelyOffset) return { utcMs: guess, offset };
  const utcMs = localMs - offset * 60_000;
  return { utcMs, offset: offsetMinutes(timeZone, utcMs) };
}

export function localToUtc(timeZone: string, localMs: number): number {
  return resolveLocal(timeZone, localMs).utcMs;
}
