/**
 * An independent computation of the gold day tables from plain facts (read from PostgreSQL by the
 * reconciliation test), following the definitions documented in src/lake/gold/*.ts: written as loops
 * over rows, sharing no SQL with the transforms it checks.
 */

export interface LineFact {
  itemId: string;
  brandId: string;
  categoryId: string;
  name: string;
  unitPrice: number;
  modifiersPrice: number;
  quantity: number;
  discount: number;
  unitCost: number | null;
}

export interface OrderFact {
  orderId: string;
  businessId: string;
  locationId: string;
  localDate: string;
  localHour: number;
  placedAt: string;
  customerId: string | null;
  serviceType: string;
  status: string;
  paymentMethod: string | null;
  subtotal: number;
  discount: number;
  loyaltyDiscount: number;
  deliveryFee: number;
  total: number;
  tax: number;
  tip: number;
  captured: number;
  refunded: number;
  lines: LineFact[];
}

export interface TicketFact {
  orderId: string;
  createdAt: string | null;
  startedAt: string | null;
  readyAt: string | null;
  servedAt: string | null;
}

export interface DeliveryFact {
  orderId: string;
  placedAt: string;
  confirmedAt: string | null;
  readyAt: string | null;
  assignedAt: string | null;
  arrivedAt: string | null;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  driverId: string | null;
  failedAt: string | null;
}

export interface Names {
  items: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
  brands: ReadonlyMap<string, string>;
}

export type Row = Record<string, unknown>;

