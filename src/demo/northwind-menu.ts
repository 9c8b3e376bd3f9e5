import type { MenuKind } from '../simulator/sim-world.js';
import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoBrand, DemoModifierGroup } from './demo-catalog.js';
import { BrandMenuBuilder, type DishSpec } from './menu-builder.js';
import { pickOne, pickUpTo } from './modifier-groups.js';

/**
 * The chain's all-day menu: the 13 kinds of the source systems, each section a seeded choice from a
 * longer list of our own dishes (the number per section is fixed, so item keys are the same for every
 * seed; names, prices and costs are not).
 */

export const NORTHWIND_MODIFIER_GROUPS: DemoModifierGroup[] = [
  pickOne(
    'nw-doneness',
    'Doneness',
    true,
    ['Rare', 'Medium rare', 'Medium', 'Medium well', 'Well done'].map((option) => [option, 0]),
  ),
  pickUpTo('nw-burger-add-ons', 'Add-ons', 3, [
    ['Aged cheddar', 175],
    ['Double-smoked bacon', 275],
    ['Fried egg', 200],
    ['Avocado', 250],
    ['Pickled jalapeños', 100],
  ]),
  pickOne('nw-salad-protein', 'Add a protein', false, [
    ['Grilled chicken', 550],
    ['Seared salmon', 750],
    ['Crispy tofu', 400],
  ]),
  pickOne('nw-side', 'Side', true, [
    ['Hand-cut fries', 0],
    ['Green salad', 0],
    ['Sweet potato fries', 200],
    ['Poutine', 350],
  ]),
  pickOne('nw-pizza-size', 'Size', true, [
    ['10-inch', 0],
    ['14-inch', 600],
  ]),
  pickOne('nw-coffee-size', 'Cup size', true, [
    ['Small', 0],
    ['Medium', 50],
    ['Large', 100],
  ]),
  pickOne('nw-milk', 'Milk', false, [
    ['Oat milk', 75],
    ['Almond milk', 75],
    ['Lactose-free', 0],
  ]),
  pickOne(
    'nw-eggs',
    'Eggs',
    true,
    ['Scrambled', 'Over easy', 'Sunny side up', 'Poached'].map((option) => [option, 0]),
  ),
  pickUpTo('nw-pasta-extras', 'Extras', 2, [
    ['Extra parmesan', 150],
    ['Garlic bread', 350],
    ['Add grilled chicken', 550],
  ]),
  pickOne('nw-scoop', 'On the side', false, [
    ['Vanilla ice cream', 250],
    ['Whipped cream', 100],
  ]),
  pickOne(
    'nw-kids-drink',
    'Drink',
    true,
    ['Milk', 'Apple juice', 'Lemonade'].map((option) => [option, 0]),
  ),
  pickOne('nw-pour', 'Pour', true, [
    ['6 oz', 0],
    ['9 oz', 450],
  ]),
];

