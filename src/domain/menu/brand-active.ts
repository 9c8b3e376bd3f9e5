import { localParts } from '../locations/local-time.js';

/** brands.starts_on / ends_on as YYYY-MM-DD; null leaves that side open. */
export interface BrandWindow {
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * Whether a (virtual) brand takes orders on the local date of an instant; both bounds are inclusive.
 * The date is the location's, so a brand ending on the 31st still sells until local midnight.
 */
export function brandActiveOn(brand: BrandWindow, timeZone: string, instant: Date): boolean {
  const { date } = localParts(timeZone, instant);
  // YYYY-MM-DD strings order the same way as the dates they name.
  if (brand.startsOn !== null && date < brand.startsOn) return false;
  if (brand.endsOn !== null && date > brand.endsOn) return false;
  return true;
}
