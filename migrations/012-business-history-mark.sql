-- 012: a business's history mark. Events of the business that happened at or before this instant
-- were written after the fact (the demo's past, written when `brigade start` seeds the demo), so the
-- consumers that act on the present (the kitchen display, notifications, the floor plan) leave them
-- alone however recent they are; the lake and live metrics take them like any event. Set only in
-- the transaction that creates the business, so a consumer that sees any event of the business sees
-- its mark too (src/consumers/history-marks.ts). NULL: no history was written; age alone decides.
ALTER TABLE businesses ADD COLUMN history_through timestamptz;
