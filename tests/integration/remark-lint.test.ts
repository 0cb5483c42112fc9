import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import remarkParse from 'remark-parse';
import { unified, type Preset } from 'unified';
import { describe, expect, it } from 'vitest';
import remarkLintCheck, { CONFIG_FILE, loadLinter } from '../../scripts/validate/checks/remark-lint.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { parseMarkdown } from '../../core/markdown/parse.ts';
import { runChecks, type RunStats } from '../../scripts/validate/engine/runner.ts';
import { validate } from '../../scripts/validate/validate.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const options = { strictReviews: false, now: NOW };
const PAGE = '---\ntype: guide\ntitle: Guide\n---\n\n';

/** remark-lint problems for in-memory pages, with the repository's .remarkrc.js. */
function lint(files: Record<string, string>, root = ROOT) {
  const project = projectFromMemory(root, files, options);
  const stats: RunStats = { suppressed: {} };
  const problems = runChecks(project, [remarkLintCheck], stats).map((p) => `${p.line}:${p.column} ${p.rule} ${p.severity}`);
  return { problems, suppressed: Object.values(stats.suppressed).reduce((a, b) => a + b, 0), project };
}

/** A repository in a temp dir with the real node_modules, the local rule, the dialect and a given .remarkrc.js. */
function repo(config: string | null, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'remark-lint-'));
  writeFileSync(join(root, 'package.json'), '{"type": "module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, 'scripts/remark'), { recursive: true });
  copyFileSync(join(ROOT, 'scripts/remark/lint-no-table-trailing-space.js'), join(root, 'scripts/remark/lint-no-table-trailing-space.js'));
  // .remarkrc.js takes its syntax plugins from the dialect (core/markdown/dialect.js).
  mkdirSync(join(root, 'core/markdown'), { recursive: true });
  copyFileSync(join(ROOT, 'core/markdown/dialect.js'), join(root, 'core/markdown/dialect.js'));
  if (config !== null) writeFileSync(join(root, CONFIG_FILE), config);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const repoConfig = readFileSync(join(ROOT, CONFIG_FILE), 'utf8');

describe('the .remarkrc.js that editors read is the one the check runs', () => {
  const page = { 'docs/a.md': `${PAGE}# A\n\n### C\n` };
  const remarkProblems = async (root: string) =>
    (await validate(root, [], options)).problems.filter((p) => p.rule.startsWith('remark-lint')).map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.severity}`);

  it('reports with the severity set in the project root .remarkrc.js', async () => {
    expect(await remarkProblems(repo(repoConfig, page))).toEqual(['docs/a.md:8:1 remark-lint:heading-increment error']);
  });

  it('follows a change of severity in that file: warn, then off', async () => {
    const warn = repoConfig.replace('[remarkLintHeadingIncrement, [\'error\']]', "[remarkLintHeadingIncrement, ['warn']]");
    expect(warn).not.toBe(repoConfig);
    expect(await remarkProblems(repo(warn, page))).toEqual(['docs/a.md:8:1 remark-lint:heading-increment warning']);
    const off = repoConfig.replace('[remarkLintHeadingIncrement, [\'error\']]', "[remarkLintHeadingIncrement, ['off']]");
    expect(await remarkProblems(repo(off, page))).toEqual([]);
  });

  it('runs no style rules without a .remarkrc.js, as remark-cli would', async () => {
    expect(await remarkProblems(repo(null, page))).toEqual([]);
  });

  it('reports a .remarkrc.js that does not load, once, instead of crashing', async () => {
    const broken = repo("import nope from 'remark-lint-no-such-rule';\nexport default { plugins: [nope] };\n", page);
    const problems = (await validate(broken, [], options)).problems.filter((p) => p.rule.startsWith('remark-lint') || p.rule.startsWith('internal'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'docs/a.md', line: 1, column: 1, rule: 'remark-lint:config', message: expect.stringContaining('could not load .remarkrc.js') }),
    ]);
  });

  it('parses Markdown the way the engine does (editors parse with the syntax plugins it lists)', async () => {
    // What an editor builds: remark (remark-parse) plus the configuration's plugins.
    const config = ((await import(pathToFileURL(join(ROOT, CONFIG_FILE)).href)) as { default: Preset }).default;
    const editor = unified().use(remarkParse).use(config);
    for (const fixture of ['tests/fixtures/good/docusaurus-syntax.md', 'tests/fixtures/good/runbook.md']) {
      const source = readFileSync(join(ROOT, fixture), 'utf8');
      expect(editor.parse(source), fixture).toEqual(parseMarkdown(source));
    }
  });

  it('loads the configuration once per content of the file', () => {
    const first = loadLinter(ROOT);
    expect(first && 'linter' in first).toBe(true);
    expect(loadLinter(ROOT)).toBe(first);
  });
});

describe('remark-lint on the shared parse', () => {
  it('does not change the tree other checks read', () => {
    const source = `${PAGE}# A {#a}\n\n### B\n\n| a | b |  \n| - | - |\n\n1. x\n1. y\n\n<!-- lint ignore fenced-code-flag -->\n\n\`\`\`\nz\n\`\`\`\n`;
    const project = projectFromMemory(ROOT, { 'docs/a.md': source }, options);
    const before = JSON.stringify(project.files[0]!.tree);
    expect(runChecks(project, [remarkLintCheck]).length).toBeGreaterThan(0);
    expect(JSON.stringify(project.files[0]!.tree)).toBe(before);
  });

  it('counts a heading as Docusaurus renders it, without its {#custom-id}', () => {
    const title = 'x'.repeat(80);
    expect(lint({ 'docs/a.md': `${PAGE}## ${title} {#short}\n` }).problems).toEqual([]);
    expect(lint({ 'docs/a.md': `${PAGE}## ${title}y {#short}\n` }).problems).toEqual(['6:1 remark-lint:maximum-heading-length warning']);
  });

  it('treats two headings with the same visible text in one section as duplicates, whatever their ids', () => {
    const source = `${PAGE}## Rollback\n\n### Verify {#verify-api}\n\n### Verify {#verify-web}\n`;
    expect(lint({ 'docs/a.md': source }).problems).toEqual(['10:1 remark-lint:no-duplicate-headings-in-section error']);
  });

  it('reports each of two identical files (linted once, by content hash) at its own path', () => {
    const source = `${PAGE}# A\n\n### B\n`;
    const project = projectFromMemory(ROOT, { 'docs/a.md': source, 'docs/b.md': source }, options);
    expect(runChecks(project, [remarkLintCheck]).map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'docs/a.md:8:1 remark-lint:heading-increment',
      'docs/b.md:8:1 remark-lint:heading-increment',
    ]);
  });

  it('skips files the engine could not parse (binary, too large, not UTF-8)', () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': `${PAGE}### x\n` }, options);
    project.files[0] = { ...project.files[0]!, status: 'binary', tree: null };
    expect(runChecks(project, [remarkLintCheck])).toEqual([]);
  });
});

