import { describe, expect, it } from 'vitest';
import { inWindow, localParts, parseClock, previousDay } from '../../../src/domain/locations/local-time.js';
import { isKnownTimeZone } from '../../../src/services/admin/time-zone.js';

describe('localParts', () => {
  it.each([
    ['America/Toronto', '2024-03-04T17:00:00Z', { weekday: 'monday', date: '2024-03-04', minutes: 12 * 60 }],
    // Same wall time on both sides of the spring-forward change: the offset moves from -5 to -4.
    ['America/Toronto', '2024-03-11T16:00:00Z', { weekday: 'monday', date: '2024-03-11', minutes: 12 * 60 }],
    ['America/Toronto', '2024-03-10T06:59:00Z', { weekday: 'sunday', date: '2024-03-10', minutes: 119 }],
    ['America/Toronto', '2024-03-10T07:00:00Z', { weekday: 'sunday', date: '2024-03-10', minutes: 180 }],
    // Fall back: 01:30 happens twice.
    ['America/Toronto', '2024-11-03T05:30:00Z', { weekday: 'sunday', date: '2024-11-03', minutes: 90 }],
    ['America/Toronto', '2024-11-03T06:30:00Z', { weekday: 'sunday', date: '2024-11-03', minutes: 90 }],
    ['Asia/Tokyo', '2024-01-07T22:30:00Z', { weekday: 'monday', date: '2024-01-08', minutes: 7 * 60 + 30 }],
    // Midnight renders as 00, never 24.
    ['Asia/Tokyo', '2024-01-07T15:00:00Z', { weekday: 'monday', date: '2024-01-08', minutes: 0 }],
    ['UTC', '2024-12-31T23:59:00Z', { weekday: 'tuesday', date: '2024-12-31', minutes: 1439 }],
  ])('%s at %s', (zone, iso, expected) => {
    expect(localParts(zone, new Date(iso))).toEqual(expected);
  });

  it('throws for an unknown zone, which isKnownTimeZone (the input check) rejects up front', () => {
    expect(isKnownTimeZone('America/Toronto')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localParts('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('previousDay', () => {
  it.each([
    ['2024-03-11', 'monday', '2024-03-10', 'sunday'],
    ['2024-03-01', 'friday', '2024-02-29', 'thursday'],
    ['2024-01-01', 'monday', '2023-12-31', 'sunday'],
  ] as const)('%s (%s) → %s (%s)', (date, weekday, expectedDate, expectedWeekday) => {
    expect(previousDay(date, weekday)).toEqual({ date: expectedDate, weekday: expectedWeekday });
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['12:60', null],
    ['9:30', null],
    ['noon', null],
  ])('%s → %s', (value, expected) => {
    expect(parseClock(value)).toBe(expected);
  });
});

describe('inWindow', () => {
  it('handles same-day, overnight and 24-hour windows', () => {
    expect(inWindow('10:00', '15:00', 600, 'today')).toBe(true);
    expect(inWindow('10:00', '15:00', 900, 'today')).toBe(false);
    expect(inWindow('10:00', '15:00', 100, 'yesterday')).toBe(false);
    expect(inWindow('22:00', '02:00', 1400, 'today')).toBe(true);
    expect(inWindow('22:00', '02:00', 60, 'yesterday')).toBe(true);
    expect(inWindow('22:00', '02:00', 120, 'yesterday')).toBe(false);
    expect(inWindow('08:00', '08:00', 479, 'yesterday')).toBe(true);
    expect(inWindow('08:00', '08:00', 480, 'today')).toBe(true);
    expect(inWindow('18:00', '24:00', 1439, 'today')).toBe(true);
  });

  it('never matches a malformed window', () => {
    expect(inWindow('10:00', '25:00', 700, 'today')).toBe(false);
    expect(inWindow('noon', '15:00', 700, 'today')).toBe(false);
    expect(inWindow('22:00', '2:00', 60, 'yesterday')).toBe(false);
  });
});
