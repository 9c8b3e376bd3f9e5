import type { SILVER_ORDER_TABLES } from '../lake-tables.js';
import { DELIVERIES_SQL } from './deliveries-sql.js';
import { FEEDBACK_SQL } from './feedback-sql.js';
import { KITCHEN_TICKETS_SQL } from './kitchen-tickets-sql.js';
import { ORDER_ITEMS_SQL } from './order-items-sql.js';
import { ORDERS_SQL } from './orders-sql.js';
import { PAYMENTS_SQL } from './payments-sql.js';
import { STATUS_CHANGES_SQL } from './status-changes-sql.js';

export { QUARANTINE_SQL, silverBaseStatements } from './order-events-sql.js';
export { REJECT_REASONS, type RejectReason } from './reject-rules-sql.js';

export type SilverOrderTable = (typeof SILVER_ORDER_TABLES)[number];

/**
 * One SELECT per order-grained silver table, run over the base relations (silverBaseStatements, run
 * first over the view `order_events`: the orders' events, duplicates allowed) and `dim_locations`,
 * `dim_brands`, `dim_categories` (may be empty).
 * Each produces that table's columns in LAKE_TABLES order; orders that break a reject rule
 * (REJECT_REASONS, listed by QUARANTINE_SQL) produce no rows in any of them.
 */
export const SILVER_SQL: Record<SilverOrderTable, string> = {
  orders: ORDERS_SQL,
  order_items: ORDER_ITEMS_SQL,
  payments: PAYMENTS_SQL,
  deliveries: DELIVERIES_SQL,
  order_status_changes: STATUS_CHANGES_SQL,
  feedback: FEEDBACK_SQL,
  kitchen_tickets: KITCHEN_TICKETS_SQL,
};
