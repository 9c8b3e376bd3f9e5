-- 016: the time clock. One row per shift a member of staff works at a location: clocked in, and once
-- clocked out, out. See docs/time-clock.md.
CREATE TABLE time_clock_shifts (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  clock_in_at timestamptz NOT NULL,
  clock_out_at timestamptz,
  -- The membership's hourly rate when the shift began: a raise later does not reprice past work.
  hourly_rate_minor integer CHECK (hourly_rate_minor >= 0),
  clocked_in_by uuid NOT NULL REFERENCES users (id),
  clocked_out_by uuid REFERENCES users (id),
  -- The last correction's reason and author (a manager fixing a forgotten clock-out).
  corrected_by uuid REFERENCES users (id),
  correction_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (clock_out_at IS NULL OR clock_out_at >= clock_in_at)
);
-- One open shift per person per business: a second clock-in racing the first fails here (the service
-- answers it as 409 already_clocked_in).
CREATE UNIQUE INDEX time_clock_open_shift_idx ON time_clock_shifts (business_id, user_id) WHERE clock_out_at IS NULL;
-- Shifts of a business by time (timesheets and the shift list, filtered by location or person).
CREATE INDEX time_clock_business_idx ON time_clock_shifts (business_id, clock_in_at DESC);
