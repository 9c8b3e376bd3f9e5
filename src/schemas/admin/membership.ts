import { Type } from '@sinclair/typebox';
import { MinorUnits, Nullable, StrictObject, Timestamp, Uuid } from '../common.js';

const Role = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('staff')]);
const Position = Type.Union([Type.Literal('kitchen'), Type.Literal('cashier'), Type.Literal('driver')]);
const LocationIds = Type.Array(Uuid, {
  maxItems: 500,
  description: 'locations the member works at; empty = all of the business',
});

export const CreateMembershipBody = StrictObject({
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  password: Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description:
        'for an email with no account yet; without it the new user is emailed an invitation link (valid 7 days) to choose their own',
    }),
  ),
  role: Role,
  position: Type.Optional(Nullable(Position)),
  locationIds: Type.Optional(LocationIds),
  hourlyRateMinor: Type.Optional(Nullable(MinorUnits)),
});

export const UpdateMembershipBody = StrictObject(
  {
    role: Type.Optional(Role),
    position: Type.Optional(Nullable(Position)),
    locationIds: Type.Optional(LocationIds),
    hourlyRateMinor: Type.Optional(Nullable(MinorUnits)),
  },
  { minProperties: 1 },
);

export const MembershipView = Type.Object({
  userId: Uuid,
  businessId: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  position: Nullable(Position),
  locationIds: Type.Array(Uuid),
  hourlyRateMinor: Nullable(Type.Integer()),
  createdAt: Timestamp,
});

export const MembershipItemParams = Type.Object({ businessId: Uuid, userId: Uuid });
