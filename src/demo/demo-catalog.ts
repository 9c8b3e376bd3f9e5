/**
 * The demo business Brigade seeds on a first `brigade start`: an invented Canadian restaurant group,
 * "Northwind Table Co.", with three Ontario restaurants (13% HST), a Vancouver ghost kitchen
 * (GST + PST as two tax rules), a flagship brand and three virtual brands, menus with nested
 * categories and modifiers, offers, staff and customers. Pure data: `seed-demo.ts` writes it.
 * Prices follow the ranges of the source systems' 13 categories; costs are 25–40% of price.
 */

import { WEEKDAYS, type Weekday } from '../domain/locations/local-time.js';
import type { Holiday, WeeklyHours } from '../domain/locations/opening-hours.js';
import type { AvailabilitySchedule } from '../domain/menu/item-availability.js';
import type { ServiceType } from '../domain/orders/order-status.js';

type MenuKind =
  | 'coffee'
  | 'breakfast'
  | 'appetizer'
  | 'salad'
  | 'sandwich'
  | 'burger'
  | 'pizza'
  | 'pasta'
  | 'entree'
  | 'dessert'
  | 'kids'
  | 'beverage'
  | 'alcohol';

type Station = 'grill' | 'fryer' | 'pizza' | 'cold' | 'bar' | 'pastry';

/** Food cost as a share of the menu price, per category (basis points). */
const COST_BPS: Record<MenuKind, number> = {
  coffee: 2500,
  breakfast: 3000,
  appetizer: 2800,
  salad: 3000,
  sandwich: 3300,
  burger: 3500,
  pizza: 2600,
  pasta: 2700,
  entree: 3800,
  dessert: 2700,
  kids: 3200,
  beverage: 2500,
  alcohol: 4000,
};

export interface DemoItem {
  key: string;
  name: string;
  description: string;
  priceMinor: number;
  costMinor: number;
  sku: string;
  station: Station;
  prepMinutes: number;
  allergens: string[];
  tags: string[];
  calories: number;
  modifierGroups: string[];
  /** null = whenever the location is open. */
  availabilitySchedule: AvailabilitySchedule | null;
}

export interface DemoCategory {
  name: string;
  description: string;
  items: DemoItem[];
  children: DemoCategory[];
}

export interface DemoBrand {
  key: string;
  name: string;
  cuisine: string;
  description: string;
  /** Virtual brands launch on a date; the flagship has always been there. */
  startsOn: string | null;
  locations: string[];
  menu: { name: string; description: string; categories: DemoCategory[] };
}

export interface DemoLocation {
  key: string;
  code: string;
  name: string;
  kind: 'restaurant' | 'ghost_kitchen';
  address: { line1: string; city: string; region: string; postalCode: string; country: string };
  lat: number;
  lon: number;
  timeZone: string;
  taxRules: { name: string; rateBps: number }[];
  serviceTypes: ServiceType[];
  deliveryFeeMinor: number;
  deliveryRadiusKm: number;
  businessHours: WeeklyHours;
  holidays: Holiday[];
}

export interface DemoModifierGroup {
  key: string;
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  minSelections: number;
  maxSelections: number;
  options: { name: string; priceMinor: number }[];
}

export interface DemoOffer {
  key: string;
  name: string;
  code: string | null;
  kind: 'percent' | 'fixed' | 'buy_x_get_y';
  percentBps: number | null;
  amountMinor: number | null;
  buyQuantity: number | null;
  getQuantity: number | null;
  itemKeys: string[];
  minSubtotalMinor: number;
  startsAt: string | null;
  endsAt: string | null;
}

export type DemoRole = 'owner' | 'manager' | 'kitchen' | 'cashier' | 'driver' | 'customer';

export interface DemoUser {
  key: string;
  role: DemoRole;
  email: string;
  name: string;
  phone: string;
  /** Staff limited to these locations (empty = all). */
  locations: string[];
  loyaltyPoints: number;
}

export const DEMO_BUSINESS = {
  key: 'northwind',
  name: 'Northwind Table Co.',
  slug: 'northwind-table-co',
  currency: 'CAD',
  // 10 points per dollar spent; 10 points are worth one cent (1,000 points = $1.00).
  loyaltyEarnPointsPerUnit: 10,
  loyaltyPointsPerMinorUnit: 10,
} as const;

