/**
 * The SQLSTATE of a database error (both `pg` and PGlite put it in `code`), e.g. '23505' for a unique
 * violation; undefined for anything else.
 */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
