import { describe, expect, it } from 'vitest';
import { isHistory, LIVE_HORIZON_MS } from '../../../src/domain/events/live-horizon.js';
import { backfillWindow } from '../../../src/simulator/history/write-history.js';
import { DAY_MS } from '../../../src/simulator/model/opening-day.js';

/**
 * What the consumers of the present (kitchen display, notifications, floor plan) treat as history:
 * events past the live horizon, and events at or before their business's history mark.
 */
describe('isHistory', () => {
  const now = new Date('2026-12-07T12:00:00.000Z');
  const at = (ms: number) => ({ occurred_at: new Date(now.getTime() - ms).toISOString() });

  it('is history past the live horizon, news within it, without a mark', () => {
    expect(isHistory(at(LIVE_HORIZON_MS + 1), now)).toBe(true);
    expect(isHistory(at(LIVE_HORIZON_MS), now)).toBe(false);
    expect(isHistory(at(60_000), now)).toBe(false);
  });

  it('is history at or before the mark however recent, news after it', () => {
    const mark = now.getTime() - 60_000;
    expect(isHistory(at(60_000), now, mark)).toBe(true);
    expect(isHistory(at(3_600_000), now, mark)).toBe(true);
    expect(isHistory(at(59_999), now, mark)).toBe(false);
    // The horizon still applies to events after an old mark.
    expect(isHistory(at(LIVE_HORIZON_MS + 1), now, mark - LIVE_HORIZON_MS * 2)).toBe(true);
  });

  it('is news when the time cannot be read (the envelope check rejects such events first)', () => {
    expect(isHistory({ occurred_at: 'not a time' }, now, now.getTime())).toBe(false);
  });
});

describe('backfillWindow', () => {
  const now = Date.parse('2026-12-07T15:30:00.000Z');
  const midnight = Date.parse('2026-12-07T00:00:00.000Z');

  it('runs from midnight (UTC) N days ago up to the live horizon before now', () => {
    expect(backfillWindow(3, now)).toEqual({ from: midnight - 3 * DAY_MS, to: now - LIVE_HORIZON_MS });
  });

  it('runs up to now itself for businesses whose history mark is now', () => {
    expect(backfillWindow(1, now, true)).toEqual({ from: midnight - DAY_MS, to: now });
  });
});
