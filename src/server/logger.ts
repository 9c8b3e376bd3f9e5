import { type Logger, pino } from 'pino';
import type { LogLevel } from '../config/config.js';

/**
 * JSON logs at LOG_LEVEL, on stdout for the servers and on stderr for one-shot commands, whose stdout
 * is their result. Authorization headers and anything named like a password or
 * secret are redacted, so a debug level never writes credentials to the log.
 */
export function createLogger(level: LogLevel, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'brigade' },
      redact: {
        paths: [
          'req.headers.authorization',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.jwtSecret',
          '*.secretAccessKey',
          'config.admin',
          'config.demoPassword',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: to === 'stdout' ? 1 : 2, sync: true }),
  );
}
