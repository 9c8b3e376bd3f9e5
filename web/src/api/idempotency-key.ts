/** An Idempotency-Key; getRandomValues works on plain http too, unlike crypto.randomUUID. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