// ---------------------------------------------------------------------------------------------
// Locations

/** The same sections on every day of the week. */
function everyDay<T>(sections: T[]): Partial<Record<Weekday, T[]>> {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, sections]));
}

const lunch = { name: 'Lunch', opens: '11:00', closes: '15:00' };
const brunch = { name: 'Brunch', opens: '09:00', closes: '15:00' };
const dinnerUntil = (closes: string) => ({ name: 'Dinner', opens: '17:00', closes });

const restaurantHours: WeeklyHours = {
  monday: [lunch, dinnerUntil('22:00')],
  tuesday: [lunch, dinnerUntil('22:00')],
  wednesday: [lunch, dinnerUntil('22:00')],
  thursday: [lunch, dinnerUntil('22:30')],
  friday: [lunch, dinnerUntil('23:30')],
  saturday: [brunch, dinnerUntil('23:30')],
  sunday: [brunch, dinnerUntil('21:30')],
};

// The ghost kitchen cooks around the clock (its late-night section runs past midnight), so the demo
// can always take a delivery order whatever the hour where it is started.
const ghostKitchenHours: WeeklyHours = everyDay([
  { name: 'Lunch', opens: '11:00', closes: '16:00' },
  { name: 'Dinner', opens: '16:00', closes: '23:00' },
  { name: 'Late night', opens: '23:00', closes: '11:00' },
]);

const christmas: Holiday = { date: '2026-12-25', name: 'Christmas Day', closed: true };

/** What the three Ontario restaurants share: only address, position and delivery radius differ. */
const ontarioRestaurant = {
  kind: 'restaurant',
  timeZone: 'America/Toronto',
  taxRules: [{ name: 'HST', rateBps: 1300 }],
  serviceTypes: ['dine_in', 'takeout', 'delivery'],
  deliveryFeeMinor: 499,
  businessHours: restaurantHours,
  holidays: [
    {
      date: '2026-07-01',
      name: 'Canada Day',
      closed: false,
      sections: [{ name: 'Dinner', opens: '16:00', closes: '23:00' }],
    },
    christmas,
    { date: '2027-01-01', name: "New Year's Day", closed: true },
  ],
} satisfies Partial<DemoLocation>;

export const DEMO_LOCATIONS: DemoLocation[] = [
  {
    ...ontarioRestaurant,
    key: 'toronto',
    code: 'NW-TOR-01',
    name: 'Northwind Table — King West',
    address: {
      line1: '512 King Street West',
      city: 'Toronto',
      region: 'ON',
      postalCode: 'M5V 1L9',
      country: 'CA',
    },
    lat: 43.6447,
    lon: -79.3986,
    deliveryRadiusKm: 6,
  },
  {
    ...ontarioRestaurant,
    key: 'ottawa',
    code: 'NW-OTT-01',
    name: 'Northwind Table — ByWard Market',
    address: { line1: '58 York Street', city: 'Ottawa', region: 'ON', postalCode: 'K1N 5T1', country: 'CA' },
    lat: 45.4276,
    lon: -75.6921,
    deliveryRadiusKm: 5,
  },
  {
    ...ontarioRestaurant,
    key: 'hamilton',
    code: 'NW-HAM-01',
    name: 'Northwind Table — James North',
    address: {
      line1: '221 James Street North',
      city: 'Hamilton',
      region: 'ON',
      postalCode: 'L8R 2L3',
      country: 'CA',
    },
    lat: 43.2662,
    lon: -79.8664,
    deliveryRadiusKm: 5,
  },
  {
    key: 'vancouver',
    code: 'NW-VAN-GK1',
    name: 'Northwind Kitchens — Mount Pleasant',
    kind: 'ghost_kitchen',
    address: {
      line1: '188 West 5th Avenue',
      city: 'Vancouver',
      region: 'BC',
      postalCode: 'V5Y 1H8',
      country: 'CA',
    },
    lat: 49.2665,
    lon: -123.1077,
    timeZone: 'America/Vancouver',
    // BC charges federal GST and provincial PST separately; each is rounded on its own.
    taxRules: [
      { name: 'GST', rateBps: 500 },
      { name: 'PST', rateBps: 700 },
    ],
    serviceTypes: ['takeout', 'delivery'],
    deliveryFeeMinor: 399,
    deliveryRadiusKm: 8,
    businessHours: ghostKitchenHours,
    holidays: [christmas],
  },
];

