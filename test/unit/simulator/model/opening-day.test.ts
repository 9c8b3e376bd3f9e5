import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../src/domain/locations/local-time.js';
import { dateMs, localMinuteAt, openingDay } from '../../../../src/simulator/model/opening-day.js';
import { localToUtc, offsetMinutes, resolveLocal } from '../../../../src/simulator/model/zone-offset.js';

const EPOCH_MS = dateMs('2024-01-01');
const dayOf = (date: string) => (dateMs(date) - EPOCH_MS) / 86_400_000;

describe('zone offsets', () => {
  it('reads standard, daylight, half-hour and zero offsets', () => {
    expect(offsetMinutes('America/Toronto', Date.parse('2024-01-15T12:00:00Z'))).toBe(-300);
    expect(offsetMinutes('America/Toronto', Date.parse('2024-07-15T12:00:00Z'))).toBe(-240);
    expect(offsetMinutes('Asia/Kolkata', Date.parse('2024-07-15T12:00:00Z'))).toBe(330);
    expect(offsetMinutes('UTC', Date.parse('2024-07-15T12:00:00Z'))).toBe(0);
  });

  it('turns a local wall-clock time into its instant, in gaps and overlaps too', () => {
    const local = (text: string) => Date.parse(`${text}Z`);
    expect(localToUtc('America/Toronto', local('2024-07-15T11:30:00'))).toBe(
      Date.parse('2024-07-15T15:30:00Z'),
    );
    expect(localToUtc('Asia/Kolkata', local('2024-07-15T11:30:00'))).toBe(Date.parse('2024-07-15T06:00:00Z'));
    // 02:30 does not exist on 2024-03-10 in Toronto: an hour away (here 01:30 EST).
    expect(localToUtc('America/Toronto', local('2024-03-10T02:30:00'))).toBe(
      Date.parse('2024-03-10T06:30:00Z'),
    );
    // 01:30 happens twice on 2024-11-03: either is right; with a likely offset, that one.
    const twice = [Date.parse('2024-11-03T05:30:00Z'), Date.parse('2024-11-03T06:30:00Z')];
    expect(twice).toContain(localToUtc('America/Toronto', local('2024-11-03T01:30:00')));
    expect(resolveLocal('America/Toronto', local('2024-11-03T01:30:00'), -240)).toEqual({
      utcMs: twice[0],
      offset: -240,
    });
    expect(resolveLocal('America/Toronto', local('2024-11-03T01:30:00'), -300)).toEqual({
      utcMs: twice[1],
      offset: -300,
    });
  });
});

describe('opening days', () => {
  it('opens and closes at local time, with the local weekday', () => {
    const day = openingDay('America/Vancouver', EPOCH_MS, dayOf('2024-07-05'), 11 * 60, 22 * 60);
    expect(new Date(day.openMs).toISOString()).toBe('2024-07-05T18:00:00.000Z');
    expect(day.minutes).toBe(11 * 60);
    expect(day.weekday).toBe(5); // a Friday
    expect(day.shiftMinutes).toBe(0);
  });

  it('is an hour shorter across spring-forward and an hour longer across fall-back', () => {
    const spring = openingDay('America/Chicago', EPOCH_MS, dayOf('2024-03-09'), 10 * 60, 26 * 60);
    const fall = openingDay('America/Chicago', EPOCH_MS, dayOf('2024-11-02'), 10 * 60, 26 * 60);
    expect(spring.minutes).toBe(15 * 60);
    expect(fall.minutes).toBe(17 * 60);
    for (const day of [spring, fall]) {
      // Every minute's local time, as the platform computes it, is what the model believes it is.
      for (let index = 0; index < day.minutes; index += 7) {
        const parts = localParts('America/Chicago', new Date(day.openMs + index * 60_000));
        expect(localMinuteAt(day, index) % 1440).toBe(parts.minutes);
      }
    }
  });

  it('treats a closing time at or before opening as the next day', () => {
    const day = openingDay('UTC', EPOCH_MS, 0, 18 * 60, 2 * 60);
    expect(day.minutes).toBe(8 * 60);
  });
});
