/**
 * remark-lint inside the validation engine: the plugins of the repository's `.remarkrc.js` (the
 * file editors with the remark language server read) run as transformers on the tree the engine
 * already parsed, and their messages become `remark-lint:<rule>` problems.
 */
import { splitHeadingId } from '../../../core/markdown/headings.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Heading, Html, Root } from 'mdast';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { defineCheck, type Report } from '../engine/check.ts';
import { activeCache } from '../engine/disk-cache.ts';
import { projectFact } from '../engine/facts.ts';
import { didYouMean } from '../engine/suggest.ts';
import type { DocFile, Position, Severity } from '../engine/types.ts';

type VFileMessage = VFile['messages'][number];

/** Where the unified ecosystem (remark-cli, the remark language server) looks for configuration. */
export const CONFIG_FILE = '.remarkrc.js';

const require = createRequire(import.meta.url);

interface Linter {
  processor: Processor<Root, Root, Root>;
  /** Rule ids of the configured lint plugins (`heading-increment`), also those turned off. */
  known: Set<string>;
  /** Results by content hash of the file. */
  results: Map<string, Linted>;
  /** sha256 of `.remarkrc.js`: results cached on disk are valid for this config only. */
  configHash: string;
}

type Loaded = { linter: Linter } | { error: string } | null;

const UNFILTERED = 'remarkLintUnfiltered';

/**
 * Records the lint messages before remark-lint's message control filters them: `npm run validate`
 * silences messages with `validate-ignore` markers (applied by the runner), not with remark-lint's
 * comments, so every message counts. remark-lint adds its message control while the processor freezes,
 * so it runs after every plugin used before `freeze()`, this one included.
 */
function recordUnfiltered() {
  return (_tree: Root, file: VFile) => {
    file.data[UNFILTERED] = file.messages.slice();
  };
}

/** `.remarkrc.js` loaded once per content: by path and hash, for the whole process. */
const cache = new Map<string, Loaded>();

/** The config file's path and hash (cheap: no plugin is imported), or null without a config. */
function configOf(root: string): { path: string; configHash: string; key: string } | null {
  const path = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const configHash = createHash('sha256').update(text).digest('hex');
  return { path, configHash, key: `${path}\0${configHash}` };
}

/** The config of the run's root, read and hashed once per run. */
const CONFIG = projectFact('remark-lint-config', (project) => configOf(project.root));

/**
 * Loads `<root>/.remarkrc.js` and builds the processor. Synchronous (`require` of an ES module,
 * Node.js >= 20.19), so the config must not use top-level await. No file: no rules, as with
 * remark-cli.
 */
export function loadLinter(root: string): Loaded {
  const config = configOf(root);
  if (!config) return null;
  const { path, configHash, key } = config;
  if (cache.has(key)) return cache.get(key)!;
  const loaded = buildLinter(() => require(path) as { default?: unknown }, configHash);
  cache.set(key, loaded);
  return loaded;
}

/**
 * Loads the config as `loadLinter` does, through `import()` rather than `require`: a worker of
 * engine/pool.ts calls it first, because module loader hooks apply to `import()` only, not to
 * `require` of an ES module (engine/loader-hooks.mjs speeds up the plugins' tree walk).
 */
export async function preloadLinter(root: string): Promise<void> {
  const config = configOf(root);
  if (!config || cache.has(config.key)) return;
  let mod: { default?: unknown } | Error;
  try {
    mod = (await import(pathToFileURL(config.path).href)) as { default?: unknown };
  } catch (error) {
    mod = error instanceof Error ? error : new Error(String(error));
  }
  if (cache.has(config.key)) return;
  cache.set(config.key, buildLinter(() => {
    if (mod instanceof Error) throw mod;
    return mod;
  }, config.configHash));
}

