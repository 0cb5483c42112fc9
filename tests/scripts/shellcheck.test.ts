/**
 * ShellCheck on the platform's scripts: no finding at warning level or above, and every
 * `# shellcheck disable=` carries a reason. CI installs Debian's shellcheck (.ci/run); without it
 * the test fails under CI and is skipped locally with a message.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCRIPTS } from './platform.ts';

const scripts = readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh')).map((f) => join(SCRIPTS, f));
const available = spawnSync('shellcheck', ['--version']).status === 0;

describe('static/scripts/*.sh', () => {
  it('there are scripts to check', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!available && !process.env.CI)('ShellCheck finds nothing at warning level or above', () => {
    expect(available, 'shellcheck is not installed (apt-get install -y shellcheck)').toBe(true);
    const r = spawnSync('shellcheck', ['--severity=warning', '--format=gcc', ...scripts], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('no array that can be empty is expanded (set -u aborts on "${a[@]}" of an empty array in bash < 4.4)', () => {
    const found: string[] = [];
    for (const file of scripts) {
      const text = readFileSync(file, 'utf8');
      // Arrays that start empty (`name=()` or `local name=()`) and are expanded whole later.
      const empty = [...text.matchAll(/(?:^|[\s;(])(?:local\s+)?([A-Za-z_][A-Za-z0-9_]*)=\(\)/gm)].map((m) => m[1]!);
      for (const name of new Set(empty)) {
        if (new RegExp(`\\$\\{${name}\\[@\\]\\}`).test(text)) found.push(`${file}: ${name}=() is expanded as \${${name}[@]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('every shellcheck disable directive says why', () => {
    const bare: string[] = [];
    for (const file of scripts) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/#\s*shellcheck\s+disable=/.test(line) && !/disable=[A-Z0-9,]+\s+#\s*\S/.test(line)) bare.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(bare).toEqual([]);
  });
});
