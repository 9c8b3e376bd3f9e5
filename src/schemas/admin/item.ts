import { Type } from '@sinclair/typebox';
import { WEEKDAYS } from '../../domain/locations/local-time.js';
import { CurrencyCode, MinorUnits, Nullable, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';
import { Clock } from './location.js';
import { PageQuery } from './pagination.js';

const Window = StrictObject({ from: Clock, to: Clock });
const Schedule = StrictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, Type.Optional(Type.Array(Window, { maxItems: 10 }))])),
  { description: 'weekday → windows when the item can be ordered; null = whenever the location is open' },
);
const Label = Type.String({ minLength: 1, maxLength: 50 });

const fields = {
  menuId: Uuid,
  categoryId: Uuid,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Type.String({ maxLength: 2000 })),
  priceMinor: MinorUnits,
  costMinor: Nullable(MinorUnits),
  currency: CurrencyCode,
  sku: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  station: Type.String({ minLength: 1, maxLength: 50, description: 'kitchen station that prepares it' }),
  prepMinutes: Type.Integer({ minimum: 0, maximum: 600 }),
  available: Type.Boolean(),
  availabilitySchedule: Nullable(Schedule),
  allergens: Type.Array(Label, { maxItems: 30, uniqueItems: true }),
  tags: Type.Array(Label, { maxItems: 30, uniqueItems: true }),
  imageUrl: Nullable(Type.String({ format: 'uri', maxLength: 2000 })),
  calories: Nullable(Type.Integer({ minimum: 0, maximum: 100_000 })),
  displayOrder: Type.Integer({ minimum: 0, maximum: 100_000 }),
  modifierGroupIds: Type.Array(Uuid, { maxItems: 50, description: 'in display order' }),
};

export const CreateItemBody = StrictObject({
  menuId: Type.Optional(fields.menuId),
  categoryId: fields.categoryId,
  name: fields.name,
  description: Type.Optional(fields.description),
  priceMinor: fields.priceMinor,
  costMinor: Type.Optional(fields.costMinor),
  currency: Type.Optional(fields.currency),
  sku: Type.Optional(fields.sku),
  station: Type.Optional(fields.station),
  prepMinutes: Type.Optional(fields.prepMinutes),
  available: Type.Optional(fields.available),
  availabilitySchedule: Type.Optional(fields.availabilitySchedule),
  allergens: Type.Optional(fields.allergens),
  tags: Type.Optional(fields.tags),
  imageUrl: Type.Optional(fields.imageUrl),
  calories: Type.Optional(fields.calories),
  displayOrder: Type.Optional(fields.displayOrder),
  modifierGroupIds: Type.Optional(fields.modifierGroupIds),
});

export const UpdateItemBody = PatchOf(
  Type.Omit(CreateItemBody, ['menuId']),
  'categoryId may move the item to a category of another menu',
);

export const ItemView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  menuId: Uuid,
  categoryId: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  priceMinor: Type.Integer(),
  costMinor: Nullable(Type.Integer()),
  currency: Type.String(),
  sku: Nullable(Type.String()),
  station: Type.String(),
  prepMinutes: Type.Integer(),
  available: Type.Boolean(),
  availabilitySchedule: Nullable(
    Type.Record(Type.String(), Type.Array(Type.Object({ from: Type.String(), to: Type.String() }))),
  ),
  allergens: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  imageUrl: Nullable(Type.String()),
  calories: Nullable(Type.Integer()),
  displayOrder: Type.Integer(),
  modifierGroupIds: Type.Array(Uuid),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ItemQuery = Type.Object({
  ...PageQuery,
  menuId: Type.Optional(Uuid),
  categoryId: Type.Optional(Uuid),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'name contains (case-insensitive)' }),
  ),
});

export const ItemItemParams = Type.Object({ businessId: Uuid, itemId: Uuid });
