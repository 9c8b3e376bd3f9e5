import { defineConfig } from 'vite';

/**
 * The web app (docs/web-app.md). Paths are relative to the repository root, where `npm run build:web`
 * runs: source in web/, output in dist/web, which the API serves at `/` (src/http/web-app.ts).
 */
export default defineConfig({
  root: 'web',
  // Vite reads web/tsconfig.json for the JSX runtime; said here too so the build never depends on it.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Budget and measured size: docs/web-app.md (asserted by test/e2e/bundle-budget.test.ts).
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': { target: 'http://localhost:8060', ws: true } } },
});
