import type { MenuKind } from '../simulator/sim-world.js';
import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoCategory, DemoItem, Station } from './demo-catalog.js';
import { MENU_KINDS, type MenuKindFacts } from './menu-kinds.js';

/** What a person writes for one dish; price, cost, timing and calories are drawn from its kind. */
export interface DishSpec {
  name: string;
  description: string;
  allergens?: string[];
  tags?: string[];
  /** Modifier group keys of the same business. */
  modifiers?: string[];
  /** When the kind's usual station is not where this dish is made. */
  station?: Station;
}

/**
 * Builds one brand's menu: SKUs are `PREFIX-KIND-NN` (numbered per kind across the whole menu, so two
 * sections of one kind never collide) and item keys are the SKU in lower case.
 */
export class BrandMenuBuilder {
  private readonly counters = new Map<MenuKind, number>();

  constructor(
    private readonly random: SeededRandom,
    private readonly prefix: string,
  ) {}

  section(name: string, description: string, kind: MenuKind, dishes: DishSpec[]): DemoCategory {
    return { name, description, items: dishes.map((dish) => this.item(kind, dish)), children: [] };
  }

  /** A category that only holds sub-categories. */
  parent(name: string, description: string, children: DemoCategory[]): DemoCategory {
    return { name, description, items: [], children };
  }

  private item(kind: MenuKind, dish: DishSpec): DemoItem {
    const number = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, number);
    const sku = `${this.prefix}-${kind.slice(0, 3).toUpperCase()}-${String(number).padStart(2, '0')}`;
    const facts = MENU_KINDS[kind];
    const priceMinor = drawPrice(this.random, facts);
    return {
      key: sku.toLowerCase(),
      kind,
      name: dish.name,
      description: dish.description,
      priceMinor,
      costMinor: Math.round((priceMinor * this.random.int(facts.costBps[0], facts.costBps[1])) / 10_000),
      sku,
      station: dish.station ?? facts.station,
      prepMinutes: this.random.int(facts.prepMinutes[0], facts.prepMinutes[1]),
      allergens: dish.allergens ?? [],
      tags: dish.tags ?? [],
      calories: 10 * Math.round(this.random.int(facts.calories[0], facts.calories[1]) / 10),
      modifierGroups: dish.modifiers ?? [],
    };
  }
}

/** A menu price inside the kind's range: quarter steps, most of them ending in 5 (…4.95, …12.45). */
function drawPrice(random: SeededRandom, facts: MenuKindFacts): number {
  const steps = Math.floor((facts.maxPriceMinor - facts.minPriceMinor) / 25);
  const price = facts.minPriceMinor + 25 * random.int(0, steps);
  return price - 5 >= facts.minPriceMinor && random.chance(0.7) ? price - 5 : price;
}
