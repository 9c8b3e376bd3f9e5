import type { MenuKind } from '../simulator/sim-world.js';
import type { DemoModifierGroup } from './demo-catalog.js';
import type { DishSpec } from './menu-builder.js';
import { pickOne, pickUpTo } from './modifier-groups.js';

/** One virtual brand as written down; the seed decides prices, where it cooks and its life span. */
export interface GhostBrandSpec {
  key: string;
  name: string;
  cuisine: string;
  /** SKU prefix, unique in the business. */
  prefix: string;
  /** Average minutes to prepare one of its orders (the seed moves it by up to ±2). */
  prepMinutes: number;
  description: string;
  sections: { name: string; description: string; kind: MenuKind; dishes: DishSpec[] }[];
}

export const LANTERN_ROW_MODIFIER_GROUPS: DemoModifierGroup[] = [
  pickOne(
    'lr-spice',
    'Spice level',
    true,
    ['Mild', 'Medium', 'Hot', 'Extra hot'].map((option) => [option, 0]),
  ),
  pickOne('lr-protein-add', 'Add a protein', false, [
    ['Grilled chicken', 400],
    ['Flank steak', 600],
    ['Crispy tofu', 300],
    ['Garlic shrimp', 550],
  ]),
  pickOne('lr-pizza-size', 'Size', true, [
    ['12-inch', 0],
    ['16-inch', 700],
  ]),
  pickUpTo('lr-burger-extras', 'Extras', 3, [
    ['Bacon', 250],
    ['Extra patty', 350],
    ['American cheese', 125],
    ['Jalapeños', 75],
  ]),
  pickOne(
    'lr-eggs',
    'Eggs',
    true,
    ['Scrambled', 'Fried', 'Poached'].map((option) => [option, 0]),
  ),
  pickOne(
    'lr-wing-sauce',
    'Sauce',
    true,
    ['Buffalo', 'Honey garlic', 'Lemon pepper', 'Korean BBQ', 'Ghost pepper'].map((option) => [option, 0]),
  ),
  pickOne('lr-drink-size', 'Size', true, [
    ['Regular', 0],
    ['Large', 100],
  ]),
  pickOne('lr-milk', 'Milk', false, [
    ['Oat milk', 75],
    ['Almond milk', 75],
  ]),
  pickOne(
    'lr-poke-base',
    'Base',
    true,
    ['White rice', 'Brown rice', 'Mixed greens', 'Half and half'].map((option) => [option, 0]),
  ),
  pickUpTo('lr-dips', 'Dips', 2, [
    ['Ranch', 75],
    ['Blue cheese', 75],
    ['Chipotle mayo', 75],
  ]),
];

const dish = (
  name: string,
  description: string,
  extra: Omit<DishSpec, 'name' | 'description'> = {},
): DishSpec => ({
  name,
  description,
  ...extra,
});

