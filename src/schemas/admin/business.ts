import { Type } from '@sinclair/typebox';
import { CurrencyCode, StrictObject, Timestamp, Uuid } from '../common.js';

const BusinessStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('active'),
  Type.Literal('suspended'),
]);
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 1, maxLength: 80 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const EarnPoints = Type.Integer({
  minimum: 0,
  maximum: 1_000_000,
  description: 'points per whole currency unit spent',
});
const PointValue = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'points worth one minor unit',
});

export const BusinessView = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  currency: Type.String(),
  status: BusinessStatus,
  loyaltyEarnPointsPerUnit: Type.Integer(),
  loyaltyPointsPerMinorUnit: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateBusinessBody = StrictObject({
  name: Name,
  slug: Slug,
  currency: CurrencyCode,
  loyaltyEarnPointsPerUnit: Type.Optional(EarnPoints),
  loyaltyPointsPerMinorUnit: Type.Optional(PointValue),
  owner: Type.Optional(
    StrictObject(
      { email: Type.String({ format: 'email', maxLength: 254 }) },
      { description: 'an existing user' },
    ),
  ),
});

export const UpdateBusinessBody = StrictObject(
  {
    name: Type.Optional(Name),
    slug: Type.Optional(Slug),
    currency: Type.Optional(CurrencyCode),
    status: Type.Optional(BusinessStatus),
    loyaltyEarnPointsPerUnit: Type.Optional(EarnPoints),
    loyaltyPointsPerMinorUnit: Type.Optional(PointValue),
  },
  { minProperties: 1 },
);