/** [kind, how many to serve, the dishes to choose from]. */
const SECTIONS: Record<MenuKind, { count: number; dishes: DishSpec[] }> = {
  coffee: {
    count: 4,
    dishes: [
      {
        name: 'Drip Coffee',
        description: 'Medium roast from a Hamilton roaster.',
        tags: ['vegan'],
        modifiers: ['nw-coffee-size', 'nw-milk'],
      },
      {
        name: 'Maple Oat Latte',
        description: 'Double espresso, oat milk, a touch of Ontario maple.',
        tags: ['vegan', 'signature'],
        modifiers: ['nw-coffee-size'],
      },
      {
        name: 'Cortado',
        description: 'Equal parts espresso and steamed milk.',
        allergens: ['dairy'],
        modifiers: ['nw-milk'],
      },
      {
        name: 'Flat White',
        description: 'Ristretto shots, velvety milk.',
        allergens: ['dairy'],
        modifiers: ['nw-coffee-size', 'nw-milk'],
      },
      {
        name: 'London Fog',
        description: 'Earl Grey, vanilla, steamed milk.',
        allergens: ['dairy'],
        modifiers: ['nw-coffee-size', 'nw-milk'],
      },
      {
        name: 'Cold Brew on Tap',
        description: 'Steeped overnight, served over ice.',
        tags: ['vegan'],
        modifiers: ['nw-coffee-size', 'nw-milk'],
      },
    ],
  },
  breakfast: {
    count: 5,
    dishes: [
      {
        name: 'Lumberjack Plate',
        description: 'Two eggs, peameal bacon, rosti, sourdough toast.',
        allergens: ['egg', 'gluten'],
        modifiers: ['nw-eggs'],
      },
      {
        name: 'Buttermilk Pancakes',
        description: 'Wild blueberries, whipped butter, maple syrup.',
        allergens: ['gluten', 'dairy', 'egg'],
        tags: ['vegetarian'],
      },
      {
        name: 'Smoked Trout Benedict',
        description: 'Hot-smoked trout, poached eggs, dill hollandaise.',
        allergens: ['fish', 'egg', 'gluten', 'dairy'],
      },
      {
        name: 'Shakshuka Skillet',
        description: 'Eggs baked in spiced tomato, feta, grilled pita.',
        allergens: ['egg', 'dairy', 'gluten'],
        tags: ['vegetarian'],
      },
      {
        name: 'Brioche French Toast',
        description: 'Apple butter, maple mascarpone.',
        allergens: ['gluten', 'dairy', 'egg'],
        tags: ['vegetarian'],
      },
      {
        name: 'Farmhouse Omelette',
        description: 'Aged cheddar, leeks, mushrooms, home fries.',
        allergens: ['egg', 'dairy'],
        tags: ['vegetarian'],
      },
      {
        name: 'Peameal Breakfast Bun',
        description: 'Peameal bacon, egg, cheddar, toasted bun.',
        allergens: ['egg', 'gluten', 'dairy'],
        modifiers: ['nw-eggs'],
      },
    ],
  },
  appetizer: {
    count: 6,
    dishes: [
      {
        name: 'Poutine Croquettes',
        description: 'Fries, curds and gravy, rolled and fried.',
        allergens: ['dairy', 'gluten'],
        tags: ['signature'],
      },
      {
        name: 'Charred Brussels Sprouts',
        description: 'Honey-miso glaze, toasted sesame.',
        allergens: ['soy', 'sesame'],
        tags: ['vegetarian'],
        station: 'grill',
      },
      {
        name: 'Albacore Tuna Crudo',
        description: 'Citrus, chili oil, crispy shallots.',
        allergens: ['fish'],
        tags: ['spicy', 'gluten_free'],
        station: 'cold',
      },
      {
        name: 'Crispy Cauliflower Bites',
        description: 'Gochujang glaze, scallions.',
        allergens: ['soy', 'gluten'],
        tags: ['vegan', 'spicy'],
      },
      {
        name: 'Smoked Chicken Wings',
        description: 'Dry rub, blue cheese dip.',
        allergens: ['dairy'],
        tags: ['gluten_free'],
      },
      {
        name: 'Pickerel Tacos (2)',
        description: 'Beer-battered pickerel, cabbage slaw, lime crema.',
        allergens: ['fish', 'gluten', 'dairy'],
      },
      {
        name: 'Whipped Feta Dip',
        description: 'Chili honey, warm pita.',
        allergens: ['dairy', 'gluten'],
        tags: ['vegetarian'],
        station: 'cold',
      },
      {
        name: 'Bacon-Wrapped Dates',
        description: 'Goat cheese, balsamic reduction.',
        allergens: ['dairy'],
        tags: ['gluten_free'],
        station: 'grill',
      },
    ],
  },
  salad: {
    count: 4,
    dishes: [
      {
        name: 'Harvest Grain Bowl',
        description: 'Farro, roasted squash, kale, pumpkin seeds, cider vinaigrette.',
        tags: ['vegan'],
        modifiers: ['nw-salad-protein'],
      },
      {
        name: 'Northwind Caesar',
        description: 'Romaine, garlic crumb, parmesan, bacon lardons.',
        allergens: ['dairy', 'gluten', 'egg', 'fish'],
        modifiers: ['nw-salad-protein'],
      },
      {
        name: 'Roasted Beet & Chèvre',
        description: 'Candied walnuts, arugula, sherry vinaigrette.',
        allergens: ['dairy', 'nuts'],
        tags: ['vegetarian'],
        modifiers: ['nw-salad-protein'],
      },
      {
        name: 'Cobb Salad',
        description: 'Chicken, bacon, egg, avocado, blue cheese.',
        allergens: ['egg', 'dairy'],
        tags: ['gluten_free'],
      },
      {
        name: 'Kale & Apple Salad',
        description: 'Honeycrisp apple, aged cheddar, maple-dijon.',
        allergens: ['dairy', 'mustard'],
        tags: ['vegetarian'],
        modifiers: ['nw-salad-protein'],
      },
      {
        name: 'Thai Crunch Salad',
        description: 'Napa cabbage, peanuts, mint, lime-peanut dressing.',
        allergens: ['peanuts', 'soy'],
        tags: ['vegan'],
        modifiers: ['nw-salad-protein'],
      },
    ],
  },
  sandwich: {
    count: 5,
    dishes: [
      {
        name: 'Smoked Brisket on Rye',
        description: 'House-smoked brisket, mustard, dill pickle.',
        allergens: ['gluten', 'mustard'],
        tags: ['signature'],
        modifiers: ['nw-side'],
      },
      {
        name: 'Buttermilk Fried Chicken Sandwich',
        description: 'Hot honey, slaw, brioche bun.',
        allergens: ['gluten', 'egg', 'dairy'],
        tags: ['spicy'],
        modifiers: ['nw-side'],
        station: 'fryer',
      },
      {
        name: 'Peameal on a Kaiser',
        description: 'Cornmeal-crusted peameal bacon, honey mustard.',
        allergens: ['gluten', 'mustard'],
        modifiers: ['nw-side'],
      },
      {
        name: 'Grilled Halloumi Wrap',
        description: 'Halloumi, roasted peppers, hummus, greens.',
        allergens: ['dairy', 'gluten', 'sesame'],
        tags: ['vegetarian'],
        modifiers: ['nw-side'],
      },
      {
        name: 'Turkey Club',
        description: 'Roast turkey, bacon, tomato, garlic mayo, sourdough.',
        allergens: ['gluten', 'egg'],
        modifiers: ['nw-side'],
      },
      {
        name: 'Pressed Cubano',
        description: 'Pulled pork, ham, swiss, pickles, mustard.',
        allergens: ['gluten', 'dairy', 'mustard'],
        modifiers: ['nw-side'],
      },
      {
        name: 'Roast Vegetable Focaccia',
        description: 'Zucchini, eggplant, pesto, provolone.',
        allergens: ['gluten', 'dairy', 'nuts'],
        tags: ['vegetarian'],
        modifiers: ['nw-side'],
      },
    ],
  },
  burger: {
    count: 5,
    dishes: [
      {
        name: 'Northwind Burger',
        description: 'Chuck and brisket, aged cheddar, onion jam.',
        allergens: ['gluten', 'dairy'],
        tags: ['signature'],
        modifiers: ['nw-doneness', 'nw-burger-add-ons', 'nw-side'],
      },
      {
        name: 'Double Smash',
        description: 'Two thin patties, American cheese, pickles, house sauce.',
        allergens: ['gluten', 'dairy', 'egg'],
        modifiers: ['nw-burger-add-ons', 'nw-side'],
      },
      {
        name: 'Mushroom Swiss Burger',
        description: 'Sautéed cremini, swiss, truffle aioli.',
        allergens: ['gluten', 'dairy', 'egg'],
        modifiers: ['nw-doneness', 'nw-burger-add-ons', 'nw-side'],
      },
      {
        name: 'Nashville Hot Chicken Burger',
        description: 'Cayenne-glazed thigh, slaw, pickles.',
        allergens: ['gluten', 'egg'],
        tags: ['spicy'],
        modifiers: ['nw-burger-add-ons', 'nw-side'],
        station: 'fryer',
      },
      {
        name: 'Garden Burger',
        description: 'Plant-based patty, vegan cheese, house sauce.',
        allergens: ['gluten', 'soy'],
        tags: ['vegan'],
        modifiers: ['nw-burger-add-ons', 'nw-side'],
      },
      {
        name: 'Bison Burger',
        description: 'Ontario bison, smoked gouda, pickled onion.',
        allergens: ['gluten', 'dairy'],
        modifiers: ['nw-doneness', 'nw-burger-add-ons', 'nw-side'],
      },
    ],
  },
  pizza: {
    count: 5,
    dishes: [
      {
        name: 'Margherita',
        description: 'San Marzano tomato, fior di latte, basil.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Hot Soppressata',
        description: 'Spicy salami, chili honey, oregano.',
        allergens: ['gluten', 'dairy'],
        tags: ['spicy'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Forest Floor',
        description: 'Roasted mushrooms, taleggio, thyme.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Maple Bacon & Onion',
        description: 'Smoked bacon, caramelized onion, maple drizzle.',
        allergens: ['gluten', 'dairy'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Four Cheese',
        description: 'Mozzarella, gorgonzola, parmesan, fontina.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Prosciutto & Arugula',
        description: 'Prosciutto, arugula, shaved parmesan.',
        allergens: ['gluten', 'dairy'],
        modifiers: ['nw-pizza-size'],
      },
      {
        name: 'Roast Veg & Pesto',
        description: 'Peppers, zucchini, basil pesto, ricotta.',
        allergens: ['gluten', 'dairy', 'nuts'],
        tags: ['vegetarian'],
        modifiers: ['nw-pizza-size'],
      },
    ],
  },
  pasta: {
    count: 5,
    dishes: [
      {
        name: 'Wild Mushroom Tagliatelle',
        description: 'Foraged mushrooms, brown butter, sage.',
        allergens: ['gluten', 'dairy', 'egg'],
        tags: ['vegetarian'],
        modifiers: ['nw-pasta-extras'],
      },
      {
        name: 'Short Rib Pappardelle',
        description: 'Red-wine braised short rib, gremolata.',
        allergens: ['gluten', 'egg'],
        modifiers: ['nw-pasta-extras'],
      },
      {
        name: 'Rigatoni alla Vodka',
        description: 'Tomato cream, calabrian chili, parmesan.',
        allergens: ['gluten', 'dairy'],
        tags: ['spicy'],
        modifiers: ['nw-pasta-extras'],
      },
      {
        name: 'Lobster Linguine',
        description: 'Butter-poached lobster, cherry tomato, chili.',
        allergens: ['gluten', 'shellfish', 'dairy'],
      },
      {
        name: 'Spaghetti & Meatballs',
        description: 'Beef and pork meatballs, slow tomato sauce.',
        allergens: ['gluten', 'dairy', 'egg'],
        modifiers: ['nw-pasta-extras'],
      },
      {
        name: 'Lemon Ricotta Ravioli',
        description: 'Brown butter, peas, mint.',
        allergens: ['gluten', 'dairy', 'egg'],
        tags: ['vegetarian'],
        modifiers: ['nw-pasta-extras'],
      },
      {
        name: 'Bucatini Carbonara',
        description: 'Guanciale, egg yolk, pecorino, black pepper.',
        allergens: ['gluten', 'dairy', 'egg'],
        modifiers: ['nw-pasta-extras'],
      },
    ],
  },
  entree: {
    count: 8,
    dishes: [
      {
        name: 'Maple-Glazed Arctic Char',
        description: 'Wild rice pilaf, charred leeks.',
        allergens: ['fish'],
        tags: ['gluten_free'],
      },
      {
        name: 'Steak Frites',
        description: 'Striploin, peppercorn jus, hand-cut fries.',
        allergens: ['dairy'],
        tags: ['signature'],
        modifiers: ['nw-doneness'],
      },
      {
        name: 'Roast Half Chicken',
        description: 'Brined and roasted, root vegetables, thyme jus.',
        tags: ['gluten_free'],
      },
      {
        name: 'Braised Beef Short Rib',
        description: 'Celeriac purée, glazed carrots.',
        allergens: ['dairy'],
        tags: ['gluten_free'],
      },
      {
        name: 'Pickerel & Chips',
        description: 'Beer-battered Lake Erie pickerel, tartar sauce.',
        allergens: ['fish', 'gluten', 'egg'],
        station: 'fryer',
      },
      {
        name: 'Pork Tenderloin',
        description: 'Apple cider jus, smashed potatoes.',
        allergens: ['dairy'],
        tags: ['gluten_free'],
      },
      {
        name: 'Cedar-Plank Salmon',
        description: 'Maple-mustard glaze, seasonal greens.',
        allergens: ['fish', 'mustard'],
        tags: ['gluten_free'],
      },
      {
        name: 'Bone-In Ribeye',
        description: 'Fourteen ounces, garlic butter, roasted mushrooms.',
        allergens: ['dairy'],
        modifiers: ['nw-doneness'],
      },
      {
        name: 'Wild Mushroom Risotto',
        description: 'Arborio, parmesan, truffle oil.',
        allergens: ['dairy'],
        tags: ['vegetarian', 'gluten_free'],
      },
      {
        name: 'Braised Lamb Shank',
        description: 'Rosemary jus, creamy polenta.',
        allergens: ['dairy'],
        tags: ['gluten_free'],
      },
    ],
  },
  dessert: {
    count: 5,
    dishes: [
      {
        name: 'Butter Tart Sundae',
        description: 'Vanilla ice cream, butter tart crumble, caramel.',
        allergens: ['dairy', 'gluten', 'nuts'],
        tags: ['signature'],
      },
      {
        name: 'Sticky Toffee Pudding',
        description: 'Date cake, toffee sauce, crème fraîche.',
        allergens: ['dairy', 'gluten', 'egg'],
        modifiers: ['nw-scoop'],
      },
      {
        name: 'Maple Crème Brûlée',
        description: 'Ontario maple custard, burnt sugar.',
        allergens: ['dairy', 'egg'],
        tags: ['gluten_free'],
      },
      {
        name: 'Molten Chocolate Cake',
        description: 'Dark chocolate, liquid centre.',
        allergens: ['dairy', 'gluten', 'egg'],
        modifiers: ['nw-scoop'],
      },
      {
        name: 'Apple Crumble',
        description: 'Spiced Ontario apples, oat crumble.',
        allergens: ['dairy', 'gluten'],
        tags: ['vegetarian'],
        modifiers: ['nw-scoop'],
      },
      {
        name: 'Nanaimo Bar Cheesecake',
        description: 'Chocolate, custard and coconut layers.',
        allergens: ['dairy', 'gluten', 'egg', 'nuts'],
      },
      {
        name: 'Lemon Tart',
        description: 'Shortbread crust, torched meringue.',
        allergens: ['dairy', 'gluten', 'egg'],
      },
    ],
  },
  kids: {
    count: 4,
    dishes: [
      {
        name: 'Kids Mac & Cheese',
        description: 'Elbow pasta, mild cheddar sauce.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-kids-drink'],
      },
      {
        name: 'Kids Chicken Fingers',
        description: 'With fries and plum sauce.',
        allergens: ['gluten', 'egg'],
        modifiers: ['nw-kids-drink'],
        station: 'fryer',
      },
      {
        name: 'Kids Cheese Pizza',
        description: 'Eight-inch, tomato and mozzarella.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-kids-drink'],
        station: 'pizza',
      },
      {
        name: 'Kids Slider & Fries',
        description: 'One single-patty slider with fries.',
        allergens: ['gluten', 'dairy'],
        modifiers: ['nw-kids-drink'],
      },
      {
        name: 'Kids Buttered Noodles',
        description: 'Spaghetti, butter, parmesan.',
        allergens: ['gluten', 'dairy'],
        tags: ['vegetarian'],
        modifiers: ['nw-kids-drink'],
      },
    ],
  },
  beverage: {
    count: 5,
    dishes: [
      { name: 'Sparkling Rhubarb Lemonade', description: 'House-made, lightly sweet.', tags: ['vegan'] },
      { name: 'Craft Root Beer', description: 'Small-batch, Ontario-brewed.', tags: ['vegan'] },
      { name: 'Fresh-Pressed Apple Juice', description: 'Norfolk County apples.', tags: ['vegan'] },
      { name: 'Iced Black Tea', description: 'Brewed in house, lemon on the side.', tags: ['vegan'] },
      { name: 'Spicy Ginger Beer', description: 'Fiery and dry.', tags: ['vegan'] },
      { name: 'Sparkling Water', description: 'Half litre.', tags: ['vegan'] },
      { name: 'Cranberry Spritzer', description: 'Cranberry, lime, soda.', tags: ['vegan'] },
    ],
  },
  alcohol: {
    count: 6,
    dishes: [
      {
        name: 'Local IPA (pint)',
        description: 'Rotating Ontario craft IPA.',
        allergens: ['gluten'],
        tags: ['alcohol'],
      },
      {
        name: 'Northern Lager (pint)',
        description: 'Crisp, brewed in Guelph.',
        allergens: ['gluten'],
        tags: ['alcohol'],
      },
      {
        name: 'Niagara Riesling',
        description: 'Off-dry, green apple and lime.',
        allergens: ['sulphites'],
        tags: ['alcohol'],
        modifiers: ['nw-pour'],
      },
      {
        name: 'County Pinot Noir',
        description: 'Prince Edward County, cherry and earth.',
        allergens: ['sulphites'],
        tags: ['alcohol'],
        modifiers: ['nw-pour'],
      },
      {
        name: 'Classic Caesar',
        description: 'Vodka, clamato, spiced rim, celery.',
        allergens: ['shellfish'],
        tags: ['alcohol', 'signature'],
      },
      { name: 'Maple Old Fashioned', description: 'Canadian rye, maple, bitters.', tags: ['alcohol'] },
      { name: 'Ontario Ice Cider', description: 'Two ounces, served chilled.', tags: ['alcohol'] },
      {
        name: 'Sparkling Rosé',
        description: 'Niagara traditional method.',
        allergens: ['sulphites'],
        tags: ['alcohol'],
        modifiers: ['nw-pour'],
      },
    ],
  },
};

