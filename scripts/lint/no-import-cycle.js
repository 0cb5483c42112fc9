// @ts-check
/**
 * ESLint rule `layers/no-import-cycle`: no module may reach itself through imports, type-only
 * imports included. (`import-x/no-cycle` skips `import type`, but a type-only cycle still couples
 * two modules that should be one, or that want a third holding the shared type.)
 *
 * The import graph of the repository's own modules (`core/`, `src/`, `scripts/`, `tests/` and the
 * root configs) is built once per lint run with TypeScript's `preProcessFile`; every import that
 * closes a cycle is reported at its specifier, with the cycle spelled out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const DIRS = ['core', 'src', 'scripts', 'tests'];
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];
const SKIP = new Set(['node_modules', 'fixtures', 'build', '.docusaurus']);

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** @param {string} from @param {string} spec @returns {string | undefined} */
function resolveSpecifier(from, spec) {
  let base;
  if (spec.startsWith('@site/')) base = join(ROOT, spec.slice('@site/'.length));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return undefined;
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** @type {{ at: number, edges: Map<string, Map<string, string>>, component: Map<string, number> } | undefined} */
let graph;

function buildGraph() {
  const files = DIRS.flatMap((d) => walk(join(ROOT, d), []));
  for (const name of readdirSync(ROOT)) if (/\.(ts|js)$/.test(name)) files.push(join(ROOT, name));
  /** @type {Map<string, Map<string, string>>} target → specifier, per file */
  const edges = new Map();
  for (const file of files) {
    const out = new Map();
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      const target = resolveSpecifier(file, ref.fileName);
      if (target && target !== file) out.set(target, ref.fileName);
    }
    edges.set(file, out);
  }
  // Tarjan's strongly connected components.
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {Map<string, number>} */
  const component = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  let counter = 0;
  let components = 0;
  /** @param {string} v */
  const connect = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      /** @type {string[]} */
      const members = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1) for (const m of members) component.set(m, components);
      components++;
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) connect(file);
  return { at: Date.now(), edges, component };
}

/**
 * Shortest path from `from` back to `to` inside one component.
 * @param {string} from @param {string} to @param {NonNullable<typeof graph>} g
 */
function pathBack(from, to, g) {
  /** @type {Map<string, string>} */
  const previous = new Map();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const v = /** @type {string} */ (queue.shift());
    if (v === to) break;
    for (const w of g.edges.get(v)?.keys() ?? []) {
      if (seen.has(w) || g.component.get(w) !== g.component.get(to)) continue;
      seen.add(w);
      previous.set(w, v);
      queue.push(w);
    }
  }
  const path = [to];
  for (let v = previous.get(to); v && v !== from; v = previous.get(v)) path.unshift(v);
  return [from, ...path];
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between the repository’s modules, type-only imports included.' },
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both need into a module of its own (type-only imports count too).' },
    schema: [],
  },
  create(context) {
    // Once per lint run; again when a file is new to the graph (editors, tests).
    if (!graph || Date.now() - graph.at > 5000 || !graph.edges.has(context.filename)) graph = buildGraph();
    const g = graph;
    const file = context.filename;
    const mine = g.component.get(file);
    if (mine === undefined) return {};
    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    const check = (node) => {
      const spec = node.source && typeof node.source.value === 'string' ? node.source.value : undefined;
      if (!spec) return;
      const target = resolveSpecifier(file, spec);
      if (!target || g.component.get(target) !== mine) return;
      const cycle = [file, ...pathBack(target, file, g)].map((p) => relative(ROOT, p)).join(' → ');
      context.report({ node: node.source ?? node, messageId: 'cycle', data: { cycle } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
