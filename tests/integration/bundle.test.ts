/**
 * `npm run validate` runs the validator from its esbuild bundle (scripts/validate/launch.mjs,
 * bundle.mjs): its report must be the source's, worker threads included, and a changed source file
 * must rebuild it (a stale bundle would check with yesterday's rules).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTree } from '../../scripts/bench/generate-tree.ts';
import { binDir, bundledEntry, fresh } from '../../scripts/validate/bundle.mjs';
import { ROOT } from '../helpers/examples.ts';

const run = promisify(execFile);
const LAUNCH = join(ROOT, 'scripts', 'validate', 'launch.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function validate(args: string[], fromSource: boolean, cwd = ROOT, nodeArgs: string[] = []) {
  const env = { ...process.env, GITHUB_ACTIONS: '', VALIDATE_FROM_SOURCE: fromSource ? '1' : '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, LAUNCH, ...args], { cwd, env, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the bundled validator', () => {
  it('is built with its two worker threads, and is fresh until a source file changes', async () => {
    const dir = (await bundledEntry()) as string | null;
    expect(dir).not.toBeNull();
    for (const name of ['cli.js', 'pool-worker.js', 'parse-worker.js']) expect(existsSync(join(dir!, name))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(binDir(), 'manifest.json'), 'utf8')) as { inputs: Record<string, string>; listed: Record<string, string> };
    expect(Object.keys(manifest.inputs)).toContain('scripts/validate/checks/links-internal.ts');
    expect(Object.keys(manifest.inputs)).toContain('core/markdown/parse.ts');
    expect(fresh(manifest)).toBe(true);
    // The checks' tree walk is bundled without its per-node closure naming (engine/loader-hooks.mjs).
    expect(Object.keys(manifest.inputs)).toContain('node_modules/unist-util-visit-parents/lib/index.js');
    const code = readdirSync(dir!).filter((name) => name.endsWith('.js')).map((name) => readFileSync(join(dir!, name), 'utf8')).join('\n');
    expect(code).toContain('function factory(node, index, parents)');
    expect(code).not.toMatch(/Object\.defineProperty\(visit, 'name'/);
    // An edited check (another size or mtime) and a new module in the checks folder: stale.
    expect(fresh({ ...manifest, inputs: { ...manifest.inputs, 'scripts/validate/checks/links-internal.ts': '1:2' } })).toBe(false);
    expect(fresh({ ...manifest, listed: { 'scripts/validate/checks': 'a-new-check.ts' } })).toBe(false);
  });

  it('reports what the TypeScript source reports, byte for byte', async () => {
    const args = ['tests/fixtures/bad', '--format', 'json', '--no-cache'];
    const [bundled, source] = await Promise.all([validate(args, false), validate(args, true)]);
    expect(bundled.code).toBe(1);
    expect(bundled.stderr).toBe('');
    expect(JSON.parse(bundled.stdout).problems.length).toBeGreaterThan(20);
    expect(bundled.stdout).toBe(source.stdout);
  }, 120_000);

  it('parses a cold tree in its own worker threads, with the serial report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-pool-'));
    dirs.push(dir);
    for (const path of ['src/data', 'static/scripts', '.remarkrc.js', 'core/markdown/dialect.js', 'scripts/remark', 'package-lock.json']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    generateTree(dir, 320);
    // A V8 flag on node's command line must not stop the workers from starting.
    const cold = async (threads: string) => {
      rmSync(join(dir, '.cache'), { recursive: true, force: true });
      return validate(['--root', dir, '--format', 'json', '--threads', threads, '--timings'], false, dir, ['--max-old-space-size=3072']);
    };
    const pooled = await cold('2');
    const serial = await cold('1');
    expect([0, 1]).toContain(pooled.code); // not 3, an internal error
    expect(pooled.stderr).toMatch(/parse and lint 320 of 320 docs in 1 worker and the main thread/);
    expect(pooled.stdout).toBe(serial.stdout);
    expect(JSON.parse(pooled.stdout).files).toBeGreaterThanOrEqual(320);
  }, 240_000);
});
