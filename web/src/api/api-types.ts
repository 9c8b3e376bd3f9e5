import type { Static } from '@sinclair/typebox';
import type { BusinessView } from '../../../src/schemas/admin/business.js';
import type { LocationView } from '../../../src/schemas/admin/location.js';
import type { MembershipView } from '../../../src/schemas/admin/membership.js';
import type { DashboardAnswer, SalesSummaryAnswer } from '../../../src/schemas/analytics.js';
import type {
  KitchenStats,
  StationList,
  TicketHistoryPage,
  TicketList,
  TicketView,
} from '../../../src/schemas/kitchen.js';
import type { LiveMetricsSnapshotSchema } from '../../../src/schemas/live-metrics.js';
import type { SimulatorStatusSchema } from '../../../src/schemas/simulator.js';
import type { ShiftView, TimesheetView } from '../../../src/schemas/time-clock.js';

/**
 * The answers the web app reads, typed from the API's own schemas (type-only imports: nothing of the
 * server reaches the bundle), so a changed answer shape fails `npm run typecheck` here.
 */
export type Business = Static<typeof BusinessView>;
export type Location = Static<typeof LocationView>;
export type Member = Static<typeof MembershipView>;
export type Dashboard = Static<typeof DashboardAnswer>;
export type Kpi = Dashboard['kpis'][number];
export type SalesSummary = Static<typeof SalesSummaryAnswer>;
export type LiveSnapshot = Static<typeof LiveMetricsSnapshotSchema>;
export type Ticket = Static<typeof TicketView>;
export type Tickets = Static<typeof TicketList>;
export type TicketHistory = Static<typeof TicketHistoryPage>;
export type Stations = Static<typeof StationList>;
export type PrepStats = Static<typeof KitchenStats>;
export type SimulatorStatus = Static<typeof SimulatorStatusSchema>;
export type Shift = Static<typeof ShiftView>;
export type Timesheet = Static<typeof TimesheetView>;

/** Admin lists (`ListOf` in src/schemas/admin/pagination.ts). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `UserView` and `Session` of src/http/routes/auth-routes.ts (declared there, not in src/schemas). */
export interface Membership {
  businessId: string;
  role: string;
  position: string | null;
  locationIds: string[];
}
export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  platformRole: 'platform_admin' | 'user';
  memberships: Membership[];
}
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/** One WebSocket message (docs/realtime.md). */
export interface FeedMessage {
  event: string;
  timestamp: string;
  data: unknown;
}
