import { query } from '../api/api-client.js';

/** What the dashboard is filtered to (from its URL). */
export interface DashboardFilters {
  businessId: string;
  period: string;
  /** '' = every location. */
  locationId: string;
  /** '' = every brand. */
  brandId: string;
  /** The chosen brand's name, for the panels' wording. */
  brandName: string | undefined;
}

/**
 * A report's URL under the filters. Only reports whose figures can be split by brand take `brand_id`
 * (the others refuse it: tips, tax, payments and timings belong to whole orders, docs/analytics.md).
 */
export function reportUrl(
  filters: DashboardFilters,
  report: string,
  options: { brand: boolean },
  extra: Record<string, string> = {},
): string {
  const params = query({
    period: filters.period,
    location_id: filters.locationId || undefined,
    brand_id: options.brand ? filters.brandId || undefined : undefined,
    ...extra,
  });
  return `/api/v1/businesses/${filters.businessId}/analytics/${report}${params}`;
}

/** The visible caveat of a panel whose report cannot be filtered by brand, when a brand is chosen. */
export function wholeOrdersNote(filters: DashboardFilters): string | undefined {
  return filters.brandId
    ? `All brands: these figures belong to whole orders and cannot be narrowed to ${filters.brandName ?? 'one brand'}.`
    : undefined;
}

/** "No sales in this period", naming the brand when one is chosen. */
export function nothingIn(filters: DashboardFilters, what: string): string {
  return filters.brandId
    ? `No ${what} of ${filters.brandName ?? 'this brand'} in this period`
    : `No ${what} in this period`;
}
