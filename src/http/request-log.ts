import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Query parameters that carry credentials (live feeds accept `?access_token=`): never logged. */
const SECRET_PARAMS = /([?&](?:access_token|token)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Fastify's request log lines, with credentials cut out of the logged URL. Its default "incoming
 * request" line logs the raw URL, token and all; everything else (completion, errors) is unchanged.
 */
export class RedactingLogController extends LogController {
  override incomingRequest(request: FastifyRequest, _reply: FastifyReply): void {
    request.log.info(
      {
        req: {
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
        },
      },
      'incoming request',
    );
  }
}
