import { describe, expect, it } from 'vitest';
import { type Holiday, isOpenAt, type WeeklyHours } from '../../../src/domain/locations/opening-hours.js';

const lunchAndDinner = [
  { name: 'Lunch', opens: '11:00', closes: '14:00' },
  { name: 'Dinner', opens: '17:00', closes: '22:00' },
];

const hours: WeeklyHours = {
  monday: lunchAndDinner,
  tuesday: lunchAndDinner,
  wednesday: lunchAndDinner,
  thursday: lunchAndDinner,
  friday: [...lunchAndDinner, { name: 'Late', opens: '22:00', closes: '02:00' }],
  saturday: [{ name: 'All day', opens: '10:00', closes: '02:00' }],
  // Sunday left out: closed (apart from Saturday's section running past midnight).
};

const TORONTO = 'America/Toronto';

function at(iso: string, weekly: WeeklyHours = hours, holidays: Holiday[] = [], zone = TORONTO) {
  return isOpenAt(weekly, holidays, zone, new Date(iso));
}

describe('isOpenAt in America/Toronto', () => {
  it.each([
    ['Monday 12:00 EST, lunch', '2024-03-04T17:00:00Z', { open: true, section: 'Lunch' }],
    ['Monday 15:00 EST, between sections', '2024-03-04T20:00:00Z', { open: false, section: null }],
    ['Monday 17:00 EST, dinner opens', '2024-03-04T22:00:00Z', { open: true, section: 'Dinner' }],
    ['Monday 22:00 EST, closing time is exclusive', '2024-03-05T03:00:00Z', { open: false, section: null }],
    ['Friday 23:00 EST, late section', '2024-03-09T04:00:00Z', { open: true, section: 'Late' }],
    ['Saturday 01:00 EST, Friday late section', '2024-03-09T06:00:00Z', { open: true, section: 'Late' }],
    ['Saturday 02:00 EST, late section over', '2024-03-09T07:00:00Z', { open: false, section: null }],
    ['Sunday 12:00 EDT, no Sunday hours', '2024-03-10T16:00:00Z', { open: false, section: null }],
  ])('%s', (_label, iso, expected) => {
    expect(at(iso)).toEqual(expected);
  });

  it('follows the local clock across spring-forward', () => {
    // 15:30Z is 10:30 EST one week and 11:30 EDT the next.
    expect(at('2024-03-04T15:30:00Z')).toEqual({ open: false, section: null });
    expect(at('2024-03-11T15:30:00Z')).toEqual({ open: true, section: 'Lunch' });
    // Saturday's section runs to 02:00 Sunday; 02:00 never happens that night (01:59 EST → 03:00 EDT).
    expect(at('2024-03-10T06:59:00Z')).toEqual({ open: true, section: 'All day' });
    expect(at('2024-03-10T07:00:00Z')).toEqual({ open: false, section: null });
  });

  it('follows the local clock across fall-back', () => {
    // 01:30 happens twice on 2024-11-03; both fall in Saturday's section, 02:30 EST does not.
    expect(at('2024-11-03T05:30:00Z')).toEqual({ open: true, section: 'All day' });
    expect(at('2024-11-03T06:30:00Z')).toEqual({ open: true, section: 'All day' });
    expect(at('2024-11-03T07:30:00Z')).toEqual({ open: false, section: null });
  });
});

describe('isOpenAt in Asia/Tokyo', () => {
  const breakfast: WeeklyHours = { monday: [{ name: 'Breakfast', opens: '07:00', closes: '10:00' }] };

  it('uses the Tokyo weekday even when it is still Sunday in UTC', () => {
    expect(at('2024-01-07T22:30:00Z', breakfast, [], 'Asia/Tokyo')).toEqual({
      open: true,
      section: 'Breakfast',
    });
    expect(at('2024-01-08T01:30:00Z', breakfast, [], 'Asia/Tokyo')).toEqual({ open: false, section: null });
    // The same instant in Toronto is Sunday evening.
    expect(at('2024-01-07T22:30:00Z', breakfast, [], TORONTO)).toEqual({ open: false, section: null });
  });
});

