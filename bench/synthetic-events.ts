import type { EventEnvelope } from '../src/domain/events/envelope.js';
import { localParts } from '../src/domain/locations/local-time.js';

/**
 * A deterministic (seeded) stream of Brigade events for the lake benchmarks: restaurant groups with
 * locations in several Canadian time zones, brands, categories and items (their `location.changed`,
 * `brand.changed` and `menu.changed` events), then orders day after day with their whole lifecycle in
 * the catalog's envelope and payload shapes (src/domain/events/catalog.ts): order.placed with lines
 * (some with priced modifiers), payment authorized and captured (or declined), confirmed, kitchen
 * ticket created / started / ready, preparing / ready / picked_up / completed, deliveries phase by
 * phase with GPS pings, dine-in served, feedback, cancellations, and partial and full refunds
 * (a few of them days later, as late data). Money adds up the way silver checks it
 * (src/lake/silver/reject-rules-sql.ts), so every order reaches silver and gold.
 *
 * Same seed and options → the same events, ids included.
 */

export interface WorldOptions {
  seed: number;
  businesses: number;
  locationsPerBusiness: number;
  /** Signed-in customers per business (about a quarter of orders are guests). */
  customersPerBusiness: number;
}

export interface LocationSpec {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  taxBps: number;
  lat: number;
  lon: number;
  /** Relative size: orders per day scale with it. */
  weight: number;
}

interface ItemSpec {
  id: string;
  name: string;
  brandId: string;
  categoryId: string;
  station: string;
  price: number;
  cost: number;
}

export interface BusinessSpec {
  id: string;
  menuId: string;
  locations: LocationSpec[];
  brands: { id: string; name: string; cuisine: string }[];
  categories: { id: string; name: string }[];
  items: ItemSpec[];
  extras: { groupId: string; options: { id: string; name: string; price: number }[] };
  customers: string[];
  drivers: string[];
}

export interface World {
  businesses: BusinessSpec[];
}

