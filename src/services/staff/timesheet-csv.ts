import type { Static } from '@sinclair/typebox';
import { minorUnitExponent } from '../../domain/money.js';
import type { TimesheetView } from '../../schemas/time-clock.js';

/** The columns of a timesheet export, one row per person and day: what payroll software imports. */
const HEADER = [
  'name',
  'user_id',
  'date',
  'shifts',
  'hours',
  'regular_hours',
  'overtime_hours',
  'pay',
  'currency',
];

/**
 * A timesheet as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break). Hours are decimal with two places (7 h 30 → 7.50), pay in major units with
 * the currency's decimals (CAD 2, JPY 0; empty without a rate). A name that a spreadsheet would run as a formula
 * (starting with = + - @) is prefixed with an apostrophe (the OWASP advice against CSV injection).
 */
export function timesheetCsv(sheet: Static<typeof TimesheetView>): string {
  const digits = minorUnitExponent(sheet.currency);
  const rows = sheet.days.map((day) => [
    safeText(day.name),
    day.userId,
    day.date,
    String(day.shifts),
    hours(day.minutes),
    hours(day.regularMinutes),
    hours(day.overtimeMinutes),
    day.payMinor === null ? '' : (day.payMinor / 10 ** digits).toFixed(digits),
    sheet.currency,
  ]);
  return [HEADER, ...rows]
    .map((row) => row.map(field).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function hours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
