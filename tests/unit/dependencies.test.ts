import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/examples.ts';
import { DIALECT_PLUGINS } from '../../core/markdown/dialect.js';

/**
 * Honest dependencies: every package the code imports is declared; what the site needs to build
 * and run (imported from src/, core/ or the site configs) is a `dependency`; nothing declared is
 * unused; what we patch or reach into is pinned exactly.
 */
const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = { ...pkg.dependencies, ...pkg.devDependencies };

/** Module ids the Docusaurus bundler provides (`@docusaurus/Link`, `@theme/…`): not packages. */
const BUNDLER_ALIASES = /^(@theme(-original|-init)?\/|@generated\/|@docusaurus\/[A-Z]|@docusaurus\/(useDocusaurusContext|useGlobalData|useBaseUrl|useIsBrowser|router|constants|isInternalUrl|renderRoutes|useRouteContext|ExecutionEnvironment)$)/;

/** Declared packages used by name rather than by import, with where. */
const USED_BY_NAME: Record<string, string> = {
  '@docusaurus/core': 'the `docusaurus` CLI of npm start and npm run build',
  '@docusaurus/faster': 'docusaurus.config.ts `future.faster`',
  '@docusaurus/plugin-pwa': 'docusaurus.config.ts plugin name',
  '@docusaurus/theme-mermaid': 'docusaurus.config.ts theme name',
  '@docusaurus/preset-classic': 'docusaurus.config.ts preset name (and its types)',
  '@docusaurus/module-type-aliases': 'type declarations of the bundler aliases',
  '@docusaurus/tsconfig': 'tsconfig.json `extends`',
  '@docusaurus/types': 'types of the config and plugins',
  '@mdx-js/react': 'the MDX runtime Docusaurus renders pages with',
  'react-dom': 'the React renderer Docusaurus renders with',
  '@types/node': 'tsconfig.json `types`',
  '@types/react': 'React types',
  '@types/react-dom': 'React DOM types',
  '@types/mdast': 'mdast types',
  '@types/lunr': 'types for the lunr comparison in bench:search',
  typescript: '`npm run typecheck`',
  tsx: 'npm scripts run TypeScript with it',
  vitest: '`npm test`',
  eslint: '`npm run lint`',
  'tree-sitter-bash': 'its .wasm grammar is loaded by path (scripts/validate/commands/parse.ts)',
  'markdownlint-cli2': 'anchor tool of bench:validate (its CLI)',
  pagefind: 'its binary, compared in bench:search-scale',
  'remark-cli': 'anchor tool of bench:validate (its CLI, with the same .remarkrc.js)',
  '@withfig/autocomplete': 'its specs are loaded by path (scripts/validate/commands/specs.ts)',
  prismjs: 'its grammars are required by language name (src/code-highlight/highlight.ts)',
};

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'core', 'src', 'scripts', 'tests', '*.ts', '*.js', '.remarkrc.js'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\n').filter((f) => /\.(ts|tsx|js|mjs)$/.test(f) && !f.includes('fixtures/'));
}

function importsByPackage(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    let text: string;
    try {
      text = readFileSync(`${ROOT}/${file}`, 'utf8');
    } catch {
      continue;
    }
    // Imports and requires, plus the require.resolve(…) and createRequire(…)(…) forms.
    const specs = [
      ...ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName),
      ...[...text.matchAll(/\b(?:resolve|require\w*)\(\s*'([^'.][^']*)'\s*\)/g)].map((m) => m[1]!),
    ];
    for (const spec of specs) {
      if (spec.startsWith('.') || spec.startsWith('@site/') || spec.startsWith('node:') || BUNDLER_ALIASES.test(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (builtinModules.includes(name)) continue;
      // `import type { Heading } from 'mdast'` is served by @types/mdast.
      const declaredAs = !(name in declared) && `@types/${name}` in declared ? `@types/${name}` : name;
      out.set(declaredAs, [...(out.get(declaredAs) ?? []), file]);
    }
  }
  // The dialect requires its syntax packages by name, from data.
  for (const [name] of DIALECT_PLUGINS) out.set(name, [...(out.get(name) ?? []), 'core/markdown/dialect.js']);
  return out;
}

/** Imported by the site for types only: not needed to build it. */
const TYPE_ONLY = new Set(['@docusaurus/types', '@types/mdast']);

const SITE = (file: string) => /^(src|core)\//.test(file) || /^(docusaurus\.config|sidebars)\.ts$/.test(file);

describe('dependencies', () => {
  const imports = importsByPackage();

  it('declares every package the code imports', () => {
    const undeclared = [...imports].filter(([name]) => !(name in declared)).map(([name, files]) => `${name} (${files[0]})`);
    expect(undeclared).toEqual([]);
  });

  it('lists what the site needs to build and run under dependencies', () => {
    const dev = [...imports].filter(([name, files]) => name in pkg.devDependencies && !TYPE_ONLY.has(name) && files.some(SITE)).map(([name, files]) => `${name} (${files.find(SITE)})`);
    expect(dev).toEqual([]);
  });

  it('declares nothing that is not used', () => {
    const unused = Object.keys(declared).filter((name) => !imports.has(name) && !(name in USED_BY_NAME) && !name.startsWith('remark-lint') && !name.startsWith('remark-preset-lint'));
    expect(unused).toEqual([]);
  });

  it('pins exactly what we patch or reach into', () => {
    // Internals (lib/ paths, theme-common/internal) and patched modules (secretlint's profiler).
    for (const name of ['@docusaurus/plugin-content-docs', '@docusaurus/theme-classic', '@docusaurus/theme-common', '@secretlint/core', '@secretlint/profiler', 'link-check']) {
      expect(declared[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
