#!/usr/bin/env node
// The installed `brigade` command runs the compiled CLI; TypeScript sources are built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `brigade: ${fileURLToPath(entry)} is missing. Run \`npm run build\` in the brigade folder first.\n`,
  );
  process.exit(1);
}
await import(entry.href);