export const LANTERN_ROW_BRANDS: GhostBrandSpec[] = [
  {
    key: 'ember-and-rice',
    name: 'Ember & Rice',
    cuisine: 'Korean',
    prefix: 'EMB',
    prepMinutes: 12,
    description: 'Charcoal-grilled Korean rice bowls.',
    sections: [
      {
        name: 'Bowls',
        description: 'Over rice, with pickles.',
        kind: 'entree',
        dishes: [
          dish('Bulgogi Beef Bowl', 'Soy-pear marinated beef, scallion, sesame.', {
            allergens: ['soy', 'sesame'],
            modifiers: ['lr-spice'],
          }),
          dish('Gochujang Chicken Bowl', 'Sweet-hot glazed thighs, kimchi.', {
            allergens: ['soy'],
            tags: ['spicy'],
            modifiers: ['lr-spice'],
          }),
          dish('Crispy Tofu Bowl', 'Tofu, charred broccoli, sesame dressing.', {
            allergens: ['soy', 'sesame'],
            tags: ['vegan'],
            modifiers: ['lr-spice'],
          }),
        ],
      },
      {
        name: 'Sides',
        description: 'To share.',
        kind: 'appetizer',
        dishes: [
          dish('Korean Fried Cauliflower', 'Sticky gochujang glaze.', {
            allergens: ['gluten', 'soy'],
            tags: ['vegan'],
          }),
          dish('Kimchi Pancake', 'Crisp edges, dipping sauce.', {
            allergens: ['gluten', 'egg'],
            station: 'grill',
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Yuzu Soda', 'Bright and tart.', { tags: ['vegan'] })],
      },
    ],
  },
  {
    key: 'tortilla-republic',
    name: 'Tortilla Republic',
    cuisine: 'Mexican',
    prefix: 'TRP',
    prepMinutes: 10,
    description: 'Tacos and burritos, pressed to order.',
    sections: [
      {
        name: 'Tacos & Burritos',
        description: 'Corn or flour.',
        kind: 'entree',
        dishes: [
          dish('Carne Asada Tacos (3)', 'Grilled steak, onion, cilantro, salsa verde.', {
            modifiers: ['lr-spice'],
          }),
          dish('Al Pastor Tacos (3)', 'Pork, pineapple, achiote.', { modifiers: ['lr-spice'] }),
          dish('Black Bean Burrito', 'Rice, beans, pico, crema.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            modifiers: ['lr-protein-add'],
          }),
        ],
      },
      {
        name: 'Sides',
        description: 'Crunchy things.',
        kind: 'appetizer',
        dishes: [
          dish('Chips & Guacamole', 'Made fresh every hour.', { tags: ['vegan'], station: 'cold' }),
          dish('Street Corn Cup', 'Cotija, lime, chili.', {
            allergens: ['dairy'],
            tags: ['vegetarian'],
            station: 'grill',
          }),
        ],
      },
      {
        name: 'Sweet',
        description: 'Finish here.',
        kind: 'dessert',
        dishes: [
          dish('Churros', 'Cinnamon sugar, chocolate dip.', {
            allergens: ['gluten', 'dairy'],
            station: 'fryer',
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Horchata', 'Rice, cinnamon, vanilla.', { tags: ['vegan'] })],
      },
    ],
  },
  {
    key: 'nonnas-night-shift',
    name: "Nonna's Night Shift",
    cuisine: 'Italian',
    prefix: 'NNS',
    prepMinutes: 14,
    description: 'Red-sauce Italian comfort, late.',
    sections: [
      {
        name: 'Pasta',
        description: 'Baked or tossed.',
        kind: 'pasta',
        dishes: [
          dish('Baked Ziti', 'Ricotta, mozzarella, Sunday gravy.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
          dish('Chicken Parm & Spaghetti', 'Breaded cutlet, marinara.', {
            allergens: ['gluten', 'dairy', 'egg'],
          }),
          dish('Penne Arrabbiata', 'Garlic, chili, tomato.', {
            allergens: ['gluten'],
            tags: ['vegan', 'spicy'],
          }),
        ],
      },
      {
        name: 'Starters',
        description: 'Before the pasta.',
        kind: 'appetizer',
        dishes: [
          dish('Garlic Knots', 'Six knots, marinara.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            station: 'pizza',
          }),
          dish('Arancini', 'Saffron risotto balls, mozzarella centre.', {
            allergens: ['gluten', 'dairy', 'egg'],
          }),
        ],
      },
      {
        name: 'Dolci',
        description: 'Nonna insists.',
        kind: 'dessert',
        dishes: [dish('Tiramisu', 'Espresso, mascarpone, cocoa.', { allergens: ['gluten', 'dairy', 'egg'] })],
      },
    ],
  },
  {
    key: 'smash-signal',
    name: 'Smash Signal',
    cuisine: 'Burgers',
    prefix: 'SMS',
    prepMinutes: 9,
    description: 'Smash burgers, fries and shakes.',
    sections: [
      {
        name: 'Burgers',
        description: 'Smashed thin, crusted hard.',
        kind: 'burger',
        dishes: [
          dish('Signal Double', 'Two patties, American cheese, signal sauce.', {
            allergens: ['gluten', 'dairy', 'egg'],
            tags: ['signature'],
            modifiers: ['lr-burger-extras'],
          }),
          dish('Onion Smash', 'Griddled onions pressed into the patty.', {
            allergens: ['gluten', 'dairy'],
            modifiers: ['lr-burger-extras'],
          }),
          dish('Hot Honey Chicken', 'Fried thigh, hot honey, pickles.', {
            allergens: ['gluten', 'egg'],
            tags: ['spicy'],
            station: 'fryer',
            modifiers: ['lr-burger-extras'],
          }),
        ],
      },
      {
        name: 'Fries',
        description: 'Twice fried.',
        kind: 'appetizer',
        dishes: [
          dish('Signal Fries', 'Seasoned salt, signal sauce.', {
            tags: ['vegetarian'],
            modifiers: ['lr-dips'],
          }),
          dish('Cheese Curd Bites', 'Squeaky curds, beer batter.', { allergens: ['dairy', 'gluten'] }),
        ],
      },
      {
        name: 'Shakes',
        description: 'Spun to order.',
        kind: 'dessert',
        dishes: [dish('Black & White Shake', 'Vanilla and chocolate.', { allergens: ['dairy'] })],
      },
    ],
  },
  {
    key: 'curry-compass',
    name: 'Curry Compass',
    cuisine: 'Indian',
    prefix: 'CCP',
    prepMinutes: 15,
    description: 'Regional curries from a tandoor kitchen.',
    sections: [
      {
        name: 'Curries',
        description: 'With basmati rice.',
        kind: 'entree',
        dishes: [
          dish('Butter Chicken', 'Tomato, fenugreek, cream.', {
            allergens: ['dairy'],
            tags: ['signature'],
            modifiers: ['lr-spice'],
          }),
          dish('Lamb Rogan Josh', 'Kashmiri chili, slow-cooked.', {
            tags: ['spicy'],
            modifiers: ['lr-spice'],
          }),
          dish('Chana Masala', 'Chickpeas, tomato, ginger.', { tags: ['vegan'], modifiers: ['lr-spice'] }),
        ],
      },
      {
        name: 'From the Tandoor',
        description: 'Hot from the oven.',
        kind: 'appetizer',
        dishes: [
          dish('Garlic Naan', 'Brushed with ghee.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            station: 'grill',
          }),
          dish('Vegetable Samosas (2)', 'Potato, peas, tamarind chutney.', {
            allergens: ['gluten'],
            tags: ['vegan'],
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Cooling.',
        kind: 'beverage',
        dishes: [dish('Mango Lassi', 'Alphonso mango, yogurt.', { allergens: ['dairy'] })],
      },
    ],
  },
  {
    key: 'saigon-steam',
    name: 'Saigon Steam',
    cuisine: 'Vietnamese',
    prefix: 'SGS',
    prepMinutes: 11,
    description: 'Pho, banh mi and fresh rolls.',
    sections: [
      {
        name: 'Noodle Soups',
        description: 'Twelve-hour broth.',
        kind: 'entree',
        dishes: [
          dish('Beef Pho', 'Brisket, rare beef, herbs.', { tags: ['gluten_free'] }),
          dish('Lemongrass Chicken Pho', 'Chicken broth, lime, basil.', { tags: ['gluten_free'] }),
        ],
      },
      {
        name: 'Banh Mi',
        description: 'On crackly baguette.',
        kind: 'sandwich',
        dishes: [
          dish('Grilled Pork Banh Mi', 'Pickled carrot, pâté, cilantro.', { allergens: ['gluten', 'egg'] }),
          dish('Tofu Banh Mi', 'Lemongrass tofu, chili mayo.', {
            allergens: ['gluten', 'soy'],
            tags: ['vegetarian'],
          }),
        ],
      },
      {
        name: 'Rolls',
        description: 'Fresh or fried.',
        kind: 'appetizer',
        dishes: [
          dish('Fresh Shrimp Rolls (2)', 'Rice paper, herbs, peanut dip.', {
            allergens: ['shellfish', 'peanuts'],
            station: 'cold',
          }),
        ],
      },
      {
        name: 'Coffee',
        description: 'Strong and sweet.',
        kind: 'coffee',
        dishes: [dish('Vietnamese Iced Coffee', 'Dark roast, condensed milk.', { allergens: ['dairy'] })],
      },
    ],
  },
  {
    key: 'gyro-orbit',
    name: 'Gyro Orbit',
    cuisine: 'Greek',
    prefix: 'GYO',
    prepMinutes: 9,
    description: 'Pitas and plates off the spit.',
    sections: [
      {
        name: 'Pitas',
        description: 'Wrapped with tzatziki and fries inside.',
        kind: 'sandwich',
        dishes: [
          dish('Pork Gyro Pita', 'Spit-roasted pork, tomato, onion.', { allergens: ['gluten', 'dairy'] }),
          dish('Chicken Gyro Pita', 'Oregano chicken, tzatziki.', { allergens: ['gluten', 'dairy'] }),
          dish('Halloumi Pita', 'Grilled halloumi, mint.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
        ],
      },
      {
        name: 'Plates',
        description: 'With rice, salad and pita.',
        kind: 'entree',
        dishes: [dish('Souvlaki Plate', 'Two skewers, lemon potatoes.', { allergens: ['gluten', 'dairy'] })],
      },
      {
        name: 'Salads',
        description: 'No lettuce.',
        kind: 'salad',
        dishes: [
          dish('Village Salad', 'Tomato, cucumber, feta, olives.', {
            allergens: ['dairy'],
            tags: ['vegetarian'],
            modifiers: ['lr-protein-add'],
          }),
        ],
      },
      {
        name: 'Sweet',
        description: 'Honeyed.',
        kind: 'dessert',
        dishes: [dish('Baklava', 'Walnut, pistachio, honey syrup.', { allergens: ['gluten', 'nuts'] })],
      },
    ],
  },
  {
    key: 'crisp-cult',
    name: 'Crisp Cult',
    cuisine: 'Fried chicken',
    prefix: 'CRC',
    prepMinutes: 12,
    description: 'Buttermilk fried chicken and biscuits.',
    sections: [
      {
        name: 'Chicken',
        description: 'Brined a day, fried to order.',
        kind: 'entree',
        dishes: [
          dish('Three-Piece Meal', 'Mixed pieces, biscuit, slaw.', {
            allergens: ['gluten', 'dairy', 'egg'],
            station: 'fryer',
            modifiers: ['lr-spice'],
          }),
          dish('Tender Box', 'Five tenders, fries, two dips.', {
            allergens: ['gluten', 'egg'],
            station: 'fryer',
            modifiers: ['lr-dips'],
          }),
        ],
      },
      {
        name: 'Sandwiches',
        description: 'On a potato bun.',
        kind: 'sandwich',
        dishes: [
          dish('Cult Classic Sandwich', 'Fried thigh, pickles, mayo.', {
            allergens: ['gluten', 'egg'],
            station: 'fryer',
            modifiers: ['lr-spice'],
          }),
        ],
      },
      {
        name: 'Sides',
        description: 'Southern staples.',
        kind: 'appetizer',
        dishes: [
          dish('Mac & Cheese Bites', 'Fried, with ranch.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
          dish('Honey Butter Biscuits (2)', 'Flaky and warm.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            station: 'pastry',
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Sweet Tea', 'Brewed daily.', { tags: ['vegan'], modifiers: ['lr-drink-size'] })],
      },
    ],
  },
  {
    key: 'leaf-theory',
    name: 'Leaf Theory',
    cuisine: 'Salads',
    prefix: 'LFT',
    prepMinutes: 6,
    description: 'Big salads and grain bowls.',
    sections: [
      {
        name: 'Salads',
        description: 'Add a protein to any of them.',
        kind: 'salad',
        dishes: [
          dish('Green Goddess Crunch', 'Kale, cabbage, herbs, seeds.', {
            tags: ['vegan'],
            modifiers: ['lr-protein-add'],
          }),
          dish('Harvest Cobb', 'Roast squash, egg, bacon, blue cheese.', {
            allergens: ['egg', 'dairy'],
            modifiers: ['lr-protein-add'],
          }),
          dish('Spicy Peanut Noodle Salad', 'Soba, cucumber, peanut dressing.', {
            allergens: ['peanuts', 'soy', 'gluten'],
            tags: ['vegan', 'spicy'],
            modifiers: ['lr-protein-add'],
          }),
          dish('Mediterranean Quinoa', 'Chickpeas, feta, olives, lemon.', {
            allergens: ['dairy'],
            tags: ['vegetarian'],
            modifiers: ['lr-protein-add'],
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Pressed daily.',
        kind: 'beverage',
        dishes: [dish('Green Juice', 'Cucumber, apple, spinach, ginger.', { tags: ['vegan'] })],
      },
    ],
  },
  {
    key: 'dough-loop',
    name: 'Dough Loop',
    cuisine: 'Pizza',
    prefix: 'DGL',
    prepMinutes: 13,
    description: 'Square-pan and round pies.',
    sections: [
      {
        name: 'Pizza',
        description: '12- or 16-inch.',
        kind: 'pizza',
        dishes: [
          dish('Loop Pepperoni', 'Cup-and-char pepperoni, mozzarella.', {
            allergens: ['gluten', 'dairy'],
            tags: ['signature'],
            modifiers: ['lr-pizza-size'],
          }),
          dish('White Clam', 'Garlic, clams, pecorino.', {
            allergens: ['gluten', 'dairy', 'shellfish'],
            modifiers: ['lr-pizza-size'],
          }),
          dish('Veggie Supreme', 'Peppers, onion, olives, mushrooms.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            modifiers: ['lr-pizza-size'],
          }),
          dish('Hot Honey Sausage', 'Fennel sausage, hot honey.', {
            allergens: ['gluten', 'dairy'],
            tags: ['spicy'],
            modifiers: ['lr-pizza-size'],
          }),
        ],
      },
      {
        name: 'Sides',
        description: 'With the pie.',
        kind: 'appetizer',
        dishes: [
          dish('Cheesy Garlic Bread', 'Mozzarella, parsley.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
            station: 'pizza',
          }),
        ],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Cola', 'Cane sugar cola.', { tags: ['vegan'], modifiers: ['lr-drink-size'] })],
      },
    ],
  },
  {
    key: 'wok-lane',
    name: 'Wok Lane',
    cuisine: 'Chinese',
    prefix: 'WKL',
    prepMinutes: 10,
    description: 'Wok-fired Chinese-American favourites.',
    sections: [
      {
        name: 'From the Wok',
        description: 'With steamed rice.',
        kind: 'entree',
        dishes: [
          dish("General Tso's Chicken", 'Crispy chicken, sweet-hot glaze.', {
            allergens: ['gluten', 'soy'],
            station: 'wok',
            modifiers: ['lr-spice'],
          }),
          dish('Beef & Broccoli', 'Oyster sauce, garlic.', {
            allergens: ['soy', 'shellfish'],
            station: 'wok',
          }),
          dish('Mapo Tofu', 'Sichuan pepper, chili bean paste.', {
            allergens: ['soy'],
            tags: ['spicy'],
            station: 'wok',
            modifiers: ['lr-spice'],
          }),
        ],
      },
      {
        name: 'Noodles',
        description: 'Hand-pulled.',
        kind: 'pasta',
        dishes: [
          dish('Dan Dan Noodles', 'Pork, chili oil, peanuts.', {
            allergens: ['gluten', 'peanuts', 'soy'],
            tags: ['spicy'],
            station: 'wok',
          }),
          dish('Vegetable Chow Mein', 'Cabbage, carrot, bean sprouts.', {
            allergens: ['gluten', 'soy'],
            tags: ['vegan'],
            station: 'wok',
          }),
        ],
      },
      {
        name: 'Dim Sum',
        description: 'Steamed or pan-fried.',
        kind: 'appetizer',
        dishes: [
          dish('Pork & Chive Dumplings (8)', 'Black vinegar dip.', { allergens: ['gluten', 'soy'] }),
          dish('Scallion Pancake', 'Flaky, ginger-soy dip.', {
            allergens: ['gluten', 'soy'],
            tags: ['vegan'],
            station: 'wok',
          }),
        ],
      },
    ],
  },
  {
    key: 'sushi-tide',
    name: 'Sushi Tide',
    cuisine: 'Japanese',
    prefix: 'SST',
    prepMinutes: 14,
    description: 'Rolls, combos and chirashi.',
    sections: [
      {
        name: 'Rolls',
        description: 'Eight pieces.',
        kind: 'appetizer',
        dishes: [
          dish('Spicy Tuna Roll', 'Tuna, sriracha mayo, scallion.', {
            allergens: ['fish', 'egg', 'soy'],
            tags: ['spicy'],
            station: 'cold',
          }),
          dish('Salmon Avocado Roll', 'Atlantic salmon, avocado.', {
            allergens: ['fish', 'soy'],
            station: 'cold',
          }),
          dish('Garden Roll', 'Cucumber, avocado, pickled radish.', {
            allergens: ['soy'],
            tags: ['vegan'],
            station: 'cold',
          }),
        ],
      },
      {
        name: 'Combos',
        description: 'With miso soup.',
        kind: 'entree',
        dishes: [
          dish('Chef’s Sushi Combo', 'Ten nigiri, one roll.', {
            allergens: ['fish', 'soy'],
            station: 'cold',
          }),
          dish('Chirashi Bowl', 'Assorted sashimi over rice.', {
            allergens: ['fish', 'soy'],
            station: 'cold',
          }),
        ],
      },
      {
        name: 'Sweet',
        description: 'Light.',
        kind: 'dessert',
        dishes: [
          dish('Mochi Trio', 'Matcha, mango, black sesame.', { allergens: ['sesame'], station: 'cold' }),
        ],
      },
    ],
  },
  {
    key: 'falafel-field',
    name: 'Falafel Field',
    cuisine: 'Middle Eastern',
    prefix: 'FLF',
    prepMinutes: 8,
    description: 'Falafel, shawarma and mezze.',
    sections: [
      {
        name: 'Wraps',
        description: 'In warm laffa.',
        kind: 'sandwich',
        dishes: [
          dish('Falafel Wrap', 'Tahini, pickles, tomato.', {
            allergens: ['gluten', 'sesame'],
            tags: ['vegan'],
          }),
          dish('Chicken Shawarma Wrap', 'Garlic toum, pickled turnip.', { allergens: ['gluten'] }),
        ],
      },
      {
        name: 'Plates',
        description: 'Rice, salad, hummus.',
        kind: 'entree',
        dishes: [dish('Shawarma Plate', 'Chicken or beef, all the fixings.', { allergens: ['sesame'] })],
      },
      {
        name: 'Mezze',
        description: 'Dips and salads.',
        kind: 'appetizer',
        dishes: [
          dish('Hummus & Pita', 'Olive oil, paprika, warm pita.', {
            allergens: ['gluten', 'sesame'],
            tags: ['vegan'],
            station: 'cold',
          }),
        ],
      },
      {
        name: 'Salads',
        description: 'Crisp.',
        kind: 'salad',
        dishes: [
          dish('Fattoush', 'Toasted pita, sumac, pomegranate.', {
            allergens: ['gluten'],
            tags: ['vegan'],
            modifiers: ['lr-protein-add'],
          }),
        ],
      },
    ],
  },
  {
    key: 'breakfast-bureau',
    name: 'Breakfast Bureau',
    cuisine: 'All-day breakfast',
    prefix: 'BKB',
    prepMinutes: 10,
    description: 'Breakfast whenever you want it.',
    sections: [
      {
        name: 'Breakfast',
        description: 'All day.',
        kind: 'breakfast',
        dishes: [
          dish('Bureau Breakfast Sandwich', 'Egg, cheddar, sausage, English muffin.', {
            allergens: ['egg', 'dairy', 'gluten'],
            modifiers: ['lr-eggs'],
          }),
          dish('Chorizo Breakfast Burrito', 'Eggs, potatoes, salsa roja.', {
            allergens: ['egg', 'dairy', 'gluten'],
            tags: ['spicy'],
            modifiers: ['lr-eggs'],
          }),
          dish('Stack of Pancakes', 'Buttermilk, maple syrup.', {
            allergens: ['gluten', 'dairy', 'egg'],
            tags: ['vegetarian'],
          }),
          dish('Avocado Toast', 'Sourdough, chili flakes, lemon.', {
            allergens: ['gluten'],
            tags: ['vegan'],
          }),
        ],
      },
      {
        name: 'Coffee',
        description: 'Fresh pot.',
        kind: 'coffee',
        dishes: [
          dish('House Coffee', 'Medium roast.', { tags: ['vegan'], modifiers: ['lr-drink-size', 'lr-milk'] }),
          dish('Vanilla Latte', 'Double shot, vanilla.', {
            allergens: ['dairy'],
            modifiers: ['lr-drink-size', 'lr-milk'],
          }),
        ],
      },
    ],
  },
  {
    key: 'wing-circuit',
    name: 'Wing Circuit',
    cuisine: 'Wings',
    prefix: 'WGC',
    prepMinutes: 14,
    description: 'Wings in five sauces.',
    sections: [
      {
        name: 'Wings',
        description: 'Fried crisp, tossed to order.',
        kind: 'entree',
        dishes: [
          dish('Twelve Wings', 'One sauce, celery, a dip.', {
            allergens: ['dairy'],
            station: 'fryer',
            modifiers: ['lr-wing-sauce', 'lr-dips'],
          }),
          dish('Boneless Bites Box', 'Breaded breast, one sauce.', {
            allergens: ['gluten', 'dairy'],
            station: 'fryer',
            modifiers: ['lr-wing-sauce'],
          }),
        ],
      },
      {
        name: 'Small Orders',
        description: 'For one.',
        kind: 'appetizer',
        dishes: [
          dish('Six Wings', 'One sauce.', { station: 'fryer', modifiers: ['lr-wing-sauce'] }),
          dish('Loaded Tots', 'Cheese sauce, bacon, scallions.', { allergens: ['dairy'] }),
        ],
      },
      {
        name: 'Kids',
        description: 'Small and mild.',
        kind: 'kids',
        dishes: [dish('Kids Wing Box', 'Four mild wings, fries, juice.', { station: 'fryer' })],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Lemonade', 'Fresh squeezed.', { tags: ['vegan'], modifiers: ['lr-drink-size'] })],
      },
    ],
  },
  {
    key: 'sweet-static',
    name: 'Sweet Static',
    cuisine: 'Desserts',
    prefix: 'SWS',
    prepMinutes: 6,
    description: 'Warm cookies, cakes and cold brew, late.',
    sections: [
      {
        name: 'Desserts',
        description: 'Baked to order.',
        kind: 'dessert',
        dishes: [
          dish('Molten Lava Cake', 'Dark chocolate, liquid centre.', {
            allergens: ['dairy', 'gluten', 'egg'],
            tags: ['signature'],
          }),
          dish('Warm Cookie Four-Pack', 'Brown butter, sea salt.', {
            allergens: ['dairy', 'gluten', 'egg'],
            tags: ['vegetarian'],
          }),
          dish('Banana Pudding Cup', 'Vanilla wafers, whipped cream.', {
            allergens: ['dairy', 'gluten', 'egg'],
          }),
          dish('Cheesecake Slice', 'New York style, berry compote.', {
            allergens: ['dairy', 'gluten', 'egg'],
          }),
        ],
      },
      {
        name: 'Coffee',
        description: 'Slow steeped.',
        kind: 'coffee',
        dishes: [
          dish('Cold Brew', 'Smooth, chocolatey.', {
            tags: ['vegan'],
            modifiers: ['lr-drink-size', 'lr-milk'],
          }),
        ],
      },
    ],
  },
  {
    key: 'reef-and-rice',
    name: 'Reef & Rice',
    cuisine: 'Poke',
    prefix: 'RFR',
    prepMinutes: 7,
    description: 'Build-your-own poke bowls.',
    sections: [
      {
        name: 'Poke Bowls',
        description: 'Pick a base.',
        kind: 'entree',
        dishes: [
          dish('Classic Ahi Poke', 'Shoyu tuna, onion, sesame.', {
            allergens: ['fish', 'soy', 'sesame'],
            station: 'cold',
            modifiers: ['lr-poke-base'],
          }),
          dish('Spicy Salmon Poke', 'Salmon, sriracha mayo, cucumber.', {
            allergens: ['fish', 'egg', 'soy'],
            tags: ['spicy'],
            station: 'cold',
            modifiers: ['lr-poke-base'],
          }),
          dish('Tofu Poke', 'Marinated tofu, edamame, mango.', {
            allergens: ['soy'],
            tags: ['vegan'],
            station: 'cold',
            modifiers: ['lr-poke-base'],
          }),
        ],
      },
      {
        name: 'Sides',
        description: 'Extra.',
        kind: 'salad',
        dishes: [dish('Seaweed Salad', 'Sesame, rice vinegar.', { allergens: ['sesame'], tags: ['vegan'] })],
      },
      {
        name: 'Drinks',
        description: 'Cold.',
        kind: 'beverage',
        dishes: [dish('Passion Fruit Lemonade', 'Tart and sweet.', { tags: ['vegan'] })],
      },
    ],
  },
  {
    key: 'melt-garage',
    name: 'Melt Garage',
    cuisine: 'Grilled cheese',
    prefix: 'MLG',
    prepMinutes: 8,
    description: 'Grilled cheese and tomato soup.',
    sections: [
      {
        name: 'Melts',
        description: 'On griddled sourdough.',
        kind: 'sandwich',
        dishes: [
          dish('Classic Three-Cheese Melt', 'Cheddar, gruyère, mozzarella.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
          dish('Short Rib Melt', 'Braised short rib, caramelized onion.', { allergens: ['gluten', 'dairy'] }),
          dish('Kimchi Melt', 'Kimchi, pepper jack.', {
            allergens: ['gluten', 'dairy'],
            tags: ['spicy', 'vegetarian'],
          }),
          dish('Apple Brie Melt', 'Brie, apple, fig jam.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
        ],
      },
      {
        name: 'Soup',
        description: 'For dunking.',
        kind: 'appetizer',
        dishes: [
          dish('Tomato Soup', 'Roasted tomato, basil.', { allergens: ['dairy'], tags: ['vegetarian'] }),
        ],
      },
      {
        name: 'Kids',
        description: 'Small and plain.',
        kind: 'kids',
        dishes: [
          dish('Kids Classic Melt', 'Cheddar on white, apple slices.', {
            allergens: ['gluten', 'dairy'],
            tags: ['vegetarian'],
          }),
        ],
      },
    ],
  },
  {
    key: 'plant-parade',
    name: 'Plant Parade',
    cuisine: 'Vegan',
    prefix: 'PLP',
    prepMinutes: 10,
    description: 'Plant-based comfort food.',
    sections: [
      {
        name: 'Burgers',
        description: 'Entirely plants.',
        kind: 'burger',
        dishes: [
          dish('Black Bean Burger', 'Chipotle mayo, pickled onion.', {
            allergens: ['gluten', 'soy'],
            tags: ['vegan'],
          }),
          dish('Mushroom Melt Burger', 'Portobello, cashew cheese.', {
            allergens: ['gluten', 'nuts'],
            tags: ['vegan'],
          }),
        ],
      },
      {
        name: 'Bowls',
        description: 'Warm and filling.',
        kind: 'entree',
        dishes: [
          dish('BBQ Jackfruit Bowl', 'Smoky jackfruit, slaw, cornbread.', {
            allergens: ['gluten'],
            tags: ['vegan'],
          }),
        ],
      },
      {
        name: 'Salads',
        description: 'Green.',
        kind: 'salad',
        dishes: [
          dish('Rainbow Slaw Salad', 'Cabbage, carrot, tahini-lime.', {
            allergens: ['sesame'],
            tags: ['vegan'],
          }),
        ],
      },
      {
        name: 'Sweet',
        description: 'No dairy, no eggs.',
        kind: 'dessert',
        dishes: [
          dish('Fudgy Vegan Brownie', 'Dark chocolate, flaky salt.', {
            allergens: ['gluten'],
            tags: ['vegan'],
          }),
        ],
      },
    ],
  },
  {
    key: 'bean-courier',
    name: 'Bean Courier',
    cuisine: 'Coffee & bakery',
    prefix: 'BNC',
    prepMinutes: 4,
    description: 'Espresso drinks and pastries, delivered warm.',
    sections: [
      {
        name: 'Coffee',
        description: 'Single-origin espresso.',
        kind: 'coffee',
        dishes: [
          dish('Cappuccino', 'Double shot, foam.', {
            allergens: ['dairy'],
            modifiers: ['lr-drink-size', 'lr-milk'],
          }),
          dish('Caramel Macchiato', 'Vanilla, caramel drizzle.', {
            allergens: ['dairy'],
            modifiers: ['lr-drink-size', 'lr-milk'],
          }),
          dish('Americano', 'Espresso and hot water.', { tags: ['vegan'], modifiers: ['lr-drink-size'] }),
          dish('Matcha Latte', 'Ceremonial matcha.', {
            allergens: ['dairy'],
            modifiers: ['lr-drink-size', 'lr-milk'],
          }),
        ],
      },
      {
        name: 'Bakery',
        description: 'Baked every morning.',
        kind: 'dessert',
        dishes: [
          dish('Almond Croissant', 'Frangipane, toasted almonds.', {
            allergens: ['gluten', 'dairy', 'egg', 'nuts'],
          }),
          dish('Blueberry Muffin', 'Streusel top.', {
            allergens: ['gluten', 'dairy', 'egg'],
            tags: ['vegetarian'],
          }),
        ],
      },
      {
        name: 'Breakfast',
        description: 'Handheld.',
        kind: 'breakfast',
        dishes: [
          dish('Egg & Cheese Croissant', 'Soft scrambled eggs, gruyère.', {
            allergens: ['gluten', 'dairy', 'egg'],
          }),
        ],
      },
    ],
  },
];
