import { Type } from '@sinclair/typebox';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

export function healthRoutes(app: BrigadeApp, context: AppContext): void {
  const readiness = async () => {
    try {
      await context.db.query('SELECT 1');
      return { ok: true, checks: { database: 'ok' } };
    } catch (error) {
      return { ok: false, checks: { database: `unavailable: ${(error as Error).message}` } };
    }
  };

  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );

  for (const url of ['/health', '/health/ready']) {
    app.get(
      url,
      {
        config: { access: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Ready to serve: the database answers',
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        const { ok, checks } = await readiness();
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
      },
    );
  }

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics: consumer lag, throughput and failures, relay, process',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const registry = context.metrics.registry;
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