/** A UUID as DuckDB writes one: lower-case hex, hyphenated 8-4-4-4-12. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const countsAsRevenue = (o: OrderFact): boolean =>
  !['placed', 'cancelled', 'refunded'].includes(o.status);
export const orderRevenue = (o: OrderFact): number => (countsAsRevenue(o) ? o.total - o.refunded : 0);
const gross = (l: LineFact) => (l.unitPrice + l.modifiersPrice) * l.quantity;
const net = (l: LineFact) => gross(l) - l.discount;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function expectedOrderHeader(orders: readonly OrderFact[]): Row[] {
  return orders.map((o) => ({
    order_id: o.orderId,
    business_id: o.businessId,
    location_id: o.locationId,
    local_date: o.localDate,
    local_hour: o.localHour,
    placed_at: o.placedAt,
    customer_id: o.customerId,
    customer_uuid: o.customerId !== null && CANONICAL_UUID.test(o.customerId) ? o.customerId : null,
    customer_text: o.customerId !== null && !CANONICAL_UUID.test(o.customerId) ? o.customerId : null,
    service_type: o.serviceType,
    status: o.status,
    payment_method: o.paymentMethod,
    counts_as_revenue: countsAsRevenue(o),
    order_revenue: orderRevenue(o),
    total: o.total,
    tax: o.tax,
    tip: o.tip,
    refunded_amount: o.refunded,
    total_qty: o.lines.reduce((sum, l) => sum + l.quantity, 0),
    total_items: o.lines.length,
    brands_in_order: new Set(o.lines.map((l) => l.brandId)).size,
  }));
}

interface SoldLine extends LineFact {
  order: OrderFact;
}

function soldLines(orders: readonly OrderFact[]): SoldLine[] {
  return orders.filter(countsAsRevenue).flatMap((order) => order.lines.map((line) => ({ ...line, order })));
}

const dayKey = (o: OrderFact) => `${o.businessId}|${o.locationId}|${o.localDate}`;

interface ItemDay {
  business_id: string;
  location_id: string;
  local_date: string;
  item_id: string;
  item_name: string;
  brand_id: string;
  category_id: string;
  category_name: string | null;
  units: number;
  gross: number;
  net: number;
  cost: number;
}

function itemDays(orders: readonly OrderFact[], names: Names): ItemDay[] {
  return [...groupBy(soldLines(orders), (l) => `${dayKey(l.order)}|${l.itemId}`).values()].map((lines) => {
    const first = lines[0] as SoldLine;
    return {
      business_id: first.order.businessId,
      location_id: first.order.locationId,
      local_date: first.order.localDate,
      item_id: first.itemId,
      item_name: names.items.get(first.itemId) ?? first.name,
      brand_id: first.brandId,
      category_id: first.categoryId,
      category_name: names.categories.get(first.categoryId) ?? null,
      units: lines.reduce((sum, l) => sum + l.quantity, 0),
      gross: lines.reduce((sum, l) => sum + gross(l), 0),
      net: lines.reduce((sum, l) => sum + net(l), 0),
      cost: lines.reduce((sum, l) => sum + (l.unitCost === null ? 0 : l.unitCost * l.quantity), 0),
    };
  });
}

export function expectedItemSalesDay(orders: readonly OrderFact[], names: Names): Row[] {
  return itemDays(orders, names).map((i) => ({
    business_id: i.business_id,
    location_id: i.location_id,
    local_date: i.local_date,
    item_id: i.item_id,
    item_name: i.item_name,
    brand_id: i.brand_id,
    category_id: i.category_id,
    category_name: i.category_name,
    units_sold: i.units,
    gross_revenue: i.gross,
  }));
}

export function expectedItemPerformance(orders: readonly OrderFact[], names: Names): Row[] {
  return itemDays(orders, names).map((i) => ({
    business_id: i.business_id,
    location_id: i.location_id,
    local_date: i.local_date,
    item_id: i.item_id,
    item_name: i.item_name,
    category_name: i.category_name,
    quantity_sold: i.units,
    revenue: i.net,
    cost: i.cost,
    profit: i.net - i.cost,
    margin: i.net === 0 ? null : (i.net - i.cost) / i.net,
  }));
}

export function expectedBrandSalesDay(orders: readonly OrderFact[], names: Names): Row[] {
  return [...groupBy(soldLines(orders), (l) => `${dayKey(l.order)}|${l.brandId}`).values()].map((lines) => {
    const first = lines[0] as SoldLine;
    return {
      business_id: first.order.businessId,
      location_id: first.order.locationId,
      local_date: first.order.localDate,
      brand_id: first.brandId,
      brand_name: names.brands.get(first.brandId) ?? null,
      orders: new Set(lines.map((l) => l.order.orderId)).size,
      items_sold: lines.reduce((sum, l) => sum + l.quantity, 0),
      brand_revenue: lines.reduce((sum, l) => sum + net(l), 0),
    };
  });
}

export function expectedLocationSalesHourly(orders: readonly OrderFact[]): Row[] {
  const sales = orders.filter(countsAsRevenue);
  return [...groupBy(sales, (o) => `${dayKey(o)}|${o.localHour}`).values()].map((group) => {
    const first = group[0] as OrderFact;
    return {
      business_id: first.businessId,
      location_id: first.locationId,
      local_date: first.localDate,
      hour: first.localHour,
      orders: group.length,
      revenue: group.reduce((sum, o) => sum + orderRevenue(o), 0),
      tips: group.reduce((sum, o) => sum + o.tip, 0),
    };
  });
}

export function expectedDailySummary(orders: readonly OrderFact[], names: Names): Row[] {
  const items = itemDays(orders, names);
  return [...groupBy(orders, dayKey).values()].map((group) => {
    const first = group[0] as OrderFact;
    const sales = group.filter(countsAsRevenue);
    const totalSales = sales.reduce((sum, o) => sum + orderRevenue(o), 0);
    const methods: Record<string, { orders: number; amount: number }> = {};
    for (const o of sales) {
      const method = o.paymentMethod ?? 'unknown';
      const entry = methods[method] ?? { orders: 0, amount: 0 };
      methods[method] = { orders: entry.orders + 1, amount: entry.amount + orderRevenue(o) };
    }
    const top = items
      .filter((i) => `${i.business_id}|${i.location_id}|${i.local_date}` === dayKey(first))
      .sort((a, b) => b.net - a.net || (a.item_id < b.item_id ? -1 : 1))
      .slice(0, 5)
      .map((i) => ({ item_id: i.item_id, name: i.item_name, quantity: i.units, revenue: i.net }));
    return {
      business_id: first.businessId,
      location_id: first.locationId,
      local_date: first.localDate,
      total_sales: totalSales,
      total_orders: sales.length,
      total_customers: new Set(sales.flatMap((o) => (o.customerId ? [o.customerId] : []))).size,
      avg_order_value: sales.length === 0 ? null : totalSales / sales.length,
      total_tips: sales.reduce((sum, o) => sum + o.tip, 0),
      total_tax: sales.reduce((sum, o) => sum + o.tax, 0),
      cancelled_orders: group.filter((o) => o.status === 'cancelled').length,
      refunded_amount: group.reduce((sum, o) => sum + o.refunded, 0),
      payment_methods: methods,
      top_items: top,
    };
  });
}

/** The money of the orders paid for (captured), per location and day, from gross to COGS. */
export function expectedFinancialDay(orders: readonly OrderFact[]): Row[] {
  const paid = orders.filter((o) => o.captured > 0);
  const sum = (group: readonly OrderFact[], of: (o: OrderFact) => number) =>
    group.reduce((total, o) => total + of(o), 0);
  return [...groupBy(paid, dayKey).values()].map((group) => {
    const first = group[0] as OrderFact;
    return {
      business_id: first.businessId,
      location_id: first.locationId,
      local_date: first.localDate,
      paid_orders: group.length,
      gross_sales: sum(group, (o) => o.subtotal),
      discounts: sum(group, (o) => o.discount + o.loyaltyDiscount),
      tax: sum(group, (o) => o.tax),
      tips: sum(group, (o) => o.tip),
      delivery_fees: sum(group, (o) => o.deliveryFee),
      collected: sum(group, (o) => o.captured),
      refunds: sum(group, (o) => o.refunded),
      cogs: sum(group, (o) => o.lines.reduce((cost, l) => cost + (l.unitCost ?? 0) * l.quantity, 0)),
    };
  });
}

