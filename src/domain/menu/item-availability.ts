import { inWindow, localParts, previousDay, type Weekday } from '../locations/local-time.js';

export interface AvailabilityWindow {
  from: string;
  to: string;
}

/** menu_items.availability_schedule: windows per weekday; null = whenever the location is open. */
export type AvailabilitySchedule = Partial<Record<Weekday, AvailabilityWindow[]>>;

export interface ItemAvailabilityRule {
  available: boolean;
  availabilitySchedule: AvailabilitySchedule | null;
}

/**
 * Whether an item can be ordered at an instant in the location's time zone. The available flag (86'd)
 * wins; otherwise the instant must fall in a window of its local weekday. Like opening hours, a
 * window whose end is at or before its start (a late-night menu, 22:00–02:00) runs into the next day.
 */
export function isItemAvailableAt(item: ItemAvailabilityRule, timeZone: string, instant: Date): boolean {
  if (!item.available) return false;
  const schedule = item.availabilitySchedule;
  if (schedule === null) return true;
  const local = localParts(timeZone, instant);
  const yesterday = previousDay(local.date, local.weekday).weekday;
  return (
    fits(schedule[local.weekday] ?? [], local.minutes, 'today') ||
    fits(schedule[yesterday] ?? [], local.minutes, 'yesterday')
  );
}

function fits(windows: AvailabilityWindow[], at: number, day: 'today' | 'yesterday'): boolean {
  return windows.some((window) => inWindow(window.from, window.to, at, day));
}
