-- 015: password resets. `POST /api/v1/auth/password-reset` mails a one-time link; only the SHA-256
-- of its token is stored (a database leak does not leak working links). A link works once, for 30
-- minutes, and a newer request replaces an unused older one. Housekeeping deletes used and expired
-- rows (src/services/housekeeping/prune-records.ts).
CREATE TABLE password_resets (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A user's latest request: the one-per-minute throttle and replacing unused links.
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at DESC);
