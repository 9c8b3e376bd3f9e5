import { describe, expect, it } from 'vitest';
import { localParts } from '../../../../src/domain/locations/local-time.js';
import { compileWorld, DEFAULT_TABLE_NUMBERS } from '../../../../src/simulator/model/compile-world.js';
import { planDay, planOrders } from '../../../../src/simulator/model/plan-orders.js';
import {
  CATEGORY_BOOST,
  CATEGORY_WEIGHT,
  type DayPart,
  dayPartOf,
} from '../../../../src/simulator/model/reference-mix.js';
import type { MenuKind } from '../../../../src/simulator/sim-world.js';
import { chainBusiness, DAY_MS, EPOCH_MS, fixtureWorld, MENU_KINDS } from './fixture-world.js';
import { expectMix, expectShare, mean } from './stats.js';

// Four weeks of a 3-location chain: about 29,000 orders (location 2 offers no delivery).
const business = chainBusiness();
const world = fixtureWorld([business]);
const orders = planOrders(world, { seed: 11, from: EPOCH_MS, to: EPOCH_MS + 28 * DAY_MS });
const lines = orders.flatMap((order) => order.lines);
const cards = orders.filter((order) => ['credit_card', 'debit_card'].includes(order.payment.method));
const paid = orders.filter((order) => !order.payment.declined);
const completed = paid.filter((order) => order.cancelledAfter === null);
const categoryOf = new Map(business.items.map((item) => [item.key, item.category]));

