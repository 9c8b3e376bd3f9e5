import { Type } from '@sinclair/typebox';
import { Nullable, StrictObject, Uuid } from '../../schemas/common.js';
import { AuthService } from '../../services/auth/auth-service.js';
import {
  confirmPasswordReset,
  type PasswordResetDeps,
  RESET_LINK_MINUTES,
  requestPasswordReset,
} from '../../services/auth/password-reset.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

const UserView = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  platformRole: Type.Union([Type.Literal('platform_admin'), Type.Literal('user')]),
  memberships: Type.Array(
    Type.Object({
      businessId: Uuid,
      role: Type.String(),
      position: Nullable(Type.String()),
      locationIds: Type.Array(Uuid),
    }),
  ),
});
const Session = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'access token lifetime in seconds' }),
  user: UserView,
});
const Email = Type.String({ format: 'email', maxLength: 254 });

/**
 * Password guessing is slowed per address and client: 10 sign-ins per 5 minutes for one email from one
 * IP (a client trying many passwords), so a stranger cannot lock the owner out from elsewhere. Reset
 * requests are limited per IP (one client mailing many addresses); each account also gets at most one
 * link a minute (password-reset.ts). Counted in memory, per API process.
 */
const SIGN_IN_LIMIT = {
  max: 10,
  timeWindow: '5 minutes',
  keyGenerator: (request: { ip: string; body: unknown }) =>
    `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase()}`,
};
const RESET_LIMIT = { max: 20, timeWindow: '10 minutes' };
const Password = Type.String({ minLength: 8, maxLength: 200 });
const RefreshToken = Type.String({ minLength: 1, maxLength: 200 });

export function authRoutes(app: BrigadeApp, context: AppContext): void {
  const auth = new AuthService(context.db, context.tokens, context.config);
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Create a customer account and sign in',
        body: StrictObject({
          email: Email,
          password: Password,
          name: Type.String({ minLength: 1, maxLength: 200 }),
          phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{7,20}$' })),
        }),
        response: { 201: Session },
      },
    },
    async (request, reply) => reply.status(201).send(await auth.register(request.body)),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: SIGN_IN_LIMIT },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: StrictObject({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Session },
      },
    },
    async (request) => auth.login(request.body.email, request.body.password),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new token pair (the old refresh token stops working)',
        body: StrictObject({ refreshToken: RefreshToken }),
        response: { 200: Session },
      },
    },
    async (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Sign out: the refresh token stops working (with everywhere, every one of its user's)",
        description:
          'Access tokens already issued stay valid until they expire (BRIGADE_ACCESS_TOKEN_TTL_SECONDS). An unknown or used token is not an error.',
        body: StrictObject({ refreshToken: RefreshToken, everywhere: Type.Optional(Type.Boolean()) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken, request.body.everywhere ?? false);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Change my password (the current one is required); every other session ends',
        security: [{ bearer: [] }],
        body: StrictObject({
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: Password,
        }),
        response: { 200: Session },
      },
    },
    async (request) =>
      auth.changePassword(
        requirePrincipal(request).userId,
        request.body.currentPassword,
        request.body.newPassword,
      ),
  );

  const reset: PasswordResetDeps = {
    db: context.db,
    auth,
    mailer: context.mailer,
    webUrl: context.webUrl,
    onSendError: (error) => app.log.error({ err: error }, 'password reset email not sent'),
  };
  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public', rateLimit: RESET_LIMIT },
      schema: {
        tags,
        summary: `Email a password reset link (valid ${RESET_LINK_MINUTES} minutes, once) to an account's address`,
        description:
          'Always 202, whether an account has this address or not. At most one email per account per minute.',
        body: StrictObject({ email: Email }),
        response: { 202: Type.Object({ accepted: Type.Literal(true) }) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(reset, request.body.email);
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Choose a new password with a reset link's token, and sign in; every other session ends",
        body: StrictObject({ token: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password }),
        response: { 200: Session },
      },
    },
    async (request) => confirmPasswordReset(reset, request.body.token, request.body.newPassword),
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The signed-in user and their memberships',
        security: [{ bearer: [] }],
        response: { 200: UserView },
      },
    },
    async (request) => auth.me(requirePrincipal(request).userId),
  );
}