/** The processor of a loaded config module, or the reason it cannot be used. */
function buildLinter(load: () => { default?: unknown }, configHash: string): Loaded {
  let loaded: Loaded;
  try {
    const mod = load();
    const config = (mod.default ?? mod) as { plugins?: unknown; settings?: unknown };
    if (!config || typeof config !== 'object' || !Array.isArray(config.plugins)) {
      throw new Error('it must `export default { plugins: [...] }`');
    }
    if (config.plugins.some((p) => typeof p === 'string' || (Array.isArray(p) && typeof p[0] === 'string'))) {
      throw new Error('plugins must be imported functions, not package names (import them at the top of the file)');
    }
    const processor = unified()
      .use(config as Parameters<Processor['use']>[0])
      .use(recordUnfiltered)
      .freeze() as unknown as Processor<Root, Root, Root>;
    const known = new Set<string>();
    for (const [plugin] of processor.attachers) {
      const name = (plugin as { name?: string }).name ?? '';
      if (name.startsWith('remark-lint:')) known.add(name.slice('remark-lint:'.length));
    }
    loaded = { linter: { processor, known, results: new Map(), configHash } };
  } catch (error) {
    loaded = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  return loaded;
}

/**
 * The tree the rules see. Docusaurus strips a trailing `{#custom-id}` from a heading, so the rules
 * see the heading as the reader does (maximum-heading-length does not count the id;
 * no-duplicate-headings-in-section compares the visible text). Only files with such an id pay for
 * a copy; the shared tree is never changed.
 */
function lintTree(file: DocFile): Root {
  const tree = file.tree!;
  if (!file.source.includes('{#')) return tree;
  const copy = structuredClone(tree);
  visit(copy, 'heading', (heading: Heading) => {
    const last = heading.children.at(-1);
    if (last?.type !== 'text') return;
    const split = splitHeadingId(last.value);
    if (split.id) last.value = split.text;
  });
  return copy;
}

/** `<!-- lint disable rule-a rule-b -->`, parsed the way remark-message-control reads it. */
const MARKER = /^<!--\s*lint(?:\s+([\s\S]*?))?\s*-->$/;
const VERBS = ['enable', 'disable', 'ignore'];

/**
 * remark-lint's own comments (`<!-- lint ignore rule -->`): `npm run validate` does not read them
 * (they have no reason, and the runner counts only `validate-ignore` markers), so each is reported
 * with the marker to write instead. `rules` is the rule ids to name, as reports print them.
 */
function checkComments(tree: Root, report: (node: Html, data: { comment: string; rules: string }) => void): void {
  visit(tree, 'html', (node: Html) => {
    const marker = MARKER.exec(node.value.trim());
    if (!marker) return;
    const [verb = '', ...ids] = (marker[1] ?? '').split(/\s+/).filter(Boolean);
    if (!VERBS.includes(verb)) return; // remark-message-control fails on it: reported from runSync
    report(node, { comment: node.value.trim(), rules: ids.length > 0 ? ids.map((id) => `remark-lint:${id}`).join(', ') : 'remark-lint' });
  });
}

/** What remark-message-control throws (`file.fail`) on a lint comment it cannot read. */
function commentFailure(error: unknown): { reason: string; line?: number; column?: number } | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { reason?: unknown; ruleId?: unknown; line?: number; column?: number };
  if (typeof e.reason !== 'string' || e.ruleId || !/^Unknown keyword/.test(e.reason)) return undefined;
  return { reason: e.reason, line: e.line, column: e.column };
}

/** Where the last node of the tree ends: remark-message-control drops messages after it. */
function coveredEnd(tree: Root): number {
  let offset = 0;
  visit(tree, (node) => {
    const start = node.position?.start.offset ?? 0;
    const end = 'children' in node ? 0 : node.position?.end.offset ?? 0;
    offset = Math.max(offset, start, end);
  });
  return offset;
}

/** Keeps a reported position inside the file, whatever a plugin says. */
function clamp(file: DocFile, line: number | undefined, column: number | undefined) {
  const l = Math.min(Math.max(line ?? 1, 1), file.lines.lineCount);
  const start = file.lines.offset({ line: l, column: 1 });
  const next = l < file.lines.lineCount ? file.lines.offset({ line: l + 1, column: 1 }) - 1 : file.source.length;
  const length = next - start - (file.source[next - 1] === '\r' ? 1 : 0);
  return { line: l, column: Math.min(Math.max(column ?? 1, 1), length + 1) };
}

type LintedProblem = { at: Position; rule: string; severity: Severity } & (
  | { messageId: 'lint' | 'unreadableComment'; text: string }
  | { messageId: 'lintComment'; comment: string; rules: string }
);