describe('restaurant chain mix (reference section 3)', () => {
  it('has a large sample', () => {
    expect(orders.length).toBeGreaterThan(25_000);
  });

  it('mixes service types 62 / 23 / 15 where all are offered, and never one a location lacks', () => {
    const full = orders.filter((order) => order.locationKey !== 'chain-2');
    expectMix(
      full.map((order) => order.serviceType),
      { dine_in: 62, takeout: 23, delivery: 15 },
      'service type',
    );
    const noDelivery = orders.filter((order) => order.locationKey === 'chain-2');
    expectMix(
      noDelivery.map((order) => order.serviceType),
      { dine_in: 62, takeout: 23 },
      'service type without delivery',
    );
  });

  it('has 1–4 items per order at 60 / 28 / 9 / 3 and quantities 1–3 at 85 / 12 / 3', () => {
    expectMix(
      orders.map((order) => order.lines.length),
      { 1: 60, 2: 28, 3: 9, 4: 3 },
      'items',
    );
    expectMix(
      lines.map((line) => line.quantity),
      { 1: 85, 2: 12, 3: 3 },
      'quantity',
    );
    expect(orders.every((order) => order.brandKeys.length === 1 && order.brandKeys[0] === 'northwind')).toBe(
      true,
    );
  });

  it('pays by the reference method and provider mix, declining about 2 % of cards', () => {
    expectMix(
      orders.map((order) => order.payment.method),
      { credit_card: 52, debit_card: 18, cash: 14, digital_wallet: 12, gift_card: 4 },
      'method',
    );
    const providers = (method: string) =>
      orders
        .filter((order) => order.payment.method === method)
        .map((order) => String(order.payment.provider));
    expectMix(providers('credit_card'), { VISA: 48, Mastercard: 42, Amex: 10 }, 'credit');
    expectMix(providers('debit_card'), { Interac: 1 }, 'debit');
    expectMix(providers('digital_wallet'), { 'Apple Pay': 65, 'Google Pay': 35 }, 'wallet');
    expectMix(providers('cash'), { null: 1 }, 'cash');
    expectMix(providers('gift_card'), { null: 1 }, 'gift card');
    expectShare(cards.filter((order) => order.payment.declined).length, cards.length, 0.02, 'declines');
    const declinedNotCards = orders.filter((order) => order.payment.declined && !cards.includes(order));
    expect(declinedNotCards).toEqual([]);
  });

  it('tips by service type', () => {
    const tips = (type: string) =>
      orders.filter((order) => order.serviceType === type).map((order) => order.tip.percentBps);
    const dineIn = tips('dine_in');
    expect(Math.min(...dineIn)).toBeGreaterThanOrEqual(1200);
    expect(Math.max(...dineIn)).toBeLessThanOrEqual(2400);
    // Uniform on [1200, 2400]: mean 1800, sd ≈ 346; 5 standard errors.
    expect(Math.abs(mean(dineIn) - 1800)).toBeLessThan((5 * 346) / Math.sqrt(dineIn.length));
    expectMix(tips('takeout'), { 0: 70, 600: 20, 1000: 10 }, 'takeout tip');
    const delivery = tips('delivery');
    expect(Math.min(...delivery)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...delivery)).toBeLessThanOrEqual(2000);
    expect(Math.abs(mean(delivery) - 1400)).toBeLessThan((5 * 346) / Math.sqrt(delivery.length));
  });

  it('cancels about 3 % of paid orders, always before the kitchen starts', () => {
    const cancelled = paid.filter((order) => order.cancelledAfter !== null);
    expectShare(cancelled.length, paid.length, 0.03, 'cancellations');
    const wrong = cancelled.filter(
      (order) =>
        !((order.cancelledAfter ?? 0) > 0 && (order.cancelledAfter ?? 0) < order.kitchen.startedAfter) ||
        order.feedback !== null ||
        order.refund !== null,
    );
    expect(wrong).toEqual([]);
    const declinedButCancelled = orders.filter(
      (order) => order.payment.declined && order.cancelledAfter !== null,
    );
    expect(declinedButCancelled).toEqual([]);
  });

  it('collects feedback on a quarter of completed orders with the reference rating mix and NPS ranges', () => {
    const rated = completed.filter((order) => order.feedback !== null);
    expectShare(rated.length, completed.length, 0.25, 'feedback rate');
    expect(orders.filter((order) => order.feedback !== null).length).toBe(rated.length);
    expectMix(
      rated.map((order) => order.feedback?.rating ?? 0),
      { 1: 4, 2: 6, 3: 20, 4: 36, 5: 34 },
      'rating',
    );
    const ranges = { 1: [0, 6], 2: [0, 6], 3: [4, 8], 4: [7, 10], 5: [8, 10] } as const;
    const outOfRange = rated.filter((order) => {
      const feedback = order.feedback;
      if (!feedback) return true;
      const [low, high] = ranges[feedback.rating];
      return (
        feedback.nps < low || feedback.nps > high || feedback.afterHours < 1 || feedback.afterHours > 170
      );
    });
    expect(outOfRange).toEqual([]);
  });

  it('boosts categories by local time of day as in the reference', () => {
    const byPart = new Map<DayPart, MenuKind[]>();
    for (const order of orders) {
      const site = business.locations.find((location) => location.key === order.locationKey);
      const part = dayPartOf(localParts(site?.timeZone ?? 'UTC', new Date(order.placedAt)).minutes);
      const list = byPart.get(part) ?? [];
      for (const line of order.lines) list.push(categoryOf.get(line.itemKey) ?? 'coffee');
      byPart.set(part, list);
    }
    for (const part of ['morning', 'midday', 'evening'] as const) {
      const weights = Object.fromEntries(
        MENU_KINDS.map((kind) => [kind, CATEGORY_WEIGHT[kind] * (CATEGORY_BOOST[part][kind] ?? 1)]),
      );
      expectMix(byPart.get(part) ?? [], weights, part);
    }
    const share = (part: DayPart, kind: MenuKind) => {
      const list = byPart.get(part) ?? [];
      return list.filter((category) => category === kind).length / list.length;
    };
    expect(share('morning', 'coffee')).toBeGreaterThan(1.5 * share('evening', 'coffee'));
    expect(share('evening', 'alcohol')).toBeGreaterThan(5 * share('morning', 'alcohol'));
    expect(share('midday', 'sandwich')).toBeGreaterThan(1.2 * share('evening', 'sandwich'));
  });

  it('seats dine-in orders at a table and only them', () => {
    const misplaced = orders.filter((order) =>
      order.serviceType === 'dine_in'
        ? !DEFAULT_TABLE_NUMBERS.includes(order.tableNumber ?? '')
        : order.tableNumber !== null || (order.delivery === null) !== (order.serviceType !== 'delivery'),
    );
    expect(misplaced).toEqual([]);
    const ownTables = compileWorld(world, { tablesFor: (key) => [`${key}-window`] });
    const seated = planDay(ownTables, 11, 0).filter((order) => order.serviceType === 'dine_in');
    expect(seated.length).toBeGreaterThan(100);
    expect(seated.filter((order) => order.tableNumber !== `${order.locationKey}-window`)).toEqual([]);
  });

  it('selects modifiers within every group’s min and max, required groups always', () => {
    const groupsOf = new Map(business.items.map((item) => [item.key, item.modifierGroups]));
    let optionalOpened = 0;
    let optionalGroups = 0;
    const broken: unknown[] = [];
    for (const line of lines) {
      const chosen = new Set(line.modifierOptionIds);
      let accounted = 0;
      for (const group of groupsOf.get(line.itemKey) ?? []) {
        const picked = group.options.filter((option) => chosen.has(option.id)).length;
        accounted += picked;
        if (picked < group.minSelections || picked > group.maxSelections)
          broken.push({ line, group: group.id });
        if (group.minSelections === 0) {
          optionalGroups++;
          if (picked > 0) optionalOpened++;
        }
      }
      if (accounted !== line.modifierOptionIds.length) broken.push({ line, duplicatesOrStrays: true });
    }
    expect(broken).toEqual([]);
    expectShare(optionalOpened, optionalGroups, 0.3, 'optional groups opened');
  });
});
