import { Type } from '@sinclair/typebox';
import { Nullable, StrictObject, Uuid } from '../../schemas/common.js';
import { AuthService } from '../../services/auth/auth-service.js';
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
          password: Type.String({ minLength: 8, maxLength: 200 }),
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
      config: { access: 'public' },
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
        body: StrictObject({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Session },
      },
    },
    async (request) => auth.refresh(request.body.refreshToken),
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
