import { Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, ServiceTypeSchema, Uuid } from './common.js';

const Section = Type.Object({
  name: Type.Optional(Type.String()),
  opens: Type.String(),
  closes: Type.String(),
});

export const RestaurantView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  businessName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  address: Type.Record(Type.String(), Type.Unknown()),
  lat: Type.Number(),
  lon: Type.Number(),
  timeZone: Type.String(),
  currency: CurrencyCode,
  serviceTypes: Type.Array(Type.String()),
  deliveryFeeMinor: MinorUnits,
  status: Type.String(),
  openNow: Type.Boolean({ description: 'status open and inside business hours now' }),
  currentSection: Nullable(Type.String()),
  businessHours: Type.Record(Type.String(), Type.Array(Section)),
  holidays: Type.Array(
    Type.Object({
      date: Type.String(),
      name: Type.String(),
      closed: Type.Boolean(),
      sections: Type.Optional(Type.Array(Section)),
    }),
  ),
  brands: Type.Array(Type.Object({ id: Uuid, name: Type.String(), cuisine: Nullable(Type.String()) })),
});

export const RestaurantListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'name or city contains' })),
    serviceType: Type.Optional(ServiceTypeSchema),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

const ModifierGroup = Type.Object({
  id: Uuid,
  name: Type.String(),
  selection: Type.Union([Type.Literal('single'), Type.Literal('multiple')]),
  required: Type.Boolean(),
  minSelections: Type.Integer(),
  maxSelections: Type.Integer(),
  options: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), priceMinor: MinorUnits, available: Type.Boolean() }),
  ),
});

const MenuItem = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  priceMinor: MinorUnits,
  currency: CurrencyCode,
  sku: Nullable(Type.String()),
  station: Type.String(),
  prepMinutes: Type.Integer(),
  allergens: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  imageUrl: Nullable(Type.String()),
  calories: Nullable(Type.Integer()),
  availableNow: Type.Boolean(),
  modifierGroups: Type.Array(ModifierGroup),
});

const Category = Type.Recursive(
  (Self) =>
    Type.Object({
      id: Uuid,
      name: Type.String(),
      description: Nullable(Type.String()),
      items: Type.Array(MenuItem),
      categories: Type.Array(Self),
    }),
  { $id: 'LiveMenuCategory' },
);

export const LiveMenus = Type.Object({
  locationId: Uuid,
  generatedAt: Type.String({ format: 'date-time' }),
  menus: Type.Array(
    Type.Object({
      brandId: Uuid,
      brandName: Type.String(),
      brandActive: Type.Boolean(),
      menuId: Uuid,
      menuName: Type.String(),
      categories: Type.Array(Category),
    }),
  ),
});