/** Ratings and NPS per location and local date of the order rated. */
export function expectedFeedbackDay(
  orders: readonly OrderFact[],
  feedback: readonly { orderId: string; rating: number | null; nps: number | null }[],
): Row[] {
  const orderOf = new Map(orders.map((o) => [o.orderId, o]));
  const rated = feedback.flatMap((f) => {
    const order = orderOf.get(f.orderId);
    return order ? [{ ...f, order }] : [];
  });
  return [...groupBy(rated, (f) => dayKey(f.order)).values()].map((group) => {
    const { order } = group[0] as (typeof rated)[number];
    const ratings = group.flatMap((f) => (f.rating === null ? [] : [f.rating]));
    const nps = group.flatMap((f) => (f.nps === null ? [] : [f.nps]));
    return {
      business_id: order.businessId,
      location_id: order.locationId,
      local_date: order.localDate,
      ratings: ratings.length,
      rating_sum: ratings.reduce((sum, r) => sum + r, 0),
      nps_responses: nps.length,
      promoters: nps.filter((n) => n >= 9).length,
      detractors: nps.filter((n) => n <= 6).length,
    };
  });
}

/** PERCENTILE_CONT: linear interpolation between the closest ranks of the sorted samples. */
export function percentileCont(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const below = sorted[lower] as number;
  const above = sorted[Math.ceil(position)] as number;
  return below + (above - below) * (position - lower);
}

const between = (from: string | null, to: string | null): number | null =>
  from === null || to === null ? null : (Date.parse(to) - Date.parse(from)) / 1000;

export function expectedPhasePercentiles(
  orders: readonly OrderFact[],
  tickets: readonly TicketFact[],
  deliveries: readonly DeliveryFact[],
): Row[] {
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const samples: { order: OrderFact; phase: string; seconds: number | null }[] = [];
  for (const t of tickets) {
    const order = byId.get(t.orderId);
    if (!order) continue;
    samples.push(
      { order, phase: 'kitchen_wait', seconds: between(t.createdAt, t.startedAt) },
      { order, phase: 'kitchen_prep', seconds: between(t.startedAt, t.readyAt) },
      { order, phase: 'kitchen_pass', seconds: between(t.readyAt, t.servedAt) },
    );
  }
  for (const d of deliveries) {
    const order = byId.get(d.orderId);
    if (!order) continue;
    samples.push(
      { order, phase: 'placed_to_confirmed', seconds: between(d.placedAt, d.confirmedAt) },
      { order, phase: 'confirmed_to_ready', seconds: between(d.confirmedAt, d.readyAt) },
      { order, phase: 'ready_to_picked_up', seconds: between(d.readyAt, d.pickedUpAt) },
      { order, phase: 'assigned_to_arrived', seconds: between(d.assignedAt, d.arrivedAt) },
      { order, phase: 'picked_up_to_delivered', seconds: between(d.pickedUpAt, d.deliveredAt) },
      { order, phase: 'placed_to_delivered', seconds: between(d.placedAt, d.deliveredAt) },
    );
  }
  const measured = samples.filter((s) => s.seconds !== null);
  return [...groupBy(measured, (s) => `${dayKey(s.order)}|${s.phase}`).values()].map((group) => {
    const first = group[0] as (typeof group)[number];
    const values = group.map((s) => s.seconds as number);
    return {
      business_id: first.order.businessId,
      location_id: first.order.locationId,
      local_date: first.order.localDate,
      phase: first.phase,
      samples: values.length,
      p50_s: percentileCont(values, 0.5),
      p75_s: percentileCont(values, 0.75),
      p95_s: percentileCont(values, 0.95),
      p99_s: percentileCont(values, 0.99),
    };
  });
}
