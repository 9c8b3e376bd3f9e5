import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';

export type MenuEntity = 'menu' | 'category' | 'item' | 'modifier_group' | 'offer';
export type ChangeAction = 'created' | 'updated' | 'deleted';

/** Every menu-side change (menus, categories, items, modifier groups, offers) is one menu.changed event. */
export async function appendMenuChanged(
  tx: Queryable,
  change: {
    businessId: string;
    entity: MenuEntity;
    entityId: string;
    action: ChangeAction;
    data: Record<string, unknown> | null;
    occurredAt: Date;
  },
): Promise<void> {
  await appendEvents(tx, [
    {
      type: 'menu.changed',
      businessId: change.businessId,
      payload: {
        entity: change.entity,
        entity_id: change.entityId,
        action: change.action,
        data: change.data,
      },
      occurredAt: change.occurredAt,
    },
  ]);
}
