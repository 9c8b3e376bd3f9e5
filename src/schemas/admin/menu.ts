import { Type } from '@sinclair/typebox';
import { Nullable, PatchOf, StrictObject, Timestamp, Uuid } from '../common.js';
import { CategoryView } from './category.js';
import { ItemView } from './item.js';
import { ModifierGroupView } from './modifier-group.js';

const fields = {
  brandId: Uuid,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Type.String({ maxLength: 2000 })),
  active: Type.Boolean(),
};

export const CreateMenuBody = StrictObject({
  brandId: fields.brandId,
  name: fields.name,
  description: Type.Optional(fields.description),
  active: Type.Optional(fields.active),
});

export const UpdateMenuBody = PatchOf(CreateMenuBody);

export const MenuView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  brandId: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TreeItem = Type.Composite([ItemView, Type.Object({ modifierGroups: Type.Array(ModifierGroupView) })]);

/**
 * A category of the tree with its items and subcategories. Nesting is open-ended, so the
 * subcategories' schema is recursive.
 */
export const MenuTreeCategory = Type.Recursive(
  (Self) =>
    Type.Composite([
      CategoryView,
      Type.Object({ items: Type.Array(TreeItem), categories: Type.Array(Self) }),
    ]),
  { $id: 'AdminMenuTreeCategory' },
);

export const MenuTreeView = Type.Composite([
  MenuView,
  Type.Object({ categories: Type.Array(MenuTreeCategory) }),
]);

export const MenuItemParams = Type.Object({ businessId: Uuid, menuId: Uuid });
