import type { PlannedDelivery, PlannedOrder } from '../planned-order.js';
import type { CompiledLocation } from './compile-world.js';
import type { DeliveryPoint } from './delivery-address.js';
import { phaseMinutes } from './kitchen-phases.js';
import { roundMinutes } from './minutes.js';
import { DELIVERY_PROMISE_MINUTES, MIN_PHASE_MINUTES, PHASE_MINUTES } from './reference-mix.js';
import type { Rng } from './rng.js';
import { driveRoute } from './route.js';

/**
 * Ours: now and then the driver is held up on the way in (another drop, traffic), which is what
 * makes some deliveries late against the 45-minute promise; the reference's phase normals alone
 * almost never exceed it.
 */
const HELD_UP_SHARE = 0.1;
const HELD_UP_MINUTES = [8, 35] as const;
/** Spread of the driver's arrival around the ready time. */
const ARRIVAL_SD_MINUTES = 2;

/**
 * A delivery: a driver of the location arrives around the ready time, picks up ~N(6, 2) minutes
 * after ready, and drives the route to the customer's door.
 */
export function planDelivery(
  rng: Rng,
  location: CompiledLocation,
  point: DeliveryPoint,
  kitchen: PlannedOrder['kitchen'],
): PlannedDelivery {
  const driverKey = location.driverKeys[Math.floor(rng.float() * location.driverKeys.length)] ?? '';
  const heldUp = rng.chance(HELD_UP_SHARE) ? rng.uniform(HELD_UP_MINUTES[0], HELD_UP_MINUTES[1]) : 0;
  const pickedUpAfter = roundMinutes(
    kitchen.readyAfter + phaseMinutes(rng, PHASE_MINUTES.readyToPickup) + heldUp,
  );
  const arrival = kitchen.readyAfter + rng.normal(0, ARRIVAL_SD_MINUTES) + heldUp;
  const arrivedAfter = roundMinutes(
    Math.min(pickedUpAfter - MIN_PHASE_MINUTES, Math.max(MIN_PHASE_MINUTES, arrival)),
  );
  const trip = driveRoute(location.location, point, pickedUpAfter);
  return {
    lat: point.lat,
    lon: point.lon,
    address: { ...point.address },
    driverKey,
    arrivedAfter,
    pickedUpAfter,
    route: trip.route,
    deliveredAfter: trip.deliveredAfter,
    late: trip.deliveredAfter > DELIVERY_PROMISE_MINUTES,
  };
}
