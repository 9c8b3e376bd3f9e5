import type { DemoBusiness, DemoCategory, DemoWorld } from '../../demo/demo-catalog.js';
import { demoIds } from '../../demo/demo-ids.js';
import type { PlacedLine } from '../../domain/orders/placed-payload.js';
import type { OfferRule } from '../../domain/pricing/pricing-types.js';

/**
 * What writing an order's history needs beyond the simulator's view of the world: what the order
 * service reads from the menu, location and offer tables when it prices and records an order (names,
 * stations, costs, categories, tax rules, delivery fees, automatic offers) and who the people are.
 * Built from the same demo world the seed writes, so every id matches a seeded row. Pure data.
 */
export interface HistoryCatalog {
  businesses: Map<string, HistoryBusiness>;
}

export interface HistoryBusiness {
  id: string;
  currency: string;
  locations: Map<string, HistoryLocation>;
  /** Items by simulator key (the demo item key, which planned lines name). */
  items: Map<string, HistoryItem>;
  /** Modifier options by option id. */
  options: Map<string, HistoryOption>;
  /** Automatic offers (no code): every order is priced against them, as the order service does. */
  offers: OfferRule[];
  /** Drivers by simulator key. */
  drivers: Map<string, { userId: string; name: string }>;
  /** Kitchen staff and managers acting at each location key (the first one covering it). */
  cooks: Map<string, string>;
  managers: Map<string, string>;
  /** The hourly rate of each person who keeps hours, by lower-case email (null: none on record). */
  hourlyRates: Map<string, number | null>;
}

export interface HistoryLocation {
  id: string;
  timeZone: string;
  taxRules: { name: string; rateBps: number }[];
  deliveryFeeMinor: number;
}

/** An item as an order line records it (PlacedLine's item), with what the kitchen times it by. */
export type HistoryItem = PlacedLine['item'] & { prepMinutes: number };

export interface HistoryOption {
  groupId: string;
  groupName: string;
  name: string;
  priceMinor: number;
}

/**
 * The user id of a seeded person by email. A fresh seed gives `demoIds.user(key)`; a database where the
 * email existed before keeps its earlier id, so the backfill looks them up (see backfill-people.ts).
 */
export type UserIdOf = (email: string) => string;

export function historyCatalog(world: DemoWorld, userIdOf: UserIdOf): HistoryCatalog {
  return {
    businesses: new Map(
      world.businesses.map((business) => [business.key, historyBusiness(business, userIdOf)]),
    ),
  };
}

function historyBusiness(business: DemoBusiness, userIdOf: UserIdOf): HistoryBusiness {
  const items = new Map<string, HistoryItem>();
  for (const brand of business.brands) {
    const brandId = demoIds.brand(brand.key);
    // The seed's walk: a category's id derives from its brand, its parent's id and its name.
    const walk = (parentId: string | null, level: DemoCategory[]): void => {
      for (const category of level) {
        const categoryId = demoIds.category(brand.key, parentId, category.name);
        for (const item of category.items) {
          const id = demoIds.item(item.key);
          items.set(item.key, {
            id,
            brandId,
            categoryId,
            name: item.name,
            station: item.station,
            priceMinor: item.priceMinor,
            costMinor: item.costMinor,
            prepMinutes: item.prepMinutes,
          });
        }
        walk(categoryId, category.children);
      }
    };
    walk(null, brand.menu.categories);
  }
  const options = new Map<string, HistoryOption>();
  for (const group of business.modifierGroups) {
    const groupId = demoIds.modifierGroup(group.key);
    for (const option of group.options) {
      options.set(demoIds.modifierOption(group.key, option.name), {
        groupId,
        groupName: group.name,
        name: option.name,
        priceMinor: option.priceMinor,
      });
    }
  }
  const firstAt = (role: 'kitchen' | 'manager' | 'owner') => (locationKey: string) =>
    business.users.find(
      (user) => user.role === role && (user.locations.length === 0 || user.locations.includes(locationKey)),
    );
  const actingAt = (...finders: ((locationKey: string) => { email: string } | undefined)[]) =>
    new Map(
      business.locations.flatMap((location) => {
        const person = finders.map((find) => find(location.key)).find((found) => found !== undefined);
        return person ? [[location.key, userIdOf(person.email)] as const] : [];
      }),
    );
  return {
    id: demoIds.business(business.key),
    currency: business.currency,
    hourlyRates: new Map(business.users.map((user) => [user.email.toLowerCase(), user.hourlyRateMinor])),
    locations: new Map(
      business.locations.map((location) => [
        location.key,
        {
          id: demoIds.location(location.key),
          timeZone: location.timeZone,
          taxRules: location.taxRules,
          deliveryFeeMinor: location.deliveryFeeMinor,
        },
      ]),
    ),
    items,
    options,
    offers: business.offers
      .filter((offer) => offer.code === null)
      .map((offer) => ({
        id: demoIds.offer(offer.key),
        name: offer.name,
        code: null,
        kind: offer.kind,
        percentBps: offer.percentBps,
        amountMinor: offer.amountMinor,
        currency: business.currency,
        buyQuantity: offer.buyQuantity,
        getQuantity: offer.getQuantity,
        itemIds: offer.itemKeys.map((key) => demoIds.item(key)),
        minSubtotalMinor: offer.minSubtotalMinor,
        startsAt: offer.startsAt ? new Date(offer.startsAt) : null,
        endsAt: offer.endsAt ? new Date(offer.endsAt) : null,
        locationIds: [],
        active: true,
      })),
    drivers: new Map(
      business.users
        .filter((user) => user.role === 'driver')
        .map((user) => [user.key, { userId: userIdOf(user.email), name: user.name }]),
    ),
    cooks: actingAt(firstAt('kitchen')),
    managers: actingAt(firstAt('manager'), firstAt('owner')),
  };
}
