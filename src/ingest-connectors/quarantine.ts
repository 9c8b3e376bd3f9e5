import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The subfolder of the watched folder that bad files are moved into. */
export const QUARANTINE_DIR = 'quarantine';

/**
 * Moves a bad file into `quarantine/` with `<name>.reason.txt` beside it saying why. The reason is
 * written first, so a file found in quarantine always has one; a name already taken there (an earlier
 * bad file of that name) gets the content hash added. Returns the new path.
 */
export async function quarantineFile(
  dir: string,
  fileName: string,
  report: { connector: string; sha256: string; reason: string; details?: readonly string[] },
): Promise<string> {
  const target = path.join(dir, QUARANTINE_DIR);
  await mkdir(target, { recursive: true });
  let name = fileName;
  if (await exists(path.join(target, name))) {
    const extension = path.extname(fileName);
    name = `${path.basename(fileName, extension)}.${report.sha256.slice(0, 12)}${extension}`;
  }
  const lines = [
    `${fileName} was quarantined by connector "${report.connector}" at ${new Date().toISOString()}.`,
    `sha256: ${report.sha256}`,
    `reason: ${report.reason}`,
    ...(report.details && report.details.length > 0 ? ['', ...report.details] : []),
    '',
  ];
  await writeFile(path.join(target, `${name}.reason.txt`), lines.join('\n'));
  await rename(path.join(dir, fileName), path.join(target, name));
  return path.join(target, name);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
