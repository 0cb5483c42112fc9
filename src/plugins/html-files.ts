import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every `.html` file under a build's output folder (the plugins that post-process the build). */
export async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** A built page's path under the build folder, `/`-separated (`rb/RB-007.html`). */
export const pagePath = (outDir: string, file: string): string => relative(outDir, file).split(sep).join('/');

/**
 * Runs `each` on every item, `limit` at a time (eight by default): the post-build passes over the
 * pages, whose reads and writes of one page then overlap the work on another.
 */
export async function eachConcurrently<T>(items: readonly T[], each: (item: T) => Promise<void>, limit = 8): Promise<void> {
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