/** The chain's one brand, served at every location from the start. */
export function buildNorthwindBrand(random: SeededRandom, locationKeys: string[]): DemoBrand {
  const menu = new BrandMenuBuilder(random.fork('prices'), 'NWT');
  const pick = random.fork('dishes');
  const section = (name: string, description: string, kind: MenuKind) => {
    const { count, dishes } = SECTIONS[kind];
    // Drawn then put back in list order, so the menu reads the same way whatever was chosen.
    const chosen = new Set(pick.sample(dishes, count));
    return menu.section(
      name,
      description,
      kind,
      dishes.filter((dish) => chosen.has(dish)),
    );
  };
  const categories = [
    section('Coffee', 'Roasted in Hamilton.', 'coffee'),
    section('Breakfast', 'Eggs, griddle and the good bacon.', 'breakfast'),
    section('Starters', 'To share, or not.', 'appetizer'),
    section('Salads', 'Add a protein to most of them.', 'salad'),
    menu.parent('Handhelds', 'Served with a side.', [
      section('Sandwiches', 'Built on local bread.', 'sandwich'),
      section('Burgers', 'Ground in house daily.', 'burger'),
    ]),
    section('Pizza', 'Naturally leavened, 10- or 14-inch.', 'pizza'),
    section('Pasta', 'Fresh pasta rolled every morning.', 'pasta'),
    section('Mains', 'Plates for the evening.', 'entree'),
    section('Kids', 'For guests twelve and under, with a drink.', 'kids'),
    section('Desserts', 'Made by our pastry team.', 'dessert'),
    menu.parent('Drinks', 'Something to wash it down.', [
      section('Soft Drinks', 'Non-alcoholic.', 'beverage'),
      section('Beer, Wine & Cocktails', 'Must be of legal drinking age.', 'alcohol'),
    ]),
  ];
  return {
    key: 'northwind-table',
    name: 'Northwind Table',
    cuisine: 'Canadian bistro',
    description: 'The dining room: seasonal Canadian cooking from first coffee to last call.',
    prepMinutes: 14,
    startsOn: null,
    endsOn: null,
    servedAt: locationKeys.map((locationKey) => ({
      locationKey,
      startDay: 0,
      endDay: null,
      monthlyGrowth: 0,
    })),
    menu: { name: 'All Day', description: 'Breakfast, lunch and dinner.', categories },
  };
}
