import { access, constants } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it), driven by playwright-core, which
 * downloads no browser of its own. Missing → the browser suites are skipped loudly, unless
 * REQUIRE_SERVICES=1 makes it a failure (as test/support/redis.ts does for Redis).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let available: boolean | undefined;
export async function isChromiumAvailable(): Promise<boolean> {
  if (available !== undefined) return available;
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
    available = true;
  } catch (error) {
    if (process.env.REQUIRE_SERVICES === '1') {
      throw new Error(`REQUIRE_SERVICES=1 but Chromium is missing at ${CHROMIUM_PATH}: ${String(error)}`);
    }
    console.warn(
      `\n*** SKIPPING browser (e2e) suites: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium) ***\n`,
    );
    available = false;
  }
  return available;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