describe('isOpenAt with no hours configured', () => {
  it('is always open', () => {
    expect(at('2024-03-10T16:00:00Z', {})).toEqual({ open: true, section: null });
    expect(at('2024-03-10T08:00:00Z', {})).toEqual({ open: true, section: null });
  });

  it('still honours a closed holiday', () => {
    const christmas: Holiday[] = [{ date: '2024-12-25', name: 'Christmas', closed: true }];
    expect(at('2024-12-25T17:00:00Z', {}, christmas)).toEqual({ open: false, section: null });
    expect(at('2024-12-26T17:00:00Z', {}, christmas)).toEqual({ open: true, section: null });
  });
});

describe('isOpenAt with holidays', () => {
  const holidays: Holiday[] = [
    { date: '2024-12-25', name: 'Christmas', closed: true },
    {
      date: '2024-12-24',
      name: 'Christmas Eve',
      closed: false,
      sections: [{ opens: '11:00', closes: '15:00' }],
    },
    { date: '2024-12-31', name: "New Year's Eve", closed: false },
    { date: '2024-03-09', name: 'Staff party', closed: true },
  ];

  it('closes on a closed holiday (Wednesday noon)', () => {
    expect(at('2024-12-25T17:00:00Z', hours, holidays)).toEqual({ open: false, section: null });
  });

  it("replaces the day's sections with the holiday's, named after the holiday when unnamed", () => {
    expect(at('2024-12-24T19:30:00Z', hours, holidays)).toEqual({ open: true, section: 'Christmas Eve' });
    // 18:00 would be dinner on a normal Tuesday.
    expect(at('2024-12-24T23:00:00Z', hours, holidays)).toEqual({ open: false, section: null });
  });

  it('keeps the usual hours for an open holiday without sections', () => {
    expect(at('2024-12-31T23:00:00Z', hours, holidays)).toEqual({ open: true, section: 'Dinner' });
  });

  it("lets the previous day's section run into a closed holiday until it closes", () => {
    expect(at('2024-03-09T06:00:00Z', hours, holidays)).toEqual({ open: true, section: 'Late' });
    expect(at('2024-03-09T17:00:00Z', hours, holidays)).toEqual({ open: false, section: null });
  });

  it('ends a section at midnight when the holiday replaced the day it opened on', () => {
    const lateHoliday: Holiday[] = [
      {
        date: '2024-03-08',
        name: 'Short Friday',
        closed: false,
        sections: [{ name: 'Early', opens: '08:00', closes: '12:00' }],
      },
    ];
    // Friday 23:00 and Saturday 01:00: Friday's Late section was replaced, so closed.
    expect(at('2024-03-09T04:00:00Z', hours, lateHoliday)).toEqual({ open: false, section: null });
    expect(at('2024-03-09T06:00:00Z', hours, lateHoliday)).toEqual({ open: false, section: null });
  });
});

describe('isOpenAt edge shapes', () => {
  it('treats opens = closes as 24 hours from opening', () => {
    const round: WeeklyHours = { monday: [{ name: 'Round the clock', opens: '06:00', closes: '06:00' }] };
    expect(at('2024-03-04T11:00:00Z', round)).toEqual({ open: true, section: 'Round the clock' }); // Mon 06:00
    expect(at('2024-03-05T10:59:00Z', round)).toEqual({ open: true, section: 'Round the clock' }); // Tue 05:59
    expect(at('2024-03-05T11:00:00Z', round)).toEqual({ open: false, section: null }); // Tue 06:00
  });

  it('returns a null section name for unnamed sections and ignores malformed ones', () => {
    const plain: WeeklyHours = {
      monday: [
        { opens: 'noon', closes: '13:00' },
        { opens: '09:00', closes: '17:00' },
      ],
    };
    expect(at('2024-03-04T17:00:00Z', plain)).toEqual({ open: true, section: null });
    expect(at('2024-03-04T23:00:00Z', plain)).toEqual({ open: false, section: null });
  });

  it('treats a configured but empty day as closed', () => {
    expect(at('2024-03-04T17:00:00Z', { monday: [], tuesday: lunchAndDinner })).toEqual({
      open: false,
      section: null,
    });
  });
});