describe('validate-ignore markers on remark-lint problems', () => {
  const body =
    '# Guide\n\n<!-- validate-ignore remark-lint:heading-increment: vendor levels -->\n\n### Vendor step\n\n' +
    '<!-- validate-ignore remark-lint:fenced-code-flag: console output -->\n\n```\na\n```\n\n' +
    '<!-- validate-ignore remark-lint: console output -->\n\n```\nb\n```\n\n```\nc\n```\n';

  it('silence the node after them and are counted; without them the same messages are reported', () => {
    const withMarkers = lint({ 'docs/a.md': PAGE + body });
    expect(withMarkers.problems).toEqual(['24:1 remark-lint:fenced-code-flag error']);
    expect(withMarkers.suppressed).toBe(3);
    const without = lint({ 'docs/a.md': PAGE + body.replace(/<!-- validate-ignore [^>]*-->\n\n/g, '') });
    expect(without.problems).toHaveLength(4);
    expect(without.suppressed).toBe(0);
  });

  it("do not count what remark-lint drops after the last node", () => {
    // The trailing space after the last table row of a page is after the last text node.
    const result = lint({ 'docs/a.md': `${PAGE}| a | b |\n| - | - |\n| c | d |  \n` });
    expect(result.problems).toEqual(['8:1 remark-lint:no-table-trailing-space warning']);
    expect(result.suppressed).toBe(0);
  });

  it("replace remark-lint's own comments, which silence nothing and are reported", () => {
    const result = lint({ 'docs/a.md': `${PAGE}# Guide\n\n<!-- lint ignore heading-increment -->\n\n### Vendor step\n` });
    expect(result.problems).toEqual(['8:1 remark-lint:message-control error', '10:1 remark-lint:heading-increment error']);
    expect(result.suppressed).toBe(0);
  });

  it('only count problems in the files being reported, per rule id', () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': PAGE + body, 'docs/b.md': PAGE + body }, options);
    project.targets = new Set(['docs/a.md']);
    const stats: RunStats = { suppressed: {} };
    runChecks(project, [remarkLintCheck], stats);
    expect(stats.suppressed).toEqual({ 'remark-lint:heading-increment': 1, 'remark-lint:fenced-code-flag': 2 });
    expect(stats.skipped?.map((s) => `${s.file}:${s.line} ${s.rule} ${s.suppressed}`)).toEqual([
      'docs/a.md:8 remark-lint:heading-increment 1',
      'docs/a.md:12 remark-lint:fenced-code-flag 1',
      'docs/a.md:18 remark-lint 1',
    ]);
  });
});

describe('npm run validate output', () => {
  const run = promisify(execFile);
  const cli = async (args: string[]) => {
    try {
      return (await run(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/validate/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, GITHUB_ACTIONS: '' } })).stdout;
    } catch (error) {
      return (error as { stdout: string }).stdout;
    }
  };
  const fixture = 'tests/fixtures/bad/remark-lint-comments.md';

  it('prints the suppressed count in the pretty summary', async () => {
    const stdout = await cli([fixture]);
    expect(stdout).toContain(`${fixture}:30:1  error    Unexpected missing fenced code language flag`);
    expect(stdout).toContain('remark-lint:fenced-code-flag');
    expect(stdout).toContain(
      '3 problems suppressed by 4 validate-ignore markers (remark-lint, remark-lint:fenced-code-flag, remark-lint:heading-increment, remark-lint:heading-incremnt); ' +
        '--format json lists them with their reasons',
    );
  });

  it('adds "suppressed" and "skipped" to the JSON without changing the other keys', async () => {
    const report = JSON.parse(await cli([fixture, '--format', 'json'])) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['files', 'problems', 'suppressed', 'skipped']);
    expect(report['suppressed']).toBe(3);
    expect(report['problems']).toContainEqual({
      file: fixture,
      line: 30,
      column: 1,
      rule: 'remark-lint:fenced-code-flag',
      messageId: 'lint',
      severity: 'error',
      message: 'Unexpected missing fenced code language flag in info string, expected keyword',
    });
  });
});
