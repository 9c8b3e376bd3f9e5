import { createHmac } from 'node:crypto';

/**
 * The password of a simulated customer, derived from the platform's token secret: the live simulation
 * signs in with it and the backfill registers customers with it, so the person who ordered last month
 * in the written history is the one who orders today, without storing hundreds of passwords (anyone
 * holding that secret can mint tokens anyway).
 */
export function simulatedCustomerPassword(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`brigade-simulated-customer:${email}`).digest('base64url');
}
