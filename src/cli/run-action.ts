import type { Logger } from 'pino';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../server/logger.js';

/**
 * Loads configuration and runs one command. Invalid configuration prints every problem and exits 1
 * before anything is opened; any other failure is printed (logged with its stack when it is not a
 * coded error) and exits 1. Logs go to stderr, so that a command's stdout is only its result, unless
 * `logsTo` says stdout (the servers, whose output is the log).
 */
export function runAction(
  action: (config: Config, logger: Logger) => Promise<void>,
  logsTo: 'stdout' | 'stderr' = 'stderr',
): () => Promise<void> {
  return async () => {
    let config: Config;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`brigade: ${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
    const logger = createLogger(config.logLevel, logsTo);
    try {
      await action(config, logger);
    } catch (error) {
      // A coded error (ours, or the system's such as ECONNREFUSED) says what went wrong in its
      // message; a stack trace is only worth printing for the unexpected.
      if (!isCoded(error)) logger.fatal({ err: error }, 'brigade failed');
      process.stderr.write(`brigade: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  };
}

function isCoded(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
