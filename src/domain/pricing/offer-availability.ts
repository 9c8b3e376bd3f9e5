import type { OfferRule } from './pricing-types.js';

export type OfferUnavailability = 'inactive' | 'not_started' | 'expired' | 'wrong_location';

/**
 * Why the offer cannot be used here and now, or null when it can. Checked in this order so a promo
 * code gets the most fundamental reason first. The window is half-open: [startsAt, endsAt).
 */
export function offerUnavailability(
  offer: OfferRule,
  now: Date,
  locationId: string,
): OfferUnavailability | null {
  if (!offer.active) return 'inactive';
  if (offer.startsAt !== null && now.getTime() < offer.startsAt.getTime()) return 'not_started';
  if (offer.endsAt !== null && now.getTime() >= offer.endsAt.getTime()) return 'expired';
  if (offer.locationIds.length > 0 && !offer.locationIds.includes(locationId)) return 'wrong_location';
  return null;
}
