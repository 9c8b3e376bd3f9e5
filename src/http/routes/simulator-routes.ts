import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';
import { SimulatorSpeedBody, SimulatorStartBody, SimulatorStatusSchema } from '../../schemas/simulator.js';
import type { SimulatorControl } from '../../simulator/live/simulator-control.js';
import { requirePrincipal } from '../access.js';
import type { BrigadeApp } from '../brigade-app.js';

const TAGS = ['simulator'];

/**
 * The demo's live simulation, for the web app's control (docs/simulator.md). Registered only in demo
 * mode. It acts for every demo business at once, so it is for platform admins and for owners and
 * managers of a demo business.
 */
export function simulatorRoutes(app: BrigadeApp, simulator: SimulatorControl): void {
  const allowed = (request: FastifyRequest) => {
    const principal = requirePrincipal(request);
    const manages = principal.memberships.some(
      (membership) =>
        simulator.businessIds.includes(membership.businessId) &&
        (membership.role === 'owner' || membership.role === 'manager'),
    );
    if (principal.platformRole !== 'platform_admin' && !manages)
      throw new AppError('forbidden', 'Only owners and managers of a demo business control the simulation');
  };
  const common = {
    config: { access: 'authenticated' as const },
    schema: { tags: TAGS, security: [{ bearer: [] }], response: { 200: SimulatorStatusSchema } },
  };

  app.get(
    '/api/v1/simulator',
    { ...common, schema: { ...common.schema, summary: 'Status of the demo live simulation' } },
    async (request) => {
      allowed(request);
      return simulator.status();
    },
  );
  app.post(
    '/api/v1/simulator/start',
    {
      ...common,
      schema: {
        ...common.schema,
        summary: 'Start (or resume) the demo live simulation',
        description: 'From the present, at `speed` (default BRIGADE_SIMULATOR_SPEED, or the last speed set).',
        body: SimulatorStartBody,
      },
    },
    async (request) => {
      allowed(request);
      return simulator.start(request.body?.speed);
    },
  );
  app.post(
    '/api/v1/simulator/stop',
    {
      ...common,
      schema: { ...common.schema, summary: 'Stop the demo live simulation (steps already sent finish)' },
    },
    async (request) => {
      allowed(request);
      return simulator.stop();
    },
  );
  app.put(
    '/api/v1/simulator/speed',
    {
      ...common,
      schema: {
        ...common.schema,
        summary: 'Change the speed of the demo live simulation',
        body: SimulatorSpeedBody,
      },
    },
    async (request) => {
      allowed(request);
      return simulator.setSpeed(request.body.speed);
    },
  );
}
