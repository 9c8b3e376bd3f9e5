/**
 * A deliberately simple ETA: straight-line (haversine) distance driven at a constant 25 mph.
 * No roads, traffic or preparation time; docs/delivery.md says what it is good for.
 */
export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
/** 25 mph in metres per second (25 × 1609.344 m / 3600 s). */
export const ETA_SPEED_MPS = (25 * 1609.344) / 3600;

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLon, b: LatLon): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Eta {
  /** Remaining straight-line distance in whole metres. */
  distanceMeters: number;
  /** Remaining driving time in whole seconds (rounded up). */
  seconds: number;
  /** now + seconds. */
  arriveAt: Date;
  /** Where the distance is measured from. */
  from: 'driver' | 'restaurant';
}

export interface EtaInput {
  phase: 'unassigned' | 'assigned' | 'arrived' | 'picked_up';
  restaurant: LatLon;
  customer: LatLon;
  /** The driver's last known position, if any ping arrived. */
  driver: LatLon | null;
  now: Date;
}

/**
 * Remaining distance to the customer: before pickup, the driver's leg to the restaurant (when the
 * driver's position is known) plus restaurant → customer; after pickup, driver (or restaurant) →
 * customer. Delivered and failed attempts have no ETA (the caller passes none).
 */
export function estimateArrival(input: EtaInput): Eta {
  const { restaurant, customer, driver } = input;
  let meters: number;
  let from: Eta['from'];
  if (input.phase === 'picked_up') {
    meters = haversineMeters(driver ?? restaurant, customer);
    from = driver ? 'driver' : 'restaurant';
  } else {
    const toRestaurant = input.phase === 'assigned' && driver ? haversineMeters(driver, restaurant) : 0;
    meters = toRestaurant + haversineMeters(restaurant, customer);
    from = input.phase === 'assigned' && driver ? 'driver' : 'restaurant';
  }
  const seconds = Math.ceil(meters / ETA_SPEED_MPS);
  return {
    distanceMeters: Math.round(meters),
    seconds,
    arriveAt: new Date(input.now.getTime() + seconds * 1000),
    from,
  };
}