// ---------------------------------------------------------------------------------------------
// Dining tables

export interface DemoTable {
  number: string;
  capacity: number;
  section: string;
  position: { x: number; y: number };
  shape: 'round' | 'square' | 'rectangle';
}

/** The floor plan of every demo location that offers dine-in: two-tops by the window, fours, a patio. */
export const DEMO_FLOOR_PLAN: DemoTable[] = [
  { number: '1', capacity: 2, section: 'Window', position: { x: 80, y: 60 }, shape: 'square' },
  { number: '2', capacity: 2, section: 'Window', position: { x: 180, y: 60 }, shape: 'square' },
  { number: '3', capacity: 4, section: 'Main', position: { x: 80, y: 200 }, shape: 'round' },
  { number: '4', capacity: 4, section: 'Main', position: { x: 220, y: 200 }, shape: 'round' },
  { number: '5', capacity: 6, section: 'Main', position: { x: 150, y: 340 }, shape: 'rectangle' },
  { number: 'P1', capacity: 4, section: 'Patio', position: { x: 420, y: 120 }, shape: 'square' },
];

// ---------------------------------------------------------------------------------------------
// Modifier groups (shared between items)

/** A pick-one group: required means exactly one option, optional at most one. */
function pickOne(
  key: string,
  name: string,
  required: boolean,
  options: [name: string, priceMinor: number][],
): DemoModifierGroup {
  return {
    key,
    name,
    selection: 'single',
    required,
    minSelections: required ? 1 : 0,
    maxSelections: 1,
    options: options.map(([optionName, priceMinor]) => ({ name: optionName, priceMinor })),
  };
}

export const DEMO_MODIFIER_GROUPS: DemoModifierGroup[] = [
  pickOne(
    'doneness',
    'Doneness',
    true,
    ['Rare', 'Medium rare', 'Medium', 'Medium well', 'Well done'].map((option) => [option, 0]),
  ),
  {
    key: 'burger-add-ons',
    name: 'Add-ons',
    selection: 'multiple',
    required: false,
    minSelections: 0,
    maxSelections: 3,
    options: [
      { name: 'Aged cheddar', priceMinor: 175 },
      { name: 'Double-smoked bacon', priceMinor: 275 },
      { name: 'Fried egg', priceMinor: 200 },
      { name: 'Avocado', priceMinor: 250 },
      { name: 'Pickled jalapeños', priceMinor: 100 },
    ],
  },
  pickOne('salad-protein', 'Add a protein', false, [
    ['Grilled chicken', 550],
    ['Seared salmon', 750],
    ['Crispy tofu', 400],
  ]),
  pickOne('side-choice', 'Side', true, [
    ['Hand-cut fries', 0],
    ['Green salad', 0],
    ['Poutine', 350],
  ]),
  pickOne('pizza-size', 'Size', true, [
    ['10-inch', 0],
    ['14-inch', 600],
  ]),
  pickOne('coffee-size', 'Cup size', true, [
    ['Small', 0],
    ['Medium', 50],
    ['Large', 100],
  ]),
  pickOne('milk', 'Milk', false, [
    ['Oat milk', 75],
    ['Almond milk', 75],
    ['Lactose-free', 0],
  ]),
];

// ---------------------------------------------------------------------------------------------
// Brands and their menus

const BREAKFAST_HOURS: AvailabilitySchedule = everyDay([{ from: '07:00', to: '14:00' }]);

interface ItemSpec {
  name: string;
  description: string;
  price: number;
  station: Station;
  prep: number;
  allergens?: string[];
  tags?: string[];
  calories: number;
  modifiers?: string[];
  schedule?: DemoItem['availabilitySchedule'];
}

