import { Type } from '@sinclair/typebox';
import { Nullable, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';
import { CalendarDate } from './location.js';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  cuisine: Nullable(Type.String({ maxLength: 100 })),
  description: Nullable(Type.String({ maxLength: 2000 })),
  startsOn: Nullable(CalendarDate),
  endsOn: Nullable(CalendarDate),
  locationIds: Type.Array(Uuid, {
    maxItems: 500,
    description: 'locations of this business serving the brand',
  }),
};

export const CreateBrandBody = StrictObject({
  name: fields.name,
  cuisine: Type.Optional(fields.cuisine),
  description: Type.Optional(fields.description),
  startsOn: Type.Optional(fields.startsOn),
  endsOn: Type.Optional(fields.endsOn),
  locationIds: Type.Optional(fields.locationIds),
});

export const UpdateBrandBody = PatchOf(CreateBrandBody);

export const BrandView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  name: Type.String(),
  cuisine: Nullable(Type.String()),
  description: Nullable(Type.String()),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  locationIds: Type.Array(Uuid),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const BrandItemParams = Type.Object({ businessId: Uuid, brandId: Uuid });
