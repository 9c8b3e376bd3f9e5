import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from './web-build.js';

export interface BundleFile {
  file: string;
  raw: number;
  gzip: number;
}

/** The JavaScript and CSS a browser downloads for the app: every built file of those kinds, raw and gzip -9. */
export async function measureBundle(): Promise<{ files: BundleFile[]; raw: number; gzip: number }> {
  const entries = await readdir(WEB_DIST, { recursive: true, withFileTypes: true });
  const files: BundleFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(js|css)$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(full);
    files.push({
      file: path.relative(WEB_DIST, full),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    });
  }
  return {
    files,
    raw: files.reduce((sum, one) => sum + one.raw, 0),
    gzip: files.reduce((sum, one) => sum + one.gzip, 0),
  };
}

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