/** Builds one item: key and SKU come from the brand prefix and position, cost from the category. */
function items(prefix: string, kind: MenuKind, specs: ItemSpec[]): DemoItem[] {
  return specs.map((spec, index) => {
    const sku = `${prefix}-${kind.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(2, '0')}`;
    return {
      key: sku.toLowerCase(),
      name: spec.name,
      description: spec.description,
      priceMinor: spec.price,
      costMinor: Math.round((spec.price * COST_BPS[kind]) / 10_000),
      sku,
      station: spec.station,
      prepMinutes: spec.prep,
      allergens: spec.allergens ?? [],
      tags: spec.tags ?? [],
      calories: spec.calories,
      modifierGroups: spec.modifiers ?? [],
      availabilitySchedule: spec.schedule ?? null,
    };
  });
}

function category(name: string, description: string, content: DemoItem[] | DemoCategory[]): DemoCategory {
  const isItems = content.length > 0 && 'sku' in (content[0] as object);
  return {
    name,
    description,
    items: isItems ? (content as DemoItem[]) : [],
    children: isItems ? [] : (content as DemoCategory[]),
  };
}

const flagshipMenu: DemoBrand['menu'] = {
  name: 'All Day',
  description: 'Seasonal Canadian bistro cooking, from first coffee to last call.',
  categories: [
    category(
      'Coffee',
      'Roasted in Hamilton.',
      items('NWT', 'coffee', [
        {
          name: 'Drip Coffee',
          description: 'Medium roast, bottomless when dining in.',
          price: 275,
          station: 'bar',
          prep: 1,
          calories: 5,
          tags: ['vegan'],
          modifiers: ['coffee-size', 'milk'],
        },
        {
          name: 'Maple Oat Latte',
          description: 'Double espresso, oat milk, a touch of Ontario maple.',
          price: 575,
          station: 'bar',
          prep: 3,
          calories: 190,
          tags: ['vegan', 'signature'],
          modifiers: ['coffee-size'],
        },
        {
          name: 'Cortado',
          description: 'Equal parts espresso and steamed milk.',
          price: 450,
          station: 'bar',
          prep: 2,
          allergens: ['dairy'],
          calories: 70,
          modifiers: ['milk'],
        },
      ]),
    ),
    category(
      'Breakfast',
      'Served until 2 pm.',
      items('NWT', 'breakfast', [
        {
          name: 'Lumberjack Plate',
          description: 'Two eggs, peameal bacon, rosti, sourdough toast.',
          price: 1595,
          station: 'grill',
          prep: 12,
          allergens: ['egg', 'gluten'],
          calories: 980,
          schedule: BREAKFAST_HOURS,
        },
        {
          name: 'Buttermilk Pancakes',
          description: 'Wild blueberries, whipped butter, maple syrup.',
          price: 1295,
          station: 'grill',
          prep: 10,
          allergens: ['gluten', 'dairy', 'egg'],
          tags: ['vegetarian'],
          calories: 760,
          schedule: BREAKFAST_HOURS,
        },
        {
          name: 'Smoked Trout Benedict',
          description: 'Hot-smoked trout, poached eggs, dill hollandaise.',
          price: 1550,
          station: 'grill',
          prep: 12,
          allergens: ['fish', 'egg', 'gluten', 'dairy'],
          calories: 820,
          schedule: BREAKFAST_HOURS,
        },
      ]),
    ),
    category(
      'Starters',
      'To share, or not.',
      items('NWT', 'appetizer', [
        {
          name: 'Poutine Croquettes',
          description: 'Fries, curds and gravy, rolled and fried.',
          price: 1195,
          station: 'fryer',
          prep: 8,
          allergens: ['dairy', 'gluten'],
          tags: ['signature'],
          calories: 640,
        },
        {
          name: 'Charred Brussels Sprouts',
          description: 'Honey-miso glaze, toasted sesame.',
          price: 1095,
          station: 'grill',
          prep: 7,
          allergens: ['soy', 'sesame'],
          tags: ['vegetarian'],
          calories: 380,
        },
        {
          name: 'Albacore Tuna Crudo',
          description: 'Citrus, chili oil, crispy shallots.',
          price: 1595,
          station: 'cold',
          prep: 6,
          allergens: ['fish'],
          tags: ['spicy', 'gluten_free'],
          calories: 290,
        },
      ]),
    ),
    category(
      'Salads',
      'Add a protein to any salad.',
      items('NWT', 'salad', [
        {
          name: 'Harvest Grain Bowl',
          description: 'Farro, roasted squash, kale, pumpkin seeds, cider vinaigrette.',
          price: 1695,
          station: 'cold',
          prep: 6,
          tags: ['vegan'],
          calories: 620,
          modifiers: ['salad-protein'],
        },
        {
          name: 'Northwind Caesar',
          description: 'Romaine, garlic crumb, parmesan, bacon lardons.',
          price: 1395,
          station: 'cold',
          prep: 5,
          allergens: ['dairy', 'gluten', 'egg', 'fish'],
          calories: 540,
          modifiers: ['salad-protein'],
        },
      ]),
    ),
    category(
      'Sandwiches',
      'Served with a side.',
      items('NWT', 'sandwich', [
        {
          name: 'Smoked Brisket on Rye',
          description: 'House-smoked brisket, mustard, dill pickle.',
          price: 1795,
          station: 'grill',
          prep: 8,
          allergens: ['gluten', 'mustard'],
          tags: ['signature'],
          calories: 890,
          modifiers: ['side-choice'],
        },
        {
          name: 'Buttermilk Fried Chicken Sandwich',
          description: 'Hot honey, slaw, brioche bun.',
          price: 1695,
          station: 'fryer',
          prep: 10,
          allergens: ['gluten', 'egg', 'dairy'],
          tags: ['spicy'],
          calories: 960,
          modifiers: ['side-choice'],
        },
      ]),
    ),
    category('Mains', 'From the grill, the pot and the pasta station.', [
      category(
        'Burgers',
        'Ground in house daily.',
        items('NWT', 'burger', [
          {
            name: 'Northwind Burger',
            description: 'Eight-ounce chuck and brisket, aged cheddar, onion jam.',
            price: 1995,
            station: 'grill',
            prep: 12,
            allergens: ['gluten', 'dairy'],
            tags: ['signature'],
            calories: 1120,
            modifiers: ['doneness', 'burger-add-ons', 'side-choice'],
          },
        ]),
      ),
      category(
        'Entrees',
        'Plates for the evening.',
        items('NWT', 'entree', [
          {
            name: 'Maple-Glazed Arctic Char',
            description: 'Wild rice pilaf, charred leeks.',
            price: 3295,
            station: 'grill',
            prep: 18,
            allergens: ['fish'],
            tags: ['gluten_free'],
            calories: 710,
          },
          {
            name: 'Steak Frites',
            description: 'Ten-ounce striploin, peppercorn jus, hand-cut fries.',
            price: 3895,
            station: 'grill',
            prep: 20,
            allergens: ['dairy'],
            tags: ['signature'],
            calories: 1240,
            modifiers: ['doneness'],
          },
          {
            name: 'Roast Half Chicken',
            description: 'Brined and roasted, root vegetables, thyme jus.',
            price: 2795,
            station: 'grill',
            prep: 22,
            tags: ['gluten_free'],
            calories: 980,
          },
        ]),
      ),
      category(
        'Pasta',
        'Fresh pasta rolled every morning.',
        items('NWT', 'pasta', [
          {
            name: 'Wild Mushroom Tagliatelle',
            description: 'Foraged mushrooms, brown butter, sage.',
            price: 2295,
            station: 'grill',
            prep: 14,
            allergens: ['gluten', 'dairy', 'egg'],
            tags: ['vegetarian'],
            calories: 870,
          },
          {
            name: 'Short Rib Pappardelle',
            description: 'Red-wine braised short rib, gremolata.',
            price: 2595,
            station: 'grill',
            prep: 15,
            allergens: ['gluten', 'egg'],
            calories: 1010,
          },
        ]),
      ),
    ]),
    category(
      'Kids',
      'For guests twelve and under.',
      items('NWT', 'kids', [
        {
          name: 'Kids Mac & Cheese',
          description: 'Elbow pasta, mild cheddar sauce.',
          price: 850,
          station: 'grill',
          prep: 8,
          allergens: ['gluten', 'dairy'],
          tags: ['vegetarian'],
          calories: 520,
        },
        {
          name: 'Kids Chicken Fingers',
          description: 'With fries and plum sauce.',
          price: 950,
          station: 'fryer',
          prep: 9,
          allergens: ['gluten', 'egg'],
          calories: 610,
        },
      ]),
    ),
    category(
      'Desserts',
      'Made by our pastry team.',
      items('NWT', 'dessert', [
        {
          name: 'Butter Tart Sundae',
          description: 'Vanilla ice cream, butter tart crumble, caramel.',
          price: 995,
          station: 'pastry',
          prep: 4,
          allergens: ['dairy', 'gluten', 'nuts'],
          tags: ['signature'],
          calories: 690,
        },
        {
          name: 'Sticky Toffee Pudding',
          description: 'Date cake, toffee sauce, crème fraîche.',
          price: 1095,
          station: 'pastry',
          prep: 5,
          allergens: ['dairy', 'gluten', 'egg'],
          calories: 740,
        },
      ]),
    ),
    category('Drinks', 'Something to wash it down.', [
      category(
        'Soft Drinks',
        'Non-alcoholic.',
        items('NWT', 'beverage', [
          {
            name: 'Sparkling Rhubarb Lemonade',
            description: 'House-made, lightly sweet.',
            price: 495,
            station: 'bar',
            prep: 2,
            tags: ['vegan'],
            calories: 140,
          },
          {
            name: 'Craft Root Beer',
            description: 'Small-batch, Ontario-brewed.',
            price: 450,
            station: 'bar',
            prep: 1,
            tags: ['vegan'],
            calories: 160,
          },
        ]),
      ),
      category(
        'Beer & Wine',
        'Must be of legal drinking age.',
        items('NWT', 'alcohol', [
          {
            name: 'Local IPA (pint)',
            description: 'Rotating Ontario craft IPA.',
            price: 850,
            station: 'bar',
            prep: 1,
            allergens: ['gluten'],
            tags: ['alcohol'],
            calories: 230,
          },
          {
            name: 'Niagara Riesling (6 oz)',
            description: 'Off-dry, green apple and lime.',
            price: 1350,
            station: 'bar',
            prep: 1,
            allergens: ['sulphites'],
            tags: ['alcohol'],
            calories: 150,
          },
        ]),
      ),
    ]),
  ],
};

