import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import type { CreateMenuBody, UpdateMenuBody } from '../../schemas/admin/menu.js';
import type { Database } from '../../storage/database.js';
import { CATEGORY_COLUMNS, type CategoryRow, categoryView } from './category-view.js';
import { mapDbErrors } from './db-errors.js';
import { ITEM_COLUMNS, type ItemRow, itemView } from './item-view.js';
import { menuChangeWriter } from './menu-events.js';
import {
  buildMenuTree,
  MENU_COLUMNS,
  type MenuTreeView,
  type MenuView,
  menuEventData,
  menuView,
} from './menu-view.js';
import { MODIFIER_GROUP_COLUMNS, type ModifierGroupRow, withOptions } from './modifier-group-view.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedId, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

export type CreateMenuInput = Static<typeof CreateMenuBody>;
export type UpdateMenuInput = Static<typeof UpdateMenuBody>;

const load = rowLoader(
  'Menu',
  `SELECT ${MENU_COLUMNS} FROM menus WHERE id = $1 AND business_id = $2`,
  menuView,
);

export class MenuService {
  // A closure, not this.now itself: field initializers run before the constructor assigns `now`.
  private readonly emit = menuChangeWriter('menu', menuEventData, () => this.now());

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateMenuInput): Promise<MenuView> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      await assertOwnedId(tx, 'brands', businessId, input.brandId, 'body/brandId');
      await tx.query(
        `INSERT INTO menus (id, business_id, brand_id, name, description, active) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, businessId, input.brandId, input.name, input.description ?? null, input.active ?? true],
      );
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(businessId: string, page: PageRequest): Promise<Page<MenuView>> {
    const sql = `SELECT ${MENU_COLUMNS} FROM menus WHERE business_id = $1`;
    return queryPage(this.db, sql, [businessId], page, menuView);
  }

  /** The whole menu as the admin screen edits it: categories nested, items with their modifier groups. */
  async tree(businessId: string, menuId: string): Promise<MenuTreeView> {
    const menu = await load(this.db, businessId, menuId);
    const categories = await this.db.query<CategoryRow>(
      `SELECT ${CATEGORY_COLUMNS} FROM menu_categories WHERE menu_id = $1 AND business_id = $2
       ORDER BY display_order, name, id`,
      [menuId, businessId],
    );
    const items = await this.db.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM menu_items i WHERE i.menu_id = $1 AND i.business_id = $2
       ORDER BY i.display_order, i.name, i.id`,
      [menuId, businessId],
    );
    const groupRows = await this.db.query<ModifierGroupRow>(
      `SELECT ${MODIFIER_GROUP_COLUMNS} FROM modifier_groups
       WHERE business_id = $1 AND id IN (
         SELECT img.group_id FROM item_modifier_groups img JOIN menu_items i ON i.id = img.item_id
         WHERE i.menu_id = $2)`,
      [businessId, menuId],
    );
    const groups = await withOptions(this.db, businessId, groupRows.rows);
    return {
      ...menu,
      categories: buildMenuTree(categories.rows.map(categoryView), items.rows.map(itemView), groups),
    };
  }

  async update(businessId: string, menuId: string, input: UpdateMenuInput): Promise<MenuView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      await load(tx, businessId, menuId);
      if (input.brandId !== undefined)
        await assertOwnedId(tx, 'brands', businessId, input.brandId, 'body/brandId');
      const changes = new ChangeSet()
        .set('brand_id', input.brandId)
        .set('name', input.name)
        .set('description', input.description)
        .set('active', input.active);
      await updateRow(tx, 'menus', changes, menuId, businessId);
      const view = await load(tx, businessId, menuId);
      await this.emit(tx, businessId, menuId, 'updated', view);
      return view;
    });
  }

  /** Removes the menu with its categories and items, unless one of its items was ever sold. */
  async delete(businessId: string, menuId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, menuId);
      const sold = await tx.query(
        `SELECT 1 FROM order_lines ol JOIN menu_items i ON i.id = ol.item_id WHERE i.menu_id = $1 LIMIT 1`,
        [menuId],
      );
      if (sold.rowCount > 0)
        throw new AppError('in_use', 'Items of this menu have been ordered; deactivate it instead');
      await mapDbErrors(() => deleteRow(tx, 'menus', menuId, businessId));
      await this.emit(tx, businessId, menuId, 'deleted', null);
    });
  }
}
