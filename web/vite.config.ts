import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Files worth compressing: text. Images are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

/**
 * Writes a `.br` (Brotli, best) and a `.gz` (gzip -9) next to each text file of the build, once, so
 * the API serves them compressed (`preCompressed` in src/http/web-app.ts) with no work per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'brigade-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const names = [...Object.keys(bundle), 'index.html'].filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        [...new Set(names)].map(async (name) => {
          const file = path.join(outDir, name);
          const bytes = await readFile(file);
          const brotli = await promisify(brotliCompress)(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
          });
          await writeFile(`${file}.br`, brotli);
          await writeFile(`${file}.gz`, await promisify(gzip)(bytes, { level: 9 }));
        }),
      );
    },
  };
}

/**
 * The web app (docs/web-app.md). Paths are relative to the repository root, where `npm run build:web`
 * runs: source in web/, output in dist/web, which the API serves at `/` (src/http/web-app.ts).
 */
export default defineConfig({
  root: 'web',
  // Vite reads web/tsconfig.json for the JSX runtime; said here too so the build never depends on it.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Budget and measured size: docs/web-app.md (asserted by test/e2e/bundle-budget.test.ts).
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': { target: 'http://localhost:8060', ws: true } } },
});
