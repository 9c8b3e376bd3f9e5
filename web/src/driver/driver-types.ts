import type { Static } from '@sinclair/typebox';
import type { ClaimableDeliveries, DeliveryView, DriverDeliveries } from '../../../src/schemas/delivery.js';

/** The delivery API's answers (docs/delivery.md), typed from its schemas (type-only imports). */
export type Delivery = Static<typeof DeliveryView>;
export type MyDeliveries = Static<typeof DriverDeliveries>;
export type Claimable = Static<typeof ClaimableDeliveries>;
