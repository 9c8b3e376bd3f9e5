import type { NewEvent } from '../outbox/outbox-writer.js';
import { BRAND_COLUMNS, type BrandRow, brandEventData, brandView } from '../services/admin/brand-view.js';
import {
  BUSINESS_COLUMNS,
  type BusinessRow,
  businessEventData,
  businessView,
} from '../services/admin/business-view.js';
import {
  CATEGORY_COLUMNS,
  type CategoryRow,
  categoryEventData,
  categoryView,
} from '../services/admin/category-view.js';
import { ITEM_COLUMNS, type ItemRow, itemEventData, itemView } from '../services/admin/item-view.js';
import {
  LOCATION_COLUMNS,
  type LocationRow,
  locationEventData,
  locationView,
} from '../services/admin/location-view.js';
import type { MenuEntity } from '../services/admin/menu-events.js';
import { MENU_COLUMNS, type MenuRow, menuEventData, menuView } from '../services/admin/menu-view.js';
import {
  MODIFIER_GROUP_COLUMNS,
  type ModifierGroupRow,
  modifierGroupEventData,
  withOptions,
} from '../services/admin/modifier-group-view.js';
import { OFFER_COLUMNS, type OfferRow, offerEventData, offerView } from '../services/admin/offer-view.js';
import {
  TABLE_COLUMNS,
  TABLE_ORDER,
  type TableRow,
  tableEventData,
  tableView,
} from '../services/tables/table-view.js';
import type { Queryable } from '../storage/database.js';

/**
 * The `created` events for a freshly seeded business's catalog, read back from its rows through the
 * admin API's views, so a demo event carries exactly the data the admin API would have sent for the
 * same entity. Parents come before children: business, locations, their tables, modifier groups,
 * brands, menus, categories (top level first: the demo nests one level), items, offers.
 */
export async function catalogCreatedEvents(tx: Queryable, businessId: string): Promise<NewEvent[]> {
  const rows = async <T>(sql: string): Promise<T[]> => (await tx.query<T>(sql, [businessId])).rows;
  const events: NewEvent[] = [];
  const menuEvents = (entity: MenuEntity, entries: { id: string; data: Record<string, unknown> }[]) => {
    for (const { id, data } of entries) {
      events.push({
        type: 'menu.changed',
        businessId,
        payload: { entity, entity_id: id, action: 'created', data },
      });
    }
  };

  for (const view of (
    await rows<BusinessRow>(`SELECT ${BUSINESS_COLUMNS} FROM businesses b WHERE b.id = $1`)
  ).map(businessView)) {
    events.push({
      type: 'business.changed',
      businessId,
      payload: { action: 'created', data: businessEventData(view) },
    });
  }
  const locations = await rows<LocationRow>(
    `SELECT ${LOCATION_COLUMNS} FROM locations WHERE business_id = $1 ORDER BY code`,
  );
  for (const view of locations.map(locationView)) {
    events.push({
      type: 'location.changed',
      businessId,
      locationId: view.id,
      payload: { action: 'created', data: locationEventData(view) },
    });
  }
  const tables = await rows<TableRow>(
    `SELECT ${TABLE_COLUMNS} FROM dining_tables WHERE business_id = $1 ORDER BY location_id, ${TABLE_ORDER}`,
  );
  for (const view of tables.map(tableView)) {
    events.push({
      type: 'table.changed',
      businessId,
      locationId: view.locationId,
      payload: { table_id: view.id, action: 'created', data: tableEventData(view) },
    });
  }
  const groups = await withOptions(
    tx,
    businessId,
    await rows<ModifierGroupRow>(
      `SELECT ${MODIFIER_GROUP_COLUMNS} FROM modifier_groups WHERE business_id = $1 ORDER BY name, id`,
    ),
  );
  menuEvents(
    'modifier_group',
    groups.map((view) => ({ id: view.id, data: modifierGroupEventData(view) })),
  );
  const brands = await rows<BrandRow>(
    `SELECT ${BRAND_COLUMNS} FROM brands b WHERE b.business_id = $1 ORDER BY b.name`,
  );
  for (const view of brands.map(brandView)) {
    events.push({
      type: 'brand.changed',
      businessId,
      payload: { brand_id: view.id, action: 'created', data: brandEventData(view) },
    });
  }
  const menus = await rows<MenuRow>(`SELECT ${MENU_COLUMNS} FROM menus WHERE business_id = $1 ORDER BY name`);
  menuEvents(
    'menu',
    menus.map(menuView).map((view) => ({ id: view.id, data: menuEventData(view) })),
  );
  const categories = await rows<CategoryRow>(
    `SELECT ${CATEGORY_COLUMNS} FROM menu_categories WHERE business_id = $1
     ORDER BY parent_id IS NOT NULL, menu_id, display_order`,
  );
  menuEvents(
    'category',
    categories.map(categoryView).map((view) => ({ id: view.id, data: categoryEventData(view) })),
  );
  const items = await rows<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM menu_items i WHERE i.business_id = $1 ORDER BY i.sku`,
  );
  menuEvents(
    'item',
    items.map(itemView).map((view) => ({ id: view.id, data: itemEventData(view) })),
  );
  const offers = await rows<OfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM offers WHERE business_id = $1 ORDER BY name`,
  );
  menuEvents(
    'offer',
    offers.map(offerView).map((view) => ({ id: view.id, data: offerEventData(view) })),
  );
  return events;
}
