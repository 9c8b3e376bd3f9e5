import { isCalendarDate } from '../calendar.js';

/** How the foreign formats write times and money, read into Brigade's instants and minor units. */

/**
 * Reads a foreign timestamp as an instant. The ghost-kitchen format writes `yyyy-MM-dd HH:mm:ss.SSS`
 * without a zone, which Brigade reads as UTC (the format's own pipeline runs in UTC); the stream-stack
 * format writes ISO 8601 in UTC. Both spellings are accepted from either, with or without a zone
 * (none means UTC) and with up to nine fractional digits (kept to the millisecond). Undefined when the
 * text is no such timestamp.
 */
const FOREIGN_TIME =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseForeignTime(text: string): string | undefined {
  const match = FOREIGN_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, fraction, zone] = match;
  // Date.parse rolls a day that is not on the calendar over (February 30 into March 2): refuse it.
  if (!date || !isCalendarDate(date)) return undefined;
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const offset =
    !zone || zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.includes(':')
        ? zone
        : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const instant = Date.parse(`${date}T${time}.${millis}${offset}`);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}

/**
 * An amount in currency units (dollars, as both foreign formats send money) in minor units (cents),
 * rounded half away from zero. The scaling goes through micro-units first so that binary fractions
 * round as written: 1.005 is 101 cents, not 100.
 */
export function toMinorUnits(amount: number): number {
  return Math.round(Math.round(amount * 1_000_000) / 10_000);
}
