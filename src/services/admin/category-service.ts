import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import type { CreateCategoryBody, UpdateCategoryBody } from '../../schemas/admin/category.js';
import type { Database, Queryable } from '../../storage/database.js';
import { CATEGORY_COLUMNS, type CategoryView, categoryEventData, categoryView } from './category-view.js';
import { mapDbErrors } from './db-errors.js';
import { menuChangeWriter } from './menu-events.js';
import { type Page, type PageRequest, queryPage } from './pagination.js';
import { assertOwnedId, fieldError, rowLoader } from './references.js';
import { ChangeSet, deleteRow, requireSomeField, updateRow } from './sql-update.js';

export type CreateCategoryInput = Static<typeof CreateCategoryBody>;
export type UpdateCategoryInput = Static<typeof UpdateCategoryBody>;

const load = rowLoader(
  'Category',
  `SELECT ${CATEGORY_COLUMNS} FROM menu_categories WHERE id = $1 AND business_id = $2`,
  categoryView,
);

export class CategoryService {
  // A closure, not this.now itself: field initializers run before the constructor assigns `now`.
  private readonly emit = menuChangeWriter('category', categoryEventData, () => this.now());

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async create(businessId: string, input: CreateCategoryInput): Promise<CategoryView> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      await assertOwnedId(tx, 'menus', businessId, input.menuId, 'body/menuId');
      if (input.parentId) await assertParent(tx, businessId, input.menuId, input.parentId, null);
      await tx.query(
        `INSERT INTO menu_categories (id, business_id, menu_id, parent_id, name, description, display_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          businessId,
          input.menuId,
          input.parentId ?? null,
          input.name,
          input.description ?? null,
          input.displayOrder ?? 0,
        ],
      );
      const view = await load(tx, businessId, id);
      await this.emit(tx, businessId, id, 'created', view);
      return view;
    });
  }

  async list(
    businessId: string,
    filter: PageRequest & { menuId?: string | undefined },
  ): Promise<Page<CategoryView>> {
    const params: unknown[] = [businessId];
    let where = 'business_id = $1';
    if (filter.menuId) {
      params.push(filter.menuId);
      where += ` AND menu_id = $${params.length}`;
    }
    const sql = `SELECT ${CATEGORY_COLUMNS} FROM menu_categories WHERE ${where}`;
    return queryPage(this.db, sql, params, filter, categoryView);
  }

  async get(businessId: string, categoryId: string): Promise<CategoryView> {
    return load(this.db, businessId, categoryId);
  }

  async update(businessId: string, categoryId: string, input: UpdateCategoryInput): Promise<CategoryView> {
    requireSomeField(input);
    return this.db.transaction(async (tx) => {
      const before = await load(tx, businessId, categoryId);
      if (input.parentId) await assertParent(tx, businessId, before.menuId, input.parentId, categoryId);
      const changes = new ChangeSet()
        .set('parent_id', input.parentId)
        .set('name', input.name)
        .set('description', input.description)
        .set('display_order', input.displayOrder);
      await updateRow(tx, 'menu_categories', changes, categoryId, businessId);
      const view = await load(tx, businessId, categoryId);
      await this.emit(tx, businessId, categoryId, 'updated', view);
      return view;
    });
  }

  /** Deleting a category removes its subcategories and items, unless one of those items was ever sold. */
  async delete(businessId: string, categoryId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await load(tx, businessId, categoryId);
      const sold = await tx.query(
        `WITH RECURSIVE subtree AS (
           SELECT id FROM menu_categories WHERE id = $1 AND business_id = $2
           UNION ALL
           SELECT c.id FROM menu_categories c JOIN subtree s ON c.parent_id = s.id
         )
         SELECT 1 FROM order_lines ol JOIN menu_items i ON i.id = ol.item_id
         WHERE i.category_id IN (SELECT id FROM subtree) LIMIT 1`,
        [categoryId, businessId],
      );
      if (sold.rowCount > 0) {
        throw new AppError(
          'in_use',
          'Items in this category have been ordered; mark them unavailable instead',
        );
      }
      await mapDbErrors(() => deleteRow(tx, 'menu_categories', categoryId, businessId));
      await this.emit(tx, businessId, categoryId, 'deleted', null);
    });
  }
}

/**
 * The parent must be a category of the same menu, and (when moving an existing category) must not
 * be the category itself or one of its descendants: walking up from the parent must never reach it.
 */
async function assertParent(
  tx: Queryable,
  businessId: string,
  menuId: string,
  parentId: string,
  categoryId: string | null,
): Promise<void> {
  const parent = await tx.query<{ menu_id: string }>(
    'SELECT menu_id FROM menu_categories WHERE id = $1 AND business_id = $2',
    [parentId, businessId],
  );
  const parentMenu = parent.rows[0]?.menu_id;
  if (!parentMenu) throw fieldError('body/parentId', 'does not exist in this business');
  if (parentMenu !== menuId) throw fieldError('body/parentId', 'must be a category of the same menu');
  if (categoryId === null) return;
  const ancestors = await tx.query<{ id: string }>(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM menu_categories WHERE id = $1
       UNION
       SELECT c.id, c.parent_id FROM menu_categories c JOIN up ON c.id = up.parent_id
     )
     SELECT id FROM up WHERE id = $2`,
    [parentId, categoryId],
  );
  if (ancestors.rowCount > 0) throw fieldError('body/parentId', 'would make the category its own ancestor');
}
