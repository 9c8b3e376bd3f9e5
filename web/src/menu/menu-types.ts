import type { Static } from '@sinclair/typebox';
import type { BrandView } from '../../../src/schemas/admin/brand.js';
import type { CategoryView } from '../../../src/schemas/admin/category.js';
import type { CreateItemBody, ItemView, UpdateItemBody } from '../../../src/schemas/admin/item.js';
import type { MenuTreeView, MenuView } from '../../../src/schemas/admin/menu.js';
import type {
  CreateModifierGroupBody,
  ModifierGroupView,
  UpdateModifierGroupBody,
} from '../../../src/schemas/admin/modifier-group.js';

/**
 * What the menu manager reads and sends, typed from the admin API's schemas (type-only imports, as
 * api-types.ts does), so a changed schema fails the web typecheck here.
 */
export type Brand = Static<typeof BrandView>;
export type Menu = Static<typeof MenuView>;
export type MenuTree = Static<typeof MenuTreeView>;
export type Category = Static<typeof CategoryView>;
export type Item = Static<typeof ItemView>;
export type ItemCreate = Static<typeof CreateItemBody>;
export type ItemUpdate = Static<typeof UpdateItemBody>;
export type ModifierGroup = Static<typeof ModifierGroupView>;
export type ModifierGroupCreate = Static<typeof CreateModifierGroupBody>;
export type ModifierGroupUpdate = Static<typeof UpdateModifierGroupBody>;

/** A category of the tree (GET one menu), with its items and subcategories. */
export interface TreeCategory extends Category {
  items: (Item & { modifierGroups: ModifierGroup[] })[];
  categories: TreeCategory[];
}
