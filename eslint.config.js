// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import layersPlugin from './scripts/lint/no-import-cycle.js';

/**
 * The layers (docs/contributing/architecture.md): `core/` holds each shared definition once and
 * imports neither the site nor the scripts; the site (`src/`) never imports `scripts/`; the
 * validator and the link checker never import the site. Benchmarks (`scripts/bench/`) may measure
 * site code. No import cycles anywhere, type-only ones included.
 */
const layers = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        { target: './core', from: ['./src', './scripts', './tests', './docusaurus.config.ts', './sidebars.ts'], message: 'core/ depends on neither the site nor the scripts: move the shared definition into core/.' },
        { target: './src', from: ['./scripts', './tests'], message: 'The site never imports scripts/: move the shared definition into core/.' },
        { target: ['./scripts/validate', './scripts/links', './scripts/generate.ts'], from: './src', message: 'The checks never import the site: move the shared definition into core/.' },
      ],
    },
  ],
  'import-x/no-cycle': ['error', { ignoreExternal: true }],
  // import-x/no-cycle skips `import type`; this one counts them.
  'layers/no-import-cycle': 'error',
};

export default tseslint.config(
  { ignores: ['build/', '.docusaurus/', 'node_modules/', 'coverage/', 'test-results/', '.scratch/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX, layers: layersPlugin },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: layers,
  },
);
