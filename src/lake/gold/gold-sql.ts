import type { GOLD_DAY_TABLES } from '../lake-tables.js';
import { DAILY_SALES_SUMMARY_SQL } from './daily-summary-sql.js';
import { FEEDBACK_DAY_SQL } from './feedback-day-sql.js';
import { FINANCIAL_DAY_SQL } from './financial-day-sql.js';
import { ORDER_HEADER_SQL } from './order-header-sql.js';
import { PHASE_PERCENTILES_SQL } from './phase-percentiles-sql.js';
import {
  BRAND_SALES_DAY_SQL,
  ITEM_PERFORMANCE_SQL,
  ITEM_SALES_DAY_SQL,
  LOCATION_SALES_HOURLY_SQL,
} from './sales-day-sql.js';

export { GOLD_METRICS_SQL } from './metrics-sql.js';

export type GoldDayTable = (typeof GOLD_DAY_TABLES)[number];

/**
 * One SELECT per gold day table producing all its rows for the business local dates in work table
 * `target_dates(business_id VARCHAR, local_date DATE)`, from views `silver_orders`, `silver_order_items`,
 * `silver_kitchen_tickets`, `silver_deliveries`, `silver_feedback` and `dim_items`, `dim_categories`, `dim_brands`.
 * Every count is exact (COUNT DISTINCT over the rows, no sketches).
 */
export const GOLD_DAY_SQL: Record<GoldDayTable, string> = {
  gold_order_header: ORDER_HEADER_SQL,
  gold_item_sales_day: ITEM_SALES_DAY_SQL,
  gold_brand_sales_day: BRAND_SALES_DAY_SQL,
  gold_location_sales_hourly: LOCATION_SALES_HOURLY_SQL,
  gold_daily_sales_summary: DAILY_SALES_SUMMARY_SQL,
  gold_item_performance: ITEM_PERFORMANCE_SQL,
  gold_financial_day: FINANCIAL_DAY_SQL,
  gold_feedback_day: FEEDBACK_DAY_SQL,
  gold_phase_percentiles: PHASE_PERCENTILES_SQL,
};
