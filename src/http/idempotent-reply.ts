import type { FastifyReply } from 'fastify';

/**
 * The status of an answer to an Idempotency-Key request: 201 the first time; a replay of the first
 * answer is 200 and says so in `idempotent-replayed`.
 */
export function idempotentStatus(reply: FastifyReply, replayed: boolean): 200 | 201 {
  if (!replayed) return 201;
  reply.header('idempotent-replayed', 'true');
  return 200;
}
