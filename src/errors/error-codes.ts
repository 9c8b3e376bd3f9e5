/**
 * Every error code Brigade answers with. Codes are stable: clients and tests match on them, never on
 * messages. docs/errors.md lists each one (a test keeps the two in step).
 */
export const ERROR_CODES = {
  // 400
  validation_failed: { status: 400, title: 'Request validation failed' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  // auth
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  invalid_token: { status: 401, title: 'Invalid or expired token' },
  current_password_wrong: { status: 403, title: 'Current password is wrong' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  reset_link_invalid: { status: 400, title: 'Invalid or expired password reset link' },
  forbidden: { status: 403, title: 'Not allowed' },
  // lookups
  not_found: { status: 404, title: 'Resource not found' },
  route_not_found: { status: 404, title: 'Route not found' },
  // conflicts and rules
  email_taken: { status: 409, title: 'Email already registered' },
  conflict: { status: 409, title: 'Conflicts with existing data' },
  idempotency_key_reused: { status: 409, title: 'Idempotency key reused with a different request' },
  illegal_transition: { status: 409, title: 'Order status transition not allowed' },
  transition_not_permitted: { status: 403, title: 'Role may not make this status transition' },
  in_use: { status: 409, title: 'Resource is still referenced' },
  // ordering rules (422: well-formed but breaks a business rule)
  cart_empty: { status: 422, title: 'Cart is empty' },
  item_unknown: { status: 422, title: 'Item does not exist at this restaurant' },
  item_unavailable: { status: 422, title: 'Item is not available now' },
  modifier_invalid: { status: 422, title: 'Modifier selection breaks the item rules' },
  service_type_unavailable: { status: 422, title: 'Service type not offered at this location' },
  location_not_accepting_orders: { status: 422, title: 'Location is not accepting orders' },
  delivery_details_required: { status: 422, title: 'Delivery orders need an address and coordinates' },
  promo_code_invalid: { status: 422, title: 'Promo code cannot be applied' },
  loyalty_insufficient_points: { status: 422, title: 'Not enough loyalty points' },
  currency_mismatch: { status: 422, title: 'Amounts in different currencies' },
  refund_exceeds_captured: { status: 422, title: 'Refund exceeds the amount captured' },
  refund_not_allowed: { status: 422, title: 'Order cannot be refunded' },
  feedback_not_allowed: { status: 422, title: 'Feedback is not allowed for this order' },
  feedback_exists: { status: 409, title: 'Feedback already submitted' },
  payment_declined: { status: 402, title: 'Payment declined' },
  // delivery and order changes
  order_items_not_allowed: { status: 409, title: 'Items cannot be added to this order now' },
  delivery_order_required: { status: 422, title: 'Not a delivery order' },
  driver_not_eligible: { status: 422, title: 'User is not a driver at this location' },
  delivery_already_assigned: { status: 409, title: 'Order already has a driver' },
  delivery_not_allowed: { status: 409, title: 'Order cannot be given to a driver now' },
  delivery_step_out_of_order: { status: 409, title: 'Delivery step not allowed now' },
  delivery_not_active: { status: 409, title: 'Delivery is not in progress' },
  driver_not_assigned: { status: 403, title: 'Not the driver of this delivery' },
  // dining tables
  table_transition_not_allowed: { status: 409, title: 'Table status change not allowed' },
  party_exceeds_capacity: { status: 422, title: 'Party is larger than the table' },
  table_occupied: { status: 409, title: 'Table is occupied' },
  // time clock
  already_clocked_in: { status: 409, title: 'Already clocked in' },
  not_clocked_in: { status: 409, title: 'Not clocked in' },
  // kitchen display
  kitchen_illegal_transition: { status: 409, title: 'Kitchen ticket cannot make this move' },
  kitchen_ticket_changed: { status: 409, title: 'Kitchen ticket changed meanwhile' },
  // analytics
  analytics_mixed_currencies: { status: 422, title: 'Locations trade in different currencies' },
  analytics_gold_upgrading: { status: 503, title: 'Analytics are being recomputed' },
  sql_not_allowed: { status: 400, title: 'SQL not allowed' },
  sql_invalid: { status: 400, title: 'SQL could not be parsed' },
  sql_timeout: { status: 422, title: 'SQL query exceeded the time limit' },
  sql_failed: { status: 422, title: 'SQL query failed' },
  // server
  service_unavailable: { status: 503, title: 'Service unavailable' },
  internal_error: { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