/** mulberry32: small, fast, and good enough to vary synthetic orders. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }
  /** A version-4-shaped UUID drawn from the generator (deterministic, unlike randomUUID). */
  uuid(): string {
    const hex = (n: number) =>
      Math.floor(this.next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(0, 3)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

const ZONES: { zone: string; city: string; taxBps: number; lat: number; lon: number }[] = [
  { zone: 'America/Toronto', city: 'Toronto', taxBps: 1300, lat: 43.65, lon: -79.38 },
  { zone: 'America/Vancouver', city: 'Vancouver', taxBps: 1200, lat: 49.28, lon: -123.12 },
  { zone: 'America/Toronto', city: 'Montreal', taxBps: 1498, lat: 45.5, lon: -73.57 },
  { zone: 'America/Edmonton', city: 'Calgary', taxBps: 500, lat: 51.05, lon: -114.07 },
  { zone: 'America/Halifax', city: 'Halifax', taxBps: 1500, lat: 44.65, lon: -63.57 },
  { zone: 'America/Winnipeg', city: 'Winnipeg', taxBps: 1200, lat: 49.9, lon: -97.14 },
];

const MENU: {
  brand: number;
  category: number;
  name: string;
  station: string;
  price: number;
  cost: number;
}[] = [
  { brand: 0, category: 0, name: 'Classic Burger', station: 'grill', price: 1299, cost: 420 },
  { brand: 0, category: 0, name: 'Double Burger', station: 'grill', price: 1699, cost: 610 },
  { brand: 0, category: 0, name: 'Chicken Sandwich', station: 'grill', price: 1399, cost: 450 },
  { brand: 0, category: 1, name: 'Fries', station: 'fryer', price: 499, cost: 90 },
  { brand: 0, category: 1, name: 'Onion Rings', station: 'fryer', price: 599, cost: 120 },
  { brand: 0, category: 2, name: 'Milkshake', station: 'bar', price: 699, cost: 180 },
  { brand: 1, category: 0, name: 'Tonkotsu Ramen', station: 'wok', price: 1799, cost: 560 },
  { brand: 1, category: 0, name: 'Pad Thai', station: 'wok', price: 1599, cost: 480 },
  { brand: 1, category: 1, name: 'Gyoza', station: 'wok', price: 799, cost: 200 },
  { brand: 1, category: 1, name: 'Spring Rolls', station: 'fryer', price: 699, cost: 150 },
  { brand: 1, category: 2, name: 'Iced Tea', station: 'bar', price: 399, cost: 60 },
  { brand: 2, category: 0, name: 'Power Bowl', station: 'cold', price: 1499, cost: 520 },
  { brand: 2, category: 0, name: 'Caesar Salad', station: 'cold', price: 1199, cost: 380 },
  { brand: 2, category: 3, name: 'Carrot Cake', station: 'cold', price: 699, cost: 210 },
  { brand: 2, category: 2, name: 'Green Juice', station: 'bar', price: 799, cost: 240 },
  { brand: 0, category: 3, name: 'Brownie', station: 'cold', price: 499, cost: 120 },
];

export function buildWorld(options: WorldOptions): World {
  const rng = new Rng(options.seed);
  const businesses: BusinessSpec[] = [];
  for (let b = 0; b < options.businesses; b++) {
    const locations = Array.from({ length: options.locationsPerBusiness }, (_, index) => {
      const place = ZONES[index % ZONES.length] ?? ZONES[0];
      if (!place) throw new Error('no zones');
      return {
        id: rng.uuid(),
        code: `L${b + 1}-${index + 1}`,
        name: `${place.city} ${Math.floor(index / ZONES.length) + 1}`,
        timeZone: place.zone,
        taxBps: place.taxBps,
        lat: place.lat,
        lon: place.lon,
        weight: 0.6 + rng.next() * 0.8,
      };
    });
    const brands = ['Burger Lab', 'Noodle Bar', 'Green Bowl'].map((name, index) => ({
      id: rng.uuid(),
      name,
      cuisine: ['american', 'asian', 'healthy'][index] ?? 'other',
    }));
    const categories = ['Mains', 'Sides', 'Drinks', 'Desserts'].map((name) => ({ id: rng.uuid(), name }));
    const items = MENU.map((entry) => ({
      id: rng.uuid(),
      name: entry.name,
      brandId: brands[entry.brand]?.id ?? '',
      categoryId: categories[entry.category]?.id ?? '',
      station: entry.station,
      price: entry.price,
      cost: entry.cost,
    }));
    businesses.push({
      id: rng.uuid(),
      menuId: rng.uuid(),
      locations,
      brands,
      categories,
      items,
      extras: {
        groupId: rng.uuid(),
        options: [
          { id: rng.uuid(), name: 'Cheese', price: 150 },
          { id: rng.uuid(), name: 'Bacon', price: 250 },
          { id: rng.uuid(), name: 'Avocado', price: 200 },
        ],
      },
      customers: Array.from({ length: options.customersPerBusiness }, () => rng.uuid()),
      drivers: Array.from({ length: 20 }, () => rng.uuid()),
    });
  }
  return { businesses };
}

/** The catalog events that create the world's locations, brands, categories and items. */
export function dimensionEvents(world: World, at: Date, rng: Rng): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  const event = (
    business: BusinessSpec,
    type: string,
    payload: Record<string, unknown>,
    locationId: string | null = null,
  ) =>
    events.push({
      event_id: rng.uuid(),
      event_type: type,
      version: 1,
      occurred_at: at.toISOString(),
      business_id: business.id,
      location_id: locationId,
      order_id: null,
      sequence: 0,
      payload,
    });
  for (const business of world.businesses) {
    for (const location of business.locations) {
      event(
        business,
        'location.changed',
        {
          action: 'created',
          data: {
            code: location.code,
            name: location.name,
            kind: 'restaurant',
            status: 'open',
            time_zone: location.timeZone,
            currency: 'CAD',
            lat: location.lat,
            lon: location.lon,
          },
        },
        location.id,
      );
    }
    for (const brand of business.brands) {
      event(business, 'brand.changed', {
        brand_id: brand.id,
        action: 'created',
        data: {
          name: brand.name,
          cuisine: brand.cuisine,
          starts_on: null,
          ends_on: null,
          location_ids: business.locations.map((l) => l.id),
        },
      });
    }
    for (const category of business.categories) {
      event(business, 'menu.changed', {
        entity: 'category',
        entity_id: category.id,
        action: 'created',
        data: { menu_id: business.menuId, parent_id: null, name: category.name, sort_order: 0 },
      });
    }
    for (const item of business.items) {
      event(business, 'menu.changed', {
        entity: 'item',
        entity_id: item.id,
        action: 'created',
        data: {
          menu_id: business.menuId,
          category_id: item.categoryId,
          name: item.name,
          price: item.price,
          cost: item.cost,
          currency: 'CAD',
          sku: null,
          station: item.station,
        },
      });
    }
  }
  return events;
}

const MINUTE = 60_000;

/** Share of a location's orders placed in each local hour (lunch and dinner peaks). */
const HOURLY = [
  0, 0, 0, 0, 0, 0, 0.5, 1.5, 2.5, 2.5, 3, 6, 11, 10, 5, 3.5, 4, 7, 11, 10.5, 7, 4.5, 3, 1.5,
].map((weight, _, all) => weight / all.reduce((sum, w) => sum + w, 0));

/**
 * One order's events, from order.placed at `placedAt` to its end (completion, a cancellation or a
 * refund, feedback). `late` receives the events that belong days later (late refunds).
 */
export function orderEvents(
  rng: Rng,
  business: BusinessSpec,
  location: LocationSpec,
  placedAt: number,
  options: { lifecycle?: boolean } = {},
): EventEnvelope[] {
  const orderId = rng.uuid();
  const events: EventEnvelope[] = [];
  let sequence = 0;
  const emit = (type: string, at: number, payload: Record<string, unknown>) => {
    events.push({
      event_id: rng.uuid(),
      event_type: type,
      version: 1,
      occurred_at: new Date(at).toISOString(),
      business_id: business.id,
      location_id: location.id,
      order_id: orderId,
      sequence: sequence++,
      payload,
    });
  };
  const roll = rng.next();
  const serviceType = roll < 0.45 ? 'takeout' : roll < 0.75 ? 'delivery' : 'dine_in';
  const customerId = rng.chance(0.75) ? rng.pick(business.customers) : null;
  const lines = Array.from({ length: rng.int(1, 4) }, (_, index) => {
    const item = rng.pick(business.items);
    const modifiers =
      item.station === 'grill' && rng.chance(0.4)
        ? [rng.pick(business.extras.options)].map((option) => ({
            group_id: business.extras.groupId,
            group_name: 'Extras',
            option_id: option.id,
            name: option.name,
            price: option.price,
          }))
        : [];
    const quantity = rng.chance(0.8) ? 1 : rng.int(2, 3);
    const unit = item.price + modifiers.reduce((sum, m) => sum + m.price, 0);
    return {
      line_id: rng.uuid(),
      line_number: index + 1,
      item_id: item.id,
      brand_id: item.brandId,
      category_id: item.categoryId,
      name: item.name,
      station: item.station,
      unit_price: item.price,
      unit_cost: item.cost,
      quantity,
      modifiers,
      line_subtotal: unit * quantity,
      discount: 0,
      notes: null,
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.line_subtotal, 0);
  const tax = Math.round((subtotal * location.taxBps) / 10_000);
  const tip = serviceType === 'dine_in' || rng.chance(0.5) ? Math.round(subtotal * rng.int(0, 20) * 0.01) : 0;
  const deliveryFee = serviceType === 'delivery' ? 399 : 0;
  const total = subtotal + tax + tip + deliveryFee;
  emit('order.placed', placedAt, {
    status: 'placed',
    customer_id: customerId,
    placed_by: customerId,
    channel: rng.pick(['web', 'app', 'app', 'pos']),
    service_type: serviceType,
    table_number: serviceType === 'dine_in' ? String(rng.int(1, 30)) : null,
    delivery:
      serviceType === 'delivery'
        ? {
            address: { line1: `${rng.int(1, 999)} Main St`, city: location.name },
            lat: location.lat + (rng.next() - 0.5) * 0.05,
            lon: location.lon + (rng.next() - 0.5) * 0.05,
          }
        : null,
    lines,
    totals: {
      currency: 'CAD',
      subtotal,
      discount: 0,
      loyalty_discount: 0,
      tax,
      tip,
      delivery_fee: deliveryFee,
      total,
    },
    promo_code: null,
    applied_offers: [],
    loyalty_points_redeemed: 0,
    placed_at: new Date(placedAt).toISOString(),
    time_zone: location.timeZone,
  });
  const paymentId = rng.uuid();
  const method = rng.chance(0.85) ? 'card' : 'cash';
  const provider = method === 'card' ? 'simulated' : null;
  const system = { user_id: null, role: 'system' };
  let at = placedAt + 2000;
  if (rng.chance(0.03)) {
    emit('payment.declined', at, {
      payment_id: paymentId,
      method,
      provider,
      amount: total,
      currency: 'CAD',
      decline_code: 'insufficient_funds',
      decline_reason: 'Insufficient funds',
    });
    emit('order.cancelled', at, {
      from: 'placed',
      to: 'cancelled',
      actor: system,
      reason: 'payment_declined',
    });
    return events;
  }
  const payment = {
    payment_id: paymentId,
    method,
    provider,
    amount: total,
    currency: 'CAD',
    auth_code: 'A1B2C3',
  };
  emit('payment.authorized', at, { ...payment, gateway_reference: `sim_${paymentId.slice(0, 8)}` });
  emit('payment.captured', at, {
    ...payment,
    subtotal,
    tax,
    tip,
    total,
  });
  emit('order.confirmed', at, { from: 'placed', to: 'confirmed', actor: system });
  if (options.lifecycle === false) return events;

  const refund = (when: number, amount: number, full: boolean, reason: string) =>
    emit('refund.processed', when, {
      refund_id: rng.uuid(),
      payment_id: paymentId,
      amount,
      currency: 'CAD',
      reason,
      refunded_total: amount,
      captured_total: total,
      full,
      requested_by: null,
    });
  if (rng.chance(0.02)) {
    at += rng.int(1, 5) * MINUTE;
    emit('order.cancelled', at, {
      from: 'confirmed',
      to: 'cancelled',
      actor: { user_id: customerId, role: 'customer' },
      reason: 'customer_request',
    });
    refund(at, total, true, 'order cancelled');
    return events;
  }

  const staff = { user_id: null, role: 'kitchen' };
  const ticketId = rng.uuid();
  const station = lines[0]?.station ?? 'grill';
  const ticket = { ticket_id: ticketId, order_id: orderId, station };
  const targetAt = new Date(at + 15 * MINUTE).toISOString();
  emit('kitchen.ticket_created', at + 500, {
    ...ticket,
    priority: 0,
    target_at: targetAt,
    created_at: new Date(at + 500).toISOString(),
    items: lines.map((line) => ({
      ticket_item_id: rng.uuid(),
      order_line_id: line.line_id,
      item_id: line.item_id,
      name: line.name,
      quantity: line.quantity,
      modifiers: line.modifiers.map((m) => ({ name: m.name })),
      notes: null,
    })),
  });
  const startedAt = at + rng.int(1, 6) * MINUTE;
  emit('kitchen.ticket_started', startedAt, { ...ticket, started_at: new Date(startedAt).toISOString() });
  emit('order.status_changed', startedAt, { from: 'confirmed', to: 'preparing', actor: staff });
  const readyAt = startedAt + rng.int(5, 20) * MINUTE;
  const prepSeconds = Math.round((readyAt - at - 500) / 1000);
  emit('kitchen.ticket_ready', readyAt, {
    ...ticket,
    started_at: new Date(startedAt).toISOString(),
    ready_at: new Date(readyAt).toISOString(),
    target_at: targetAt,
    prep_seconds: prepSeconds,
    late: readyAt > Date.parse(targetAt),
  });
  emit('order.status_changed', readyAt, { from: 'preparing', to: 'ready', actor: staff });
  let doneAt = readyAt;
  if (serviceType === 'delivery') {
    const delivery = { delivery_id: rng.uuid(), order_id: orderId };
    const driver = rng.pick(business.drivers);
    const assignedAt = startedAt + rng.int(1, 5) * MINUTE;
    emit('delivery.driver_assigned', assignedAt, {
      ...delivery,
      driver_user_id: driver,
      driver_name: 'Driver',
      assigned_by: { user_id: null, role: 'manager' },
      at: new Date(assignedAt).toISOString(),
    });
    const arrivedAt = readyAt + rng.int(0, 4) * MINUTE;
    emit('delivery.driver_arrived', arrivedAt, {
      ...delivery,
      driver_user_id: driver,
      at: new Date(arrivedAt).toISOString(),
    });
    const pickedAt = arrivedAt + rng.int(1, 3) * MINUTE;
    emit('delivery.picked_up', pickedAt, {
      ...delivery,
      driver_user_id: driver,
      at: new Date(pickedAt).toISOString(),
    });
    emit('order.status_changed', pickedAt, { from: 'ready', to: 'out_for_delivery', actor: system });
    for (let ping = 1; ping <= 2; ping++) {
      const pingAt = pickedAt + ping * 4 * MINUTE;
      emit('delivery.location_updated', pingAt, {
        ...delivery,
        driver_user_id: driver,
        lat: location.lat + (rng.next() - 0.5) * 0.05,
        lon: location.lon + (rng.next() - 0.5) * 0.05,
        heading: rng.int(0, 359),
        speed_mps: 8 + rng.next() * 6,
        recorded_at: new Date(pingAt).toISOString(),
      });
    }
    doneAt = pickedAt + rng.int(10, 30) * MINUTE;
    emit('delivery.delivered', doneAt, {
      ...delivery,
      driver_user_id: driver,
      at: new Date(doneAt).toISOString(),
    });
    emit('order.status_changed', doneAt, { from: 'out_for_delivery', to: 'delivered', actor: system });
  } else if (serviceType === 'takeout') {
    doneAt = readyAt + rng.int(1, 15) * MINUTE;
    emit('order.status_changed', doneAt, { from: 'ready', to: 'picked_up', actor: staff });
    emit('order.status_changed', doneAt, { from: 'picked_up', to: 'completed', actor: system });
  } else {
    doneAt = readyAt + rng.int(1, 3) * MINUTE;
    emit('kitchen.ticket_served', doneAt, { ...ticket, served_at: new Date(doneAt).toISOString() });
    emit('order.status_changed', doneAt + 40 * MINUTE, { from: 'ready', to: 'completed', actor: staff });
  }
  const refundRoll = rng.next();
  if (refundRoll < 0.015) {
    // Refunded in full, sometimes days later (late data for an old partition).
    const when = doneAt + (rng.chance(0.3) ? rng.int(1, 20) * 1440 : rng.int(10, 120)) * MINUTE;
    refund(when, total, true, 'complaint');
    emit('order.refunded', when, {
      from: serviceType === 'delivery' ? 'delivered' : 'completed',
      to: 'refunded',
      actor: system,
      refunded_total: total,
      currency: 'CAD',
    });
  } else if (refundRoll < 0.04) {
    refund(
      doneAt + rng.int(10, 600) * MINUTE,
      Math.max(1, Math.round(subtotal * 0.3)),
      false,
      'missing item',
    );
  }
  if (customerId !== null && rng.chance(0.15)) {
    emit('feedback.submitted', doneAt + rng.int(20, 180) * MINUTE, {
      feedback_id: rng.uuid(),
      customer_id: customerId,
      rating: rng.pick([5, 5, 5, 4, 4, 4, 3, 2, 1]),
      nps: rng.chance(0.7) ? rng.int(0, 10) : null,
      comment: null,
    });
  }
  return events;
}

/** UTC instant of local midnight of `date` in `zone` (exact outside the night of a DST change). */
function localMidnight(date: string, zone: string): number {
  const noon = Date.parse(`${date}T12:00:00Z`);
  const parts = localParts(zone, new Date(noon));
  const offsetMinutes = parts.minutes - 720 + (parts.date < date ? -1440 : parts.date > date ? 1440 : 0);
  return Date.parse(`${date}T00:00:00Z`) - offsetMinutes * MINUTE;
}

export interface HistoryOptions {
  seed: number;
  /** First local date (YYYY-MM-DD). */
  from: string;
  days: number;
  /** Mean orders per location per day (weekends busier, locations differ by weight). */
  ordersPerLocationDay: number;
}

/**
 * Days of orders for every location of the world, as batches of events in time order (each day's
 * events sorted by occurred_at; events that belong to a later day, like late refunds, are held back
 * until that day's batch). A last batch holds what falls after the final day.
 */
export function* historyByDay(world: World, options: HistoryOptions): Generator<EventEnvelope[]> {
  const rng = new Rng(options.seed);
  const held = new Map<number, EventEnvelope[]>();
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const dayOf = (event: EventEnvelope) => Math.floor((Date.parse(event.occurred_at) - start) / 86_400_000);
  for (let day = 0; day < options.days; day++) {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(start + day * 86_400_000).getUTCDay();
    const weekFactor = weekday === 5 || weekday === 6 ? 1.25 : weekday === 1 ? 0.85 : 1;
    const events: EventEnvelope[] = held.get(day) ?? [];
    held.delete(day);
    for (const business of world.businesses) {
      for (const location of business.locations) {
        const midnight = localMidnight(date, location.timeZone);
        const mean = options.ordersPerLocationDay * location.weight * weekFactor;
        const count = Math.max(0, Math.round(mean * (0.9 + rng.next() * 0.2)));
        for (let n = 0; n < count; n++) {
          const hour = pickHour(rng);
          const placedAt = midnight + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
          for (const event of orderEvents(rng, business, location, placedAt)) {
            const eventDay = dayOf(event);
            if (eventDay <= day) events.push(event);
            else {
              const later = held.get(eventDay) ?? [];
              later.push(event);
              held.set(eventDay, later);
            }
          }
        }
      }
    }
    events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
    yield events;
  }
  const rest = [...held.entries()].sort(([a], [b]) => a - b).flatMap(([, events]) => events);
  if (rest.length > 0) yield rest;
}

function pickHour(rng: Rng): number {
  let roll = rng.next();
  for (let hour = 0; hour < HOURLY.length; hour++) {
    roll -= HOURLY[hour] ?? 0;
    if (roll <= 0) return hour;
  }
  return 12;
}
