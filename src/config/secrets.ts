import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface Secrets {
  jwtSecret: string;
}

/**
 * The token-signing secret: from configuration when given, otherwise generated once and kept in
 * `DATA_DIR/secrets.json` (mode 0600) so tokens survive restarts. Several processes sharing a data
 * directory read the same file; deployments with several hosts set BRIGADE_JWT_SECRET.
 */
export async function resolveSecrets(dataDir: string, configured: string | undefined): Promise<Secrets> {
  if (configured) return { jwtSecret: configured };
  const file = path.join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
    if (typeof stored.jwtSecret === 'string' && stored.jwtSecret.length >= 32)
      return { jwtSecret: stored.jwtSecret };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secrets: Secrets = { jwtSecret: randomBytes(48).toString('base64url') };
  // 'wx' fails if another process created the file meanwhile; then read theirs.
  try {
    await writeFile(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return resolveSecrets(dataDir, configured);
  }
}
