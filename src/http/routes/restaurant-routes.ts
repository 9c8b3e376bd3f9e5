import { Type } from '@sinclair/typebox';
import { LocationParams } from '../../schemas/common.js';
import { LiveMenus, RestaurantListQuery, RestaurantView } from '../../schemas/restaurants.js';
import { loadLiveMenus } from '../../services/catalog/live-menu.js';
import { getRestaurant, listRestaurants } from '../../services/catalog/restaurants.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/** Customer-facing discovery: public, no sign-in needed. */
export function restaurantRoutes(app: BrigadeApp, context: AppContext): void {
  const tags = ['restaurants'];
  app.get(
    '/api/v1/restaurants',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Restaurants taking orders (all businesses)',
        querystring: RestaurantListQuery,
        response: { 200: Type.Object({ restaurants: Type.Array(RestaurantView) }) },
      },
    },
    async (request) => ({ restaurants: await listRestaurants(context.db, request.query, context.now()) }),
  );

  app.get(
    '/api/v1/restaurants/:locationId',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One restaurant', params: LocationParams, response: { 200: RestaurantView } },
    },
    async (request) => getRestaurant(context.db, request.params.locationId, context.now()),
  );

  app.get(
    '/api/v1/restaurants/:locationId/menus',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The live menu tree with availability right now',
        params: LocationParams,
        response: { 200: LiveMenus },
      },
    },
    async (request) => {
      const now = context.now();
      const restaurant = await getRestaurant(context.db, request.params.locationId, now);
      return {
        locationId: restaurant.id,
        generatedAt: now.toISOString(),
        menus: await loadLiveMenus(context.db, { id: restaurant.id, timeZone: restaurant.timeZone }, now),
      };
    },
  );
}
