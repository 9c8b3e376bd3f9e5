import type { ActorRole } from '../../../auth/principal.js';
import { MANAGER_ROLES, STAFF_ROLES } from '../../access.js';

/**
 * Role lists of the admin routes. Platform admins are listed explicitly so the routes stay right
 * whether or not the access hook lets them through on its own.
 */
export const ADMIN_READERS: readonly ActorRole[] = [...STAFF_ROLES, 'platform_admin'];
export const ADMIN_WRITERS: readonly ActorRole[] = [...MANAGER_ROLES, 'platform_admin'];
export const OWNERS: readonly ActorRole[] = ['owner', 'platform_admin'];