const sliceTheoryMenu: DemoBrand['menu'] = {
  name: 'Slice Theory',
  description: 'Naturally leavened pizza and pasta for delivery.',
  categories: [
    category(
      'Pizza',
      'Choose 10- or 14-inch.',
      items('SLT', 'pizza', [
        {
          name: 'Margherita',
          description: 'San Marzano tomato, fior di latte, basil.',
          price: 1695,
          station: 'pizza',
          prep: 9,
          allergens: ['gluten', 'dairy'],
          tags: ['vegetarian'],
          calories: 980,
          modifiers: ['pizza-size'],
        },
        {
          name: 'Hot Soppressata',
          description: 'Spicy salami, chili honey, oregano.',
          price: 2195,
          station: 'pizza',
          prep: 9,
          allergens: ['gluten', 'dairy'],
          tags: ['spicy', 'signature'],
          calories: 1180,
          modifiers: ['pizza-size'],
        },
        {
          name: 'Forest Floor',
          description: 'Roasted mushrooms, taleggio, thyme, truffle oil.',
          price: 2095,
          station: 'pizza',
          prep: 10,
          allergens: ['gluten', 'dairy'],
          tags: ['vegetarian'],
          calories: 1090,
          modifiers: ['pizza-size'],
        },
      ]),
    ),
    category(
      'Pasta',
      'Baked or tossed.',
      items('SLT', 'pasta', [
        {
          name: 'Rigatoni alla Vodka',
          description: 'Tomato cream, calabrian chili, parmesan.',
          price: 1995,
          station: 'grill',
          prep: 12,
          allergens: ['gluten', 'dairy'],
          tags: ['spicy'],
          calories: 940,
        },
      ]),
    ),
    category(
      'Sides',
      'For the table.',
      items('SLT', 'appetizer', [
        {
          name: 'Garlic Knots',
          description: 'Six knots, garlic butter, marinara dip.',
          price: 895,
          station: 'pizza',
          prep: 7,
          allergens: ['gluten', 'dairy'],
          tags: ['vegetarian'],
          calories: 620,
        },
      ]),
    ),
    category(
      'Drinks',
      'Cold ones.',
      items('SLT', 'beverage', [
        {
          name: 'Blood Orange Soda',
          description: 'Italian sparkling soda.',
          price: 425,
          station: 'bar',
          prep: 1,
          tags: ['vegan'],
          calories: 150,
        },
      ]),
    ),
  ],
};

