import { DAY_MS } from '../model/opening-day.js';

let cachedDay = Number.NaN;
let cachedDayPrefix = '';

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * ISO 8601 text of an epoch-millisecond instant, exactly as `Date.prototype.toISOString` writes it. A
 * year of history formats tens of millions of timestamps, a handful of days at a time: the date part
 * is formatted once per day and the time of day by arithmetic, about five times cheaper than a Date.
 */
export function isoTime(instant: number): string {
  // Date truncates a fractional instant toward zero.
  const ms = Math.trunc(instant);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    const prefix = new Date(day * DAY_MS).toISOString();
    // Years outside 0000–9999 have a signed, six-digit form: leave them to Date.
    if (prefix.length !== 24) return new Date(ms).toISOString();
    cachedDay = day;
    cachedDayPrefix = prefix.slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${cachedDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`;
}
