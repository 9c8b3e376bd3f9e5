import { Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';

const Kind = Type.Union([Type.Literal('percent'), Type.Literal('fixed'), Type.Literal('buy_x_get_y')]);
const Quantity = Type.Integer({ minimum: 1, maximum: 1000 });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  code: Nullable(
    Type.String({ pattern: '^[A-Za-z0-9_-]{3,40}$', description: 'promo code; null = automatic' }),
  ),
  kind: Kind,
  percentBps: Nullable(
    Type.Integer({ minimum: 1, maximum: 10_000, description: 'percent kind: 1000 = 10%' }),
  ),
  amountMinor: Nullable(Type.Integer({ minimum: 1, description: 'fixed kind: amount off in minor units' })),
  currency: CurrencyCode,
  buyQuantity: Nullable(Quantity),
  getQuantity: Nullable(Quantity),
  itemIds: Type.Array(Uuid, { maxItems: 500, description: 'items it counts; empty = every item' }),
  minSubtotalMinor: MinorUnits,
  startsAt: Nullable(Timestamp),
  endsAt: Nullable(Timestamp),
  locationIds: Type.Array(Uuid, { maxItems: 500, description: 'empty = every location' }),
  active: Type.Boolean(),
};

export const CreateOfferBody = StrictObject({
  name: fields.name,
  code: Type.Optional(fields.code),
  kind: fields.kind,
  percentBps: Type.Optional(fields.percentBps),
  amountMinor: Type.Optional(fields.amountMinor),
  currency: Type.Optional(fields.currency),
  buyQuantity: Type.Optional(fields.buyQuantity),
  getQuantity: Type.Optional(fields.getQuantity),
  itemIds: Type.Optional(fields.itemIds),
  minSubtotalMinor: Type.Optional(fields.minSubtotalMinor),
  startsAt: Type.Optional(fields.startsAt),
  endsAt: Type.Optional(fields.endsAt),
  locationIds: Type.Optional(fields.locationIds),
  active: Type.Optional(fields.active),
});

export const UpdateOfferBody = PatchOf(
  CreateOfferBody,
  'changing kind drops the old kind’s amounts; send the new kind’s',
);

export const OfferView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  name: Type.String(),
  code: Nullable(Type.String()),
  kind: Kind,
  percentBps: Nullable(Type.Integer()),
  amountMinor: Nullable(Type.Integer()),
  currency: Type.String(),
  buyQuantity: Nullable(Type.Integer()),
  getQuantity: Nullable(Type.Integer()),
  itemIds: Type.Array(Uuid),
  minSubtotalMinor: Type.Integer(),
  startsAt: Nullable(Timestamp),
  endsAt: Nullable(Timestamp),
  locationIds: Type.Array(Uuid),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OfferItemParams = Type.Object({ businessId: Uuid, offerId: Uuid });
