import type { Static } from '@sinclair/typebox';
import type { OrderActions, OrderEvent, OrderPage, OrderView } from '../../../src/schemas/orders.js';

/**
 * The order answers the orders board reads, typed from the API's schemas (type-only imports, as in
 * api/api-types.ts: nothing of the server is bundled).
 */
export type Order = Static<typeof OrderView>;
export type Orders = Static<typeof OrderPage>;
export type OrderEventView = Static<typeof OrderEvent>;
export type Actions = Static<typeof OrderActions>;
export type OrderStatus = Order['status'];
export type ServiceType = Order['serviceType'];
