/** What the editor panel of the menu manager shows; `created` marks an editor opened by its own create. */
export type MenuSelection =
  | { kind: 'item'; id: string; created?: boolean }
  | { kind: 'new-item'; categoryId: string }
  | { kind: 'category'; id: string; created?: boolean }
  | { kind: 'new-category'; parentId: string | null }
  | { kind: 'group'; id: string; created?: boolean }
  | { kind: 'new-group' };