interface Linted {
  problems: LintedProblem[];
}

/** Runs the configured plugins on one file's tree (transformers only: the tree is already parsed). */
function lintFile(file: DocFile, { processor }: Linter): Linted {
  const problems: Linted['problems'] = [];
  const tree = lintTree(file);
  checkComments(tree, (node, data) => problems.push({ at: clamp(file, node.position?.start.line, node.position?.start.column), messageId: 'lintComment', ...data, rule: 'message-control', severity: 'error' }));
  const vfile = new VFile({ path: file.path, value: file.source });
  try {
    processor.runSync(tree, vfile);
  } catch (error) {
    // remark-message-control fails on a comment it cannot read, before it filters anything: the
    // comment is the one problem to fix. Any other failure is a crash the runner reports.
    const failure = commentFailure(error);
    if (!failure) throw error;
    const verb = /`([^`]*)`/.exec(failure.reason)?.[1] ?? '';
    const hint = /^disable-(next-)?line$/.test(verb)
      ? ' remark-lint has no `' + verb + '`: put `<!-- validate-ignore remark-lint:<rule>: <reason> -->` before the node instead.'
      : didYouMean(verb, VERBS);
    problems.push({ at: clamp(file, failure.line, failure.column), messageId: 'unreadableComment', text: `${failure.reason.replace(/\.?$/, '.')}${hint}`, rule: 'message-control', severity: 'error' });
    return { problems };
  }
  // Every message of the rules, also those a lint comment would have silenced; except, as
  // remark-lint does (the same in editors), messages that start after the last node of the document.
  const unfiltered = (vfile.data[UNFILTERED] ?? []) as VFileMessage[];
  const end = coveredEnd(tree);
  for (const message of unfiltered) {
    if (message.source !== 'remark-lint' || !message.ruleId) continue;
    const at = clamp(file, message.line, message.column);
    if (!vfile.messages.includes(message) && file.lines.offset(at) >= end) continue;
    problems.push({ at, messageId: 'lint', text: message.reason, rule: message.ruleId, severity: message.fatal === true ? 'error' : 'warning' });
  }
  return { problems };
}

/** Reports what one file's lint run found. */
function reportLinted(file: DocFile, linted: Linted, report: Report<typeof MESSAGES>): void {
  for (const p of linted.problems) {
    const options = { rule: p.rule, severity: p.severity };
    if (p.messageId === 'lintComment') report(file, p.at, 'lintComment', { comment: p.comment, rules: p.rules }, options);
    else report(file, p.at, p.messageId, { text: p.text }, options);
  }
}

const MESSAGES = {
  // remark-lint's rules write their own messages: each is passed through as is, under one id.
  lint: '{text}',
  lintComment:
    'lint comment `{comment}` is not read by `npm run validate`; put `<!-- validate-ignore {rules}: <reason> -->` on its own line before the node instead',
  unreadableComment: '{text}',
  config: 'could not load {file}, so no Markdown style rules ran: {error}',
} as const;

export default defineCheck({
  id: 'remark-lint',
  description: 'Markdown style: the remark-lint rules configured in .remarkrc.js (rule ids `remark-lint:<rule>`).',
  severity: 'error',
  messages: MESSAGES,
  docs: {
    why:
      'Runbooks are read under stress, often as raw Markdown in a diff or a terminal. A code block without a ' +
      'language escapes the command checks and gets no highlighting; skipped heading levels and bold lines used ' +
      'as headings break the outline and the table of contents; step numbers in the source that differ from the ' +
      'page make "go back to step 4" ambiguous. The rules live in `.remarkrc.js`, so editors with the remark ' +
      'language server show the same messages as CI. See [Markdown style](../markdown-style.md) for each rule.',
    fix:
      'Follow the message (it says what was expected). If a rule is wrong for one spot, silence it there with a ' +
      '`<!-- validate-ignore remark-lint:<rule>: <reason> -->` line before the node, as for every check ' +
      '(see [validate-ignore](./validate-ignore.md)); silenced problems are counted in the report summary. ' +
      "remark-lint's own `<!-- lint ignore -->` and `<!-- lint disable -->` comments have no reason, so the validator " +
      'does not read them and reports each one with the marker to write instead.',
    good: [
      {
        title: 'Docusaurus syntax: admonitions, directives, heading ids, task lists',
        source:
          '---\ntype: guide\ntitle: Guide\n---\n\n## Roll back the web tier {#rollback-web}\n\n:::danger Data loss\n\n' +
          'Check the replica first.\n\n:::\n\n1. Scale down:\n\n   ```bash\n   kubectl scale deploy/web --replicas=0\n   ```\n\n' +
          '2. Verify.\n\n- [x] Paged the owner\n- [ ] Wrote the timeline\n',
      },
      {
        title: 'A rule silenced for the next node, with its reason',
        source: '---\ntype: guide\n---\n\n# Guide\n\n<!-- validate-ignore remark-lint:heading-increment: the vendor manual goes from h1 to h3 -->\n\n### Vendor step\n',
      },
    ],
    bad: [
      {
        title: 'A code block without a language',
        source: '---\ntype: guide\n---\n\n# Guide\n\n```\nkubectl get pods\n```\n',
        problems: [{ at: '7:1', rule: 'remark-lint:fenced-code-flag', message: 'Unexpected missing fenced code language flag' }],
      },
      {
        title: 'A skipped heading level and a bold line as a heading',
        source: '---\ntype: guide\n---\n\n# Guide\n\n### Steps\n\n**Rollback**\n\nRun the job.\n',
        problems: [
          { at: '7:1', rule: 'remark-lint:heading-increment', message: 'Unexpected heading rank `3`' },
          { at: '9:1', rule: 'remark-lint:no-emphasis-as-heading', message: 'Unexpected strong introducing a section, expected a heading instead' },
        ],
      },
      {
        title: 'Step numbers that differ from the page',
        source: '---\ntype: guide\n---\n\n# Guide\n\n1. Drain the node.\n1. Cordon the node.\n',
        problems: [{ at: '8:2', rule: 'remark-lint:ordered-list-marker-value', message: 'Unexpected ordered list item value `1`, expected `2`' }],
      },
      {
        title: "remark-lint's own disable comment, which silences nothing here",
        source: '---\ntype: guide\n---\n\n# Guide\n\n<!-- lint disable heading-increment -->\n\n### Steps\n',
        problems: [
          { at: '7:1', rule: 'remark-lint:message-control', messageId: 'lintComment', message: 'put `<!-- validate-ignore remark-lint:heading-increment: <reason> -->`' },
          { at: '9:1', rule: 'remark-lint:heading-increment', messageId: 'lint', message: 'Unexpected heading rank `3`' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    // Results of an unchanged file under an unchanged config come from the disk cache, without
    // importing a single plugin (loading the config is most of the cost of a warm run), nor
    // reading the file's tree.
    const config = project.facts.get(CONFIG);
    if (!config) return;
    const namespace = `remark-lint:${config.configHash}`;
    const linter = cache.get(config.key);
    const stored = (linter && 'linter' in linter ? linter.linter.results.get(file.hash) : undefined) ?? activeCache().get<Linted>(namespace, file.hash);
    if (stored) {
      activeCache().touch(namespace, file.hash, stored);
      reportLinted(file, stored, report);
      return;
    }
    if (!file.tree) return;
    const loaded = loadLinter(project.root);
    if (!loaded || 'error' in loaded) return;
    // Messages depend only on the text: identical files (generated trees, fixtures) are linted once.
    // Across runs too: the disk cache is keyed by the config's hash and the file's.
    const result = lintFile(file, loaded.linter);
    activeCache().set(namespace, file.hash, result);
    loaded.linter.results.set(file.hash, result);
    reportLinted(file, result, report);
  },
  checkProject(project, report) {
    // Only a config that some file needed (and so tried to load) can have failed.
    const config = configOf(project.root);
    const loaded = config ? cache.get(config.key) : undefined;
    if (!loaded || !('error' in loaded)) return;
    const first = project.files.find((f) => project.targets.has(f.path));
    if (!first) return;
    report(first, { line: 1, column: 1 }, 'config', { file: CONFIG_FILE, error: loaded.error }, { rule: 'config' });
  },
});
