import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/examples.ts';

// The layers of docs/contributing/architecture.md, as `npm run lint` enforces them.
const eslint = new ESLint({ cwd: ROOT });

async function problemsOf(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layers', () => {
  it('refuses an import of scripts/ from the site', async () => {
    const problems = await problemsOf('src/components/Example.ts', "import { MAX_FILE_BYTES } from '../../scripts/validate/engine/parse.ts';\nexport const x = MAX_FILE_BYTES;\n");
    expect(problems).toEqual([expect.stringContaining('import-x/no-restricted-paths: Unexpected path')]);
    expect(problems[0]).toContain('The site never imports scripts/');
  });

  it('refuses an import of the site from the checks', async () => {
    const problems = await problemsOf('scripts/validate/checks/example.ts', "import { SECTIONS } from '../../../src/pages/index.tsx';\nexport const x = SECTIONS;\n");
    expect(problems.join('\n')).toContain('The checks never import the site');
  });

  it('refuses an import of the site or the scripts from core/', async () => {
    const fromSite = await problemsOf('core/example.ts', "import { isShellLanguage } from '../src/placeholders/text.ts';\nexport const x = isShellLanguage;\n");
    const fromScripts = await problemsOf('core/example.ts', "import { MAX_FILE_BYTES } from '../scripts/validate/engine/parse.ts';\nexport const x = MAX_FILE_BYTES;\n");
    expect(fromSite.join('\n')).toContain('core/ depends on neither');
    expect(fromScripts.join('\n')).toContain('core/ depends on neither');
  });

  it('lets the site and the checks import core/', async () => {
    expect(await problemsOf('src/components/Example.ts', "import { isShellLanguage } from '../../core/shell.ts';\nexport const x = isShellLanguage;\n")).toEqual([]);
    expect(await problemsOf('scripts/validate/checks/example.ts', "import { SECTIONS } from '../../../core/site/sections.ts';\nexport const x = SECTIONS;\n")).toEqual([]);
  });
});

describe('import cycles', () => {
  it('are refused, type-only ones included, with the cycle spelled out', async () => {
    const visible = join(ROOT, 'scripts', `cycle-test-${process.pid}`);
    const a = join(visible, 'a.ts');
    const b = join(visible, 'b.ts');
    try {
      mkdirSync(visible, { recursive: true });
      writeFileSync(a, "import type { B } from './b.ts';\nexport interface A { b?: B }\n");
      writeFileSync(b, "import type { A } from './a.ts';\nexport interface B { a?: A }\n");
      const fresh = new ESLint({ cwd: ROOT });
      const [result] = await fresh.lintFiles([a]);
      const messages = (result?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      expect(messages).toEqual([expect.stringMatching(/^1:24 layers\/no-import-cycle: Import cycle: scripts\/cycle-test-\d+\/a\.ts → scripts\/cycle-test-\d+\/b\.ts → scripts\/cycle-test-\d+\/a\.ts\./)]);
    } finally {
      rmSync(visible, { recursive: true, force: true });
    }
  });
});
