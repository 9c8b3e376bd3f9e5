import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';

export type MenuEntity = 'menu' | 'category' | 'item' | 'modifier_group' | 'offer';
export type ChangeAction = 'created' | 'updated' | 'deleted';

/** Writes one entity's menu.changed event in the caller's transaction; `view` is null on delete. */
export type MenuChangeWriter<TView> = (
  tx: Queryable,
  businessId: string,
  entityId: string,
  action: ChangeAction,
  view: TView | null,
) => Promise<void>;

/** Every menu-side change (menus, categories, items, modifier groups, offers) is one menu.changed event. */
export function menuChangeWriter<TView>(
  entity: MenuEntity,
  eventData: (view: TView) => Record<string, unknown>,
  now: () => Date,
): MenuChangeWriter<TView> {
  return async (tx, businessId, entityId, action, view) => {
    await appendEvents(tx, [
      {
        type: 'menu.changed',
        businessId,
        payload: { entity, entity_id: entityId, action, data: view ? eventData(view) : null },
        occurredAt: now(),
      },
    ]);
  };
}
