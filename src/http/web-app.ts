import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrigadeApp } from './brigade-app.js';

/** Paths the web app never answers: the API and the operational endpoints keep their own 404s. */
const SERVER_PREFIXES = ['/api', '/docs', '/health', '/metrics'];

/**
 * Kept to what the app does: its own scripts and styles, the API and its WebSockets on the same origin,
 * the inline SVG favicon. A violation shows up as a console error, which the e2e tests fail on.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built web app (docs/web-app.md) from `dist/web` at `/`: hashed assets cached for good,
 * index.html for `/` and, as the single-page app's fallback, for any other GET that asks for HTML
 * outside the API. Without a build (tests that never ran `npm run build:web`) it logs so and serves no
 * page: the API is unaffected.
 */
export async function registerWebApp(app: BrigadeApp, root: string = defaultWebRoot()): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built (run `npm run build:web`): `/` serves no page');
    return;
  }
  // The build is fixed while the process runs; only files it holds are ever served (no path from the
  // request reaches the file system).
  const files = new Set(
    (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
  );

  await app.register(async (scope) => {
    // Encapsulated: `reply.sendFile` exists in this scope only.
    // preCompressed: the build writes .br and .gz next to each text file (web/vite.config.ts).
    await scope.register(fastifyStatic, { root, serve: false, preCompressed: true });

    const sendIndex = (reply: FastifyReply) =>
      reply
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .sendFile('index.html', { cacheControl: false, lastModified: true })
        // Always revalidated, so a new build is picked up at once; the assets it names never change.
        .header('cache-control', 'no-cache');

    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const pathname = decodePath(request.url);
      if (pathname === undefined) return reply.callNotFound();
      const file = pathname.slice(1);
      if (file === '' || file === 'index.html') return sendIndex(reply);
      if (files.has(file)) {
        const hashed = file.startsWith('assets/');
        return reply.sendFile(file, {
          ...(hashed ? { maxAge: '365d', immutable: true } : { maxAge: 0 }),
        });
      }
      const server = SERVER_PREFIXES.some(
        (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
      );
      if (!server && wantsHtml(request)) return sendIndex(reply);
      return reply.callNotFound();
    };

    const options = { config: { access: 'public' as const }, schema: { hide: true } };
    scope.get('/', options, serve);
    // Static routes (every API route) win over this wildcard in the router, so it only sees the rest.
    scope.get('/*', options, serve);
  });
}

/** `dist/web` of the repository, whether this module runs from `src/` (tsx, tests) or `dist/src/`. */
function defaultWebRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return path.join(directory, 'dist', 'web');
}

function decodePath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/html') ?? false;
}
