import { describe, expect, it } from 'vitest';
import { brandActiveOn } from '../../../src/domain/menu/brand-active.js';
import { type AvailabilitySchedule, isItemAvailableAt } from '../../../src/domain/menu/item-availability.js';

const TORONTO = 'America/Toronto';
const schedule: AvailabilitySchedule = {
  monday: [{ from: '11:00', to: '15:00' }],
  friday: [{ from: '22:00', to: '02:00' }],
};

function item(available: boolean, availabilitySchedule: AvailabilitySchedule | null) {
  return { available, availabilitySchedule };
}

describe('isItemAvailableAt', () => {
  it('the unavailable flag wins over any schedule', () => {
    expect(isItemAvailableAt(item(false, null), TORONTO, new Date('2024-03-04T17:00:00Z'))).toBe(false);
    expect(isItemAvailableAt(item(false, schedule), TORONTO, new Date('2024-03-04T17:00:00Z'))).toBe(false);
  });

  it('a null schedule means always', () => {
    expect(isItemAvailableAt(item(true, null), TORONTO, new Date('2024-03-10T07:30:00Z'))).toBe(true);
  });

  it('an empty schedule means never', () => {
    expect(isItemAvailableAt(item(true, {}), TORONTO, new Date('2024-03-04T17:00:00Z'))).toBe(false);
  });

  it.each([
    ['Monday 12:00 EST', '2024-03-04T17:00:00Z', true],
    ['Monday 15:00 EST (end exclusive)', '2024-03-04T20:00:00Z', false],
    ['Tuesday 12:00 EST', '2024-03-05T17:00:00Z', false],
    ['Monday 10:30 EST (15:30Z before spring-forward)', '2024-03-04T15:30:00Z', false],
    ['Monday 11:30 EDT (15:30Z after spring-forward)', '2024-03-11T15:30:00Z', true],
    ['Friday 23:00 EST', '2024-03-09T04:00:00Z', true],
    ['Saturday 01:00 EST (Friday window past midnight)', '2024-03-09T06:00:00Z', true],
    ['Saturday 03:00 EST', '2024-03-09T08:00:00Z', false],
  ])('%s → %s', (_label, iso, expected) => {
    expect(isItemAvailableAt(item(true, schedule), TORONTO, new Date(iso))).toBe(expected);
  });

  it('uses the local weekday in Asia/Tokyo', () => {
    const breakfast: AvailabilitySchedule = { monday: [{ from: '06:00', to: '10:30' }] };
    // Sunday 22:30 UTC is Monday 07:30 in Tokyo.
    expect(isItemAvailableAt(item(true, breakfast), 'Asia/Tokyo', new Date('2024-01-07T22:30:00Z'))).toBe(
      true,
    );
    expect(isItemAvailableAt(item(true, breakfast), 'UTC', new Date('2024-01-07T22:30:00Z'))).toBe(false);
  });
});

describe('brandActiveOn', () => {
  const march = { startsOn: '2024-03-01', endsOn: '2024-03-31' };

  it('includes both bounds on the local calendar', () => {
    // 03:00Z on 1 April is 23:00 EDT on 31 March.
    expect(brandActiveOn(march, TORONTO, new Date('2024-04-01T03:00:00Z'))).toBe(true);
    expect(brandActiveOn(march, TORONTO, new Date('2024-04-01T04:00:00Z'))).toBe(false);
    // 15:00Z on 29 February is 00:00 on 1 March in Tokyo.
    expect(brandActiveOn(march, 'Asia/Tokyo', new Date('2024-02-29T15:00:00Z'))).toBe(true);
    expect(brandActiveOn(march, 'Asia/Tokyo', new Date('2024-02-29T14:59:00Z'))).toBe(false);
  });

  it('leaves a null bound open', () => {
    const instant = new Date('2030-01-01T12:00:00Z');
    expect(brandActiveOn({ startsOn: null, endsOn: null }, TORONTO, instant)).toBe(true);
    expect(brandActiveOn({ startsOn: '2024-03-01', endsOn: null }, TORONTO, instant)).toBe(true);
    expect(brandActiveOn({ startsOn: null, endsOn: '2024-03-31' }, TORONTO, instant)).toBe(false);
  });
});
