import type { Static } from '@sinclair/typebox';
import type { CartView } from '../../../src/schemas/carts.js';
import type { OrderQuote, QuoteOrderBody } from '../../../src/schemas/order-quote.js';
import type { PlaceOrderBody } from '../../../src/schemas/orders.js';
import type { LiveMenus, RestaurantView } from '../../../src/schemas/restaurants.js';

/** The public restaurant answers (src/schemas/restaurants.ts), type-only as api-types.ts does. */
export type Restaurant = Static<typeof RestaurantView>;
export type LiveMenuList = Static<typeof LiveMenus>;
export type LiveMenu = LiveMenuList['menus'][number];
export type Cart = Static<typeof CartView>;
export type CartLine = Cart['lines'][number];
export type PlaceOrder = Static<typeof PlaceOrderBody>;
export type QuoteRequest = Static<typeof QuoteOrderBody>;
export type Quote = Static<typeof OrderQuote>;

/** A line to add to the cart (the API's OrderLineInput). */
export interface NewCartLine {
  itemId: string;
  quantity: number;
  modifiers: string[];
  notes?: string;
}

/** The tree's categories are recursive in the schema; spelled out here for the components. */
export interface LiveItem {
  id: string;
  name: string;
  description: string | null;
  priceMinor: number;
  currency: string;
  allergens: string[];
  tags: string[];
  imageUrl: string | null;
  calories: number | null;
  availableNow: boolean;
  modifierGroups: {
    id: string;
    name: string;
    selection: 'single' | 'multiple';
    required: boolean;
    minSelections: number;
    maxSelections: number;
    options: { id: string; name: string; priceMinor: number; available: boolean }[];
  }[];
}

export interface LiveCategory {
  id: string;
  name: string;
  description: string | null;
  items: LiveItem[];
  categories: LiveCategory[];
}