const stackYardMenu: DemoBrand['menu'] = {
  name: 'Stack Yard',
  description: 'Smash burgers, loaded fries and thick shakes.',
  categories: [
    category(
      'Burgers',
      'Two thin patties, smashed and crusted.',
      items('STY', 'burger', [
        {
          name: 'Double Smash',
          description: 'American cheese, pickles, yard sauce.',
          price: 1695,
          station: 'grill',
          prep: 8,
          allergens: ['gluten', 'dairy', 'egg'],
          tags: ['signature'],
          calories: 1050,
          modifiers: ['burger-add-ons'],
        },
        {
          name: 'Nashville Hot Chicken Burger',
          description: 'Cayenne-glazed thigh, slaw, pickles.',
          price: 1595,
          station: 'fryer',
          prep: 10,
          allergens: ['gluten', 'egg'],
          tags: ['spicy'],
          calories: 990,
          modifiers: ['burger-add-ons'],
        },
        {
          name: 'Garden Smash',
          description: 'Plant-based patties, vegan cheese, yard sauce.',
          price: 1595,
          station: 'grill',
          prep: 8,
          allergens: ['gluten', 'soy'],
          tags: ['vegan'],
          calories: 820,
          modifiers: ['burger-add-ons'],
        },
      ]),
    ),
    category(
      'Fries',
      'Hand-cut, twice fried.',
      items('STY', 'appetizer', [
        {
          name: 'Loaded Yard Fries',
          description: 'Cheese sauce, bacon, green onion.',
          price: 995,
          station: 'fryer',
          prep: 6,
          allergens: ['dairy'],
          calories: 880,
        },
      ]),
    ),
    category(
      'Kids',
      'Smaller stacks.',
      items('STY', 'kids', [
        {
          name: 'Kids Slider & Fries',
          description: 'One single-patty slider with fries.',
          price: 899,
          station: 'grill',
          prep: 7,
          allergens: ['gluten', 'dairy'],
          calories: 610,
        },
      ]),
    ),
    category(
      'Shakes',
      'Spun to order.',
      items('STY', 'dessert', [
        {
          name: 'Salted Caramel Shake',
          description: 'Vanilla soft serve, burnt caramel, sea salt.',
          price: 895,
          station: 'pastry',
          prep: 3,
          allergens: ['dairy'],
          calories: 760,
        },
      ]),
    ),
  ],
};

