import { Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

const Count = Type.Integer({ minimum: 0 });
const StepCounts = Type.Object({ done: Count, refused: Count, failed: Count });

export const SimulatorStatusSchema = Type.Object(
  {
    running: Type.Boolean(),
    speed: Type.Number({ description: 'simulated seconds per real second' }),
    simulatedTime: Nullable(Type.String({ format: 'date-time', description: 'null until first started' })),
    ordersPlanned: Type.Optional(Count),
    ordersInFlight: Type.Optional(Count),
    stepsQueued: Type.Optional(Count),
    tally: Type.Optional(
      Type.Object({
        steps: Type.Record(Type.String(), StepCounts, { description: 'by step kind (place, cancel, …)' }),
        refusals: Type.Record(Type.String(), Count, { description: 'refused steps by problem code' }),
        lastFailure: Nullable(Type.String()),
        ordersShed: Count,
        meanStepMs: Count,
        maxLagSimMs: Count,
      }),
    ),
  },
  { description: 'The demo live simulation (docs/simulator.md)' },
);

export const SimulatorStartBody = Type.Object(
  { speed: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) },
  { additionalProperties: false },
);

export const SimulatorSpeedBody = Type.Object(
  { speed: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);
