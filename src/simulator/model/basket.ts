import type { PlannedLine } from '../planned-order.js';
import { drawItem } from './brand-menu.js';
import type { ServedBrand } from './compile-world.js';
import { pickModifiers } from './modifier-picks.js';
import { GHOST_BRANDS_PER_ORDER, ITEMS_PER_ORDER, QUANTITY } from './reference-mix.js';
import type { Rng } from './rng.js';
import type { WeightedTable } from './weighted-table.js';

export interface Basket {
  brandKeys: string[];
  lines: PlannedLine[];
  /** The slowest brand's prep scale: the kitchen phase waits for the whole basket. */
  prepScale: number;
}

/** A restaurant order: one brand (weighted), 1–4 lines by the reference mix, quantity 1–3. */
export function chainBasket(rng: Rng, brands: WeightedTable<ServedBrand>, dayPart: number): Basket {
  const brand = brands.pick(rng);
  const count = ITEMS_PER_ORDER.pick(rng);
  const lines: PlannedLine[] = [];
  for (let i = 0; i < count; i++) {
    const item = drawItem(rng, brand.menu, dayPart);
    lines.push({
      itemKey: item.key,
      quantity: QUANTITY.pick(rng),
      modifierOptionIds: pickModifiers(rng, item),
    });
  }
  return { brandKeys: [brand.key], lines, prepScale: brand.prepScale };
}

/** Draws are retried this often to find brands not already in the basket (weights may be lopsided). */
const DISTINCT_ATTEMPTS = 32;

/**
 * A ghost-kitchen order: one brand with p = 0.7, else 2–3 distinct brands (never more than are
 * served that day), each weighted by its growth, with 1–3 items of quantity 1–2 from each.
 */
export function ghostBasket(rng: Rng, brands: WeightedTable<ServedBrand>, dayPart: number): Basket {
  const wanted = Math.min(GHOST_BRANDS_PER_ORDER.pick(rng), brands.size);
  const chosen: ServedBrand[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < DISTINCT_ATTEMPTS; attempt++) {
    const brand = brands.pick(rng);
    if (!chosen.includes(brand)) chosen.push(brand);
  }
  const lines: PlannedLine[] = [];
  let prepScale = 0;
  for (const brand of chosen) {
    prepScale = Math.max(prepScale, brand.prepScale);
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const item = drawItem(rng, brand.menu, dayPart);
      lines.push({ itemKey: item.key, quantity: rng.int(1, 2), modifierOptionIds: pickModifiers(rng, item) });
    }
  }
  return { brandKeys: chosen.map((brand) => brand.key), lines, prepScale };
}
