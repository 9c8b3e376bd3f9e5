import { type Logger, pino } from 'pino';
import type { LogLevel } from '../config/config.js';

/**
 * JSON logs on stdout at LOG_LEVEL. Authorization headers and anything named like a password or
 * secret are redacted, so a debug level never writes credentials to the log.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
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
  });
}
