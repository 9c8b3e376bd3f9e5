import type { Static } from '@sinclair/typebox';
import type { BrandView } from '../../../src/schemas/admin/brand.js';
import type {
  FinancialSummaryAnswer,
  KitchenPerformanceAnswer,
  LabourAnswer,
  PhaseTimingAnswer,
  ProfitAnalysisAnswer,
  SalesByBrandAnswer,
  SalesByLocationAnswer,
  SalesByPaymentMethodAnswer,
  TopItemsAnswer,
} from '../../../src/schemas/analytics.js';

/**
 * The answers the dashboard's panels read, typed from the API's schemas (type-only imports, as in
 * api/api-types.ts), so a changed report shape fails the web type check.
 */
export type Brand = Static<typeof BrandView>;
export type SalesByLocation = Static<typeof SalesByLocationAnswer>;
export type SalesByBrand = Static<typeof SalesByBrandAnswer>;
export type PaymentMix = Static<typeof SalesByPaymentMethodAnswer>;
export type TopItems = Static<typeof TopItemsAnswer>;
export type ItemMetric = TopItems['metric'];
export type ProfitAnalysis = Static<typeof ProfitAnalysisAnswer>;
export type PhaseTiming = Static<typeof PhaseTimingAnswer>;
export type KitchenPerformance = Static<typeof KitchenPerformanceAnswer>;
export type FinancialSummary = Static<typeof FinancialSummaryAnswer>;
export type Labour = Static<typeof LabourAnswer>;
