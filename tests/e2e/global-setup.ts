/** Serves the existing `build/` for the browser tests. CI builds first; this never builds. */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './serve.ts';
import { BASE_PATH, BUILD_DIR } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>`; pages are under BASE_PATH, as their permalinks say. */
    origin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${BUILD_DIR}/index.html`)) {
    throw new Error(
      `The browser tests need a built site, and ${BUILD_DIR}/index.html does not exist.\n` +
        'Run `npm run build` first, then `npm run test:e2e`.',
    );
  }
  const server = await serveStatic(BUILD_DIR, BASE_PATH);
  project.provide('origin', server.url);
  return () => server.close();
}