const midnightCrumbMenu: DemoBrand['menu'] = {
  name: 'Midnight Crumb',
  description: 'Warm desserts and cold brew, late.',
  categories: [
    category(
      'Desserts',
      'Baked to order.',
      items('MDC', 'dessert', [
        {
          name: 'Molten Chocolate Cake',
          description: 'Dark chocolate, liquid centre, vanilla cream.',
          price: 1050,
          station: 'pastry',
          prep: 9,
          allergens: ['dairy', 'gluten', 'egg'],
          tags: ['signature'],
          calories: 720,
        },
        {
          name: 'Brown Butter Cookies (4)',
          description: 'Sea salt, dark chocolate chunks.',
          price: 795,
          station: 'pastry',
          prep: 6,
          allergens: ['dairy', 'gluten', 'egg'],
          tags: ['vegetarian'],
          calories: 880,
        },
      ]),
    ),
    category(
      'Coffee',
      'Steeped for eighteen hours.',
      items('MDC', 'coffee', [
        {
          name: 'Nitro Cold Brew',
          description: 'Smooth, chocolatey, served over ice.',
          price: 525,
          station: 'bar',
          prep: 1,
          tags: ['vegan'],
          calories: 10,
          modifiers: ['milk'],
        },
      ]),
    ),
  ],
};

