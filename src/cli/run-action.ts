import type { Logger } from 'pino';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../server/logger.js';

/**
 * Loads configuration and runs one command. Invalid configuration prints every problem and exits 1
 * before anything is opened; any other failure is logged and exits 1.
 */
export function runAction(action: (config: Config, logger: Logger) => Promise<void>): () => Promise<void> {
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
    const logger = createLogger(config.logLevel);
    try {
      await action(config, logger);
    } catch (error) {
      logger.fatal({ err: error }, 'brigade failed');
      process.stderr.write(`brigade: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  };
}
