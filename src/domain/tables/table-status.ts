/** Where a dining table is in its service cycle; the CHECK on dining_tables.status lists the same values. */
export const TABLE_STATUSES = ['available', 'occupied', 'reserved', 'cleaning', 'maintenance'] as const;
export type TableStatus = (typeof TABLE_STATUSES)[number];

/** How a table is drawn on the floor plan. */
export const TABLE_SHAPES = ['round', 'square', 'rectangle'] as const;
export type TableShape = (typeof TABLE_SHAPES)[number];

/** Seats per table (X7BD's operations API accepts 1–50); a party never exceeds its table's capacity. */
export const MIN_TABLE_CAPACITY = 1;
export const MAX_TABLE_CAPACITY = 50;
