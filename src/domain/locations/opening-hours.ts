import { inWindow, localParts, previousDay, type Weekday } from './local-time.js';

/** One stretch of opening within a day, e.g. Lunch 11:00–14:00. closes ≤ opens runs past midnight. */
export interface HoursSection {
  name?: string;
  opens: string;
  closes: string;
}

/** locations.business_hours: sections per weekday; a weekday left out (or empty) is closed. */
export type WeeklyHours = Partial<Record<Weekday, HoursSection[]>>;

/** locations.holidays: a local date whose sections replace the weekday's. */
export interface Holiday {
  date: string;
  name: string;
  closed: boolean;
  sections?: HoursSection[];
}

export interface OpenState {
  open: boolean;
  /** Name of the section the instant falls in, when it has one (a holiday's name if unnamed). */
  section: string | null;
}

type DaySections = { kind: 'always' } | { kind: 'sections'; sections: HoursSection[] };

/**
 * The sections that apply on one local date. A section belongs to the day it opens on: a Friday
 * 22:00–02:00 section keeps Saturday open until 02:00 even if Saturday is a closed holiday.
 */
function sectionsOn(hours: WeeklyHours, holidays: Holiday[], date: string, weekday: Weekday): DaySections {
  const holiday = holidays.find((candidate) => candidate.date === date);
  if (holiday?.closed) return { kind: 'sections', sections: [] };
  // An open holiday without sections keeps the usual hours; with sections it replaces them.
  if (holiday?.sections) {
    return {
      kind: 'sections',
      sections: holiday.sections.map((section) => ({ ...section, name: section.name ?? holiday.name })),
    };
  }
  // No weekly hours configured at all means the location never set hours: always open.
  if (Object.keys(hours).length === 0) return { kind: 'always' };
  return { kind: 'sections', sections: hours[weekday] ?? [] };
}

function matching(
  sections: HoursSection[],
  at: number,
  day: 'today' | 'yesterday',
): HoursSection | undefined {
  return sections.find((section) => inWindow(section.opens, section.closes, at, day));
}

/** Whether a location is open at an instant, judged on its own local clock. */
export function isOpenAt(
  hours: WeeklyHours,
  holidays: Holiday[],
  timeZone: string,
  instant: Date,
): OpenState {
  const local = localParts(timeZone, instant);
  const today = sectionsOn(hours, holidays, local.date, local.weekday);
  if (today.kind === 'always') return { open: true, section: null };
  const yesterday = previousDay(local.date, local.weekday);
  const before = sectionsOn(hours, holidays, yesterday.date, yesterday.weekday);
  const section =
    matching(today.sections, local.minutes, 'today') ??
    (before.kind === 'sections' ? matching(before.sections, local.minutes, 'yesterday') : undefined);
  return section ? { open: true, section: section.name ?? null } : { open: false, section: null };
}
