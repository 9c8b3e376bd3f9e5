import { Type } from '@sinclair/typebox';
import { Nullable, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';
import { PageQuery } from './pagination.js';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Type.String({ maxLength: 2000 })),
  parentId: Nullable(Uuid),
  displayOrder: Type.Integer({ minimum: 0, maximum: 100_000 }),
};

export const CreateCategoryBody = StrictObject({
  menuId: Uuid,
  parentId: Type.Optional(fields.parentId),
  name: fields.name,
  description: Type.Optional(fields.description),
  displayOrder: Type.Optional(fields.displayOrder),
});

export const UpdateCategoryBody = PatchOf(
  Type.Omit(CreateCategoryBody, ['menuId']),
  'a category stays in its menu; parentId must be in the same menu',
);

export const CategoryView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  menuId: Uuid,
  parentId: Nullable(Uuid),
  name: Type.String(),
  description: Nullable(Type.String()),
  displayOrder: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CategoryQuery = Type.Object({ ...PageQuery, menuId: Type.Optional(Uuid) });
export const CategoryItemParams = Type.Object({ businessId: Uuid, categoryId: Uuid });