export const DEMO_BRANDS: DemoBrand[] = [
  {
    key: 'northwind-table',
    name: 'Northwind Table',
    cuisine: 'Canadian bistro',
    description: 'The flagship dining room: seasonal Canadian cooking.',
    startsOn: null,
    locations: ['toronto', 'ottawa', 'hamilton'],
    menu: flagshipMenu,
  },
  {
    key: 'slice-theory',
    name: 'Slice Theory',
    cuisine: 'Pizza',
    description: 'Virtual brand: sourdough pizza for delivery and takeout.',
    startsOn: '2025-03-01',
    locations: ['vancouver', 'toronto'],
    menu: sliceTheoryMenu,
  },
  {
    key: 'stack-yard',
    name: 'Stack Yard',
    cuisine: 'Burgers',
    description: 'Virtual brand: smash burgers and fries.',
    startsOn: '2025-06-15',
    locations: ['vancouver', 'toronto'],
    menu: stackYardMenu,
  },
  {
    key: 'midnight-crumb',
    name: 'Midnight Crumb',
    cuisine: 'Desserts',
    description: 'Virtual brand: late-night desserts and cold brew.',
    startsOn: '2025-10-01',
    locations: ['vancouver', 'toronto'],
    menu: midnightCrumbMenu,
  },
];

// ---------------------------------------------------------------------------------------------
// Offers and users

export const DEMO_OFFERS: DemoOffer[] = [
  {
    key: 'welcome10',
    name: 'Welcome: 10% off your order',
    code: 'WELCOME10',
    kind: 'percent',
    percentBps: 1000,
    amountMinor: null,
    buyQuantity: null,
    getQuantity: null,
    itemKeys: [],
    minSubtotalMinor: 2000,
    startsAt: '2025-01-01T00:00:00Z',
    endsAt: null,
  },
  {
    key: 'fiveoff',
    name: '$5 off orders over $30',
    code: 'FIVEOFF',
    kind: 'fixed',
    percentBps: null,
    amountMinor: 500,
    buyQuantity: null,
    getQuantity: null,
    itemKeys: [],
    minSubtotalMinor: 3000,
    startsAt: '2025-01-01T00:00:00Z',
    endsAt: '2030-12-31T23:59:59Z',
  },
  {
    key: 'lava-bogo',
    name: 'Molten Chocolate Cake: buy one, get one free',
    code: null,
    kind: 'buy_x_get_y',
    percentBps: null,
    amountMinor: null,
    buyQuantity: 1,
    getQuantity: 1,
    itemKeys: ['mdc-des-01'],
    minSubtotalMinor: 0,
    startsAt: '2025-10-01T00:00:00Z',
    endsAt: null,
  },
];

export const DEMO_USERS: DemoUser[] = [
  {
    key: 'owner',
    role: 'owner',
    email: 'owner@northwind.example',
    name: 'Odile Northcott',
    phone: '+1-416-555-0101',
    locations: [],
    loyaltyPoints: 0,
  },
  {
    key: 'manager',
    role: 'manager',
    email: 'manager@northwind.example',
    name: 'Marcus Bélanger',
    phone: '+1-416-555-0102',
    locations: [],
    loyaltyPoints: 0,
  },
  {
    key: 'kitchen',
    role: 'kitchen',
    email: 'kitchen@northwind.example',
    name: 'Keiko Tanaka',
    phone: '+1-416-555-0103',
    locations: ['toronto', 'vancouver'],
    loyaltyPoints: 0,
  },
  {
    key: 'cashier',
    role: 'cashier',
    email: 'cashier@northwind.example',
    name: 'Camila Reyes',
    phone: '+1-416-555-0104',
    locations: ['toronto'],
    loyaltyPoints: 0,
  },
  {
    key: 'driver',
    role: 'driver',
    email: 'driver@northwind.example',
    name: 'Dev Malhotra',
    phone: '+1-416-555-0105',
    locations: ['toronto', 'vancouver'],
    loyaltyPoints: 0,
  },
  {
    key: 'customer-ava',
    role: 'customer',
    email: 'ava@northwind.example',
    name: 'Ava Lindqvist',
    phone: '+1-416-555-0142',
    locations: [],
    loyaltyPoints: 1250,
  },
  {
    key: 'customer-theo',
    role: 'customer',
    email: 'theo@northwind.example',
    name: 'Théo Gagnon',
    phone: '+1-613-555-0177',
    locations: [],
    loyaltyPoints: 300,
  },
];

/** Every item of a brand's menu, depth first. */
export function brandItems(brand: DemoBrand): DemoItem[] {
  const walk = (categories: DemoCategory[]): DemoItem[] =>
    categories.flatMap((c) => [...c.items, ...walk(c.children)]);
  return walk(brand.menu.categories);
}
