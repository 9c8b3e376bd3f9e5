import { ETA_SPEED_MPS, type LatLon } from '../../domain/delivery/eta.js';
import type { PlannedDelivery } from '../planned-order.js';
import { roundMinutes } from './minutes.js';
import { PING_INTERVAL_MINUTES } from './reference-mix.js';

const EARTH_RADIUS_METERS = 6_371_008.8;
const METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;
const STEP_METERS = ETA_SPEED_MPS * 60 * PING_INTERVAL_MINUTES;

/**
 * The driver's trip, kitchen to door, as a Manhattan-style path: along the meridian to the
 * customer's latitude, then along that parallel to the door, driven at a constant 25 mph. One
 * point per minute after pickup (the kitchen itself is not repeated) and the door last, which may
 * come less than a minute after the point before it.
 *
 * Why this is honest about the 25 mph: each point is exactly one minute of driving further along
 * the path; the meridian leg is a great-circle arc and the parallel leg is measured along the
 * parallel (which is never shorter than the great circle between its ends), so the straight-line
 * (haversine) distance between consecutive points never exceeds 25 mph × 60 s. The path is about
 * 1.27× the straight line on average, a fair stand-in for a street grid.
 */
export interface Trip {
  route: PlannedDelivery['route'];
  /** Minutes after placement the door is reached (the last route point). */
  deliveredAfter: number;
}

/** Even a customer at the kitchen's door takes this long to hand over to. */
const MIN_DRIVE_MINUTES = 0.5;

export function driveRoute(from: LatLon, to: LatLon, pickedUpAfter: number): Trip {
  const northMeters = (to.lat - from.lat) * METERS_PER_DEGREE;
  const eastMeters = (to.lon - from.lon) * METERS_PER_DEGREE * Math.cos((to.lat * Math.PI) / 180);
  const north = Math.abs(northMeters);
  const total = north + Math.abs(eastMeters);
  const driveMinutes = Math.max(MIN_DRIVE_MINUTES, total / ETA_SPEED_MPS / 60);
  const route: PlannedDelivery['route'] = [];
  let after = pickedUpAfter;
  for (let step = 1; step * STEP_METERS < total; step++) {
    const along = step * STEP_METERS;
    after = roundMinutes(pickedUpAfter + step * PING_INTERVAL_MINUTES);
    if (along <= north) {
      route.push({ after, lat: from.lat + (to.lat - from.lat) * (along / north), lon: from.lon });
    } else {
      const east = along - north;
      route.push({ after, lat: to.lat, lon: from.lon + (to.lon - from.lon) * (east / (total - north)) });
    }
  }
  const deliveredAfter = Math.max(roundMinutes(pickedUpAfter + driveMinutes), roundMinutes(after + 0.001));
  route.push({ after: deliveredAfter, lat: to.lat, lon: to.lon });
  return { route, deliveredAfter };
}
