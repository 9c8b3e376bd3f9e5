import { describe, expect, it } from 'vitest';
import { timesheetCsv } from '../../../src/services/staff/timesheet-csv.js';

const day = (name: string, overrides: Record<string, unknown> = {}) => ({
  userId: '6f1c0a52-0000-4000-8000-000000000001',
  name,
  date: '2026-01-15',
  shifts: 2,
  minutes: 570,
  regularMinutes: 480,
  overtimeMinutes: 90,
  payMinor: 20_500,
  ...overrides,
});
const totals = { minutes: 0, regularMinutes: 0, overtimeMinutes: 0, payMinor: 0, unpricedPeople: 0 };
const sheet = (currency: string, days: ReturnType<typeof day>[]) => ({
  from: '2026-01-15',
  to: '2026-01-15',
  currency,
  days: days as never,
  people: [],
  totals,
  openShifts: 0,
});

describe('timesheetCsv', () => {
  it('writes one row per person and day with decimal hours and pay in major units, CRLF line ends', () => {
    expect(
      timesheetCsv(
        sheet('CAD', [
          day('Keiko Tanaka'),
          day('No Rate', { payMinor: null, minutes: 45, regularMinutes: 45, overtimeMinutes: 0 }),
        ]),
      ),
    ).toBe(
      'name,user_id,date,shifts,hours,regular_hours,overtime_hours,pay,currency\r\n' +
        'Keiko Tanaka,6f1c0a52-0000-4000-8000-000000000001,2026-01-15,2,9.50,8.00,1.50,205.00,CAD\r\n' +
        'No Rate,6f1c0a52-0000-4000-8000-000000000001,2026-01-15,2,0.75,0.75,0.00,,CAD\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = timesheetCsv(sheet('CAD', [day('Tanaka, "Kei"\nko'), day('=HYPERLINK("x")'), day('-1+2')]));
    const rows = csv.split('\r\n');
    expect(rows[1]?.startsWith('"Tanaka, ""Kei""\nko",')).toBe(true);
    expect(rows[2]?.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
    expect(rows[3]?.startsWith("'-1+2,")).toBe(true);
  });

  it('uses the currency’s own decimals', () => {
    expect(timesheetCsv(sheet('JPY', [day('Aki', { payMinor: 20_500 })])).split('\r\n')[1]).toContain(
      ',20500,JPY',
    );
  });
});
