/**
 * Pull-request review at scale: SARIF for code scanning, every problem visible past GitHub's
 * annotation caps (job summary), --shard with merged reports, and --changed.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/examples.ts';

const run = promisify(execFile);
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'validate', 'cli.ts');
const MERGE = join(ROOT, 'scripts', 'validate', 'merge.ts');
const FIXTURE = 'tests/fixtures/review';

async function node(script: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, [script, ...args], { cwd, env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The official SARIF 2.1.0 JSON schema (2.1.0-rtm.5, JSON Schema draft-04), as Microsoft's SARIF SDK
// ships it, checked with Ajv 6 (which reads draft-04).
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const ajv = new Ajv({ schemaId: 'id', allErrors: true, unknownFormats: 'ignore' });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
const validateSarif = ajv.compile(sarifSchema);
const sarifValid = (log: unknown) => {
  const ok = validateSarif(log);
  expect(ok ? [] : ajv.errorsText(validateSarif.errors).split(', ')).toEqual([]);
};

describe('--format sarif', () => {
  it('writes a SARIF 2.1.0 log that the official schema accepts, with more than 60 results', async () => {
    const { code, stdout } = await node(CLI, [FIXTURE, '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as { runs: Array<{ results: Array<{ ruleId: string; ruleIndex: number; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>; tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    sarifValid(log);
    const [sarifRun] = log.runs;
    expect(sarifRun!.results).toHaveLength(64);
    const first = sarifRun!.results[0]!;
    expect(first.ruleId).toBe('links/internal');
    expect(first.locations[0]!.physicalLocation.region.startLine).toBe(13);
    expect(sarifRun!.tool.driver.rules[first.ruleIndex]).toMatchObject({ id: 'links/internal', helpUri: 'https://ops-handbook.example.com/docs/contributing/checks/links-internal' });
  });

  it('stays valid with no problems, and for sub-rules (remark-lint:…)', async () => {
    const clean = await node(CLI, ['tests/fixtures/good', '--format', 'sarif']);
    sarifValid(JSON.parse(clean.stdout));
    const bad = JSON.parse((await node(CLI, ['tests/fixtures/bad', '--format', 'sarif'])).stdout) as { runs: Array<{ results: Array<{ ruleId: string }>; tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    sarifValid(bad);
    const sub = bad.runs[0]!.tool.driver.rules.find((r) => r.id.startsWith('remark-lint:'));
    if (sub) expect(sub.helpUri).toMatch(/\/checks\/remark-lint$/);
  });
});

describe('--format github past the annotation caps', () => {
  it('annotates the first 10 errors, says where the rest are, and lists all 64 in the job summary with links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const { code, stdout } = await node(CLI, [FIXTURE, '--format', 'github'], ROOT, {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'example/ops-handbook',
      GITHUB_SHA: 'abc123',
    });
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^::notice title=validate::64 problems; GitHub shows 10 as annotations\. The complete list, grouped by file, is in the job summary\.$/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('✖ 64 problems (64 errors, 0 warnings) in 2 files checked. GitHub shows 10 of them as annotations; all are listed here.');
    expect(markdown).toContain('### `tests/fixtures/review/links-after-rename.md` (64 problems)');
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows).toHaveLength(64);
    expect(rows[0]).toMatch(/^\| \[13:\d+\]\(https:\/\/github\.com\/example\/ops-handbook\/blob\/abc123\/tests\/fixtures\/review\/links-after-rename\.md#L13\) \| error \| `links\/internal` \| broken link `.\/target\.md#old-section-1`: no heading with the anchor `#old-section-1` in tests\/fixtures\/review\/target\.md/);
    expect(rows.at(-1)).toContain('#L76) | error |');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('--shard k/n and validate:merge', () => {
  it('splits the files without overlap, and the merged shards report exactly what one job reports', async () => {
    const whole = JSON.parse((await node(CLI, ['tests/fixtures/bad', '--format', 'json'])).stdout) as { files: number; problems: unknown[] };
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const reports: string[] = [];
    let files = 0;
    for (const k of [1, 2, 3]) {
      const { stdout } = await node(CLI, ['tests/fixtures/bad', '--format', k === 2 ? 'sarif' : 'json', '--shard', `${k}/3`]);
      const path = join(dir, `shard-${k}.json`);
      writeFileSync(path, stdout);
      reports.push(path);
      if (k !== 2) files += (JSON.parse(stdout) as { files: number }).files;
    }
    const merged = await node(MERGE, [...reports, '--format', 'json']);
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout) as { files: number; problems: unknown[] };
    expect(report.problems).toEqual(whole.problems);
    expect(files).toBeLessThan(whole.files); // shard 2 counted apart: shards really split
    const sarif = await node(MERGE, [...reports, '--format', 'sarif']);
    sarifValid(JSON.parse(sarif.stdout));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a malformed shard', async () => {
    const { code, stderr } = await node(CLI, ['--shard', '4/3']);
    expect(code).toBe(2);
    expect(stderr).toContain('--shard takes k/n with 1 <= k <= n');
  });
});

describe('--changed', () => {
  /** A git repository with a copy of the docs, committed, on branch main. */
  async function repo(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'changed-'));
    // What the checks read besides the docs: data, the scripts commands name, npm scripts, style config.
    for (const path of ['docs', 'src/data', 'static/scripts', '.remarkrc.js', 'core/markdown/dialect.js', 'scripts/remark', 'package.json', 'package-lock.json']) {
      cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    }
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cache\n');
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const git = (...args: string[]) => run('git', args, { cwd: dir });
    await git('init', '-q', '-b', 'main');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '-A');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'docs');
    return dir;
  }
  const json = (stdout: string) => JSON.parse(stdout) as { files: number; problems: Array<{ file: string; rule: string; message: string }>; notReported?: { count: number; reason: string } };

  it('reports the changed doc and every doc whose links point at a renamed heading, and says how many it skipped', async () => {
    const dir = await repo();
    // `#switch-traffic` of the deployment guide is linked from six other docs.
    const target = join(dir, 'docs/deployment/deployment-guide.md');
    writeFileSync(target, readFileSync(target, 'utf8').replace('### Switch traffic\n', '### Move the traffic\n'));
    const quiet = await node(CLI, ['--changed', '--format', 'json', '--base', 'main'], dir);
    const report = json(quiet.stdout);
    expect(report.notReported?.count).toBeGreaterThan(50);
    expect(report.notReported?.reason).toContain('--changed');
    // Every doc that linked to the old anchor is reported: the same problems a full run finds.
    const full = json((await node(CLI, ['--format', 'json'], dir)).stdout);
    expect(full.problems.length).toBeGreaterThan(0);
    expect(full.problems.filter((p) => p.rule !== 'links/internal' || !p.message.includes('#switch-traffic'))).toEqual([]);
    expect(new Set(full.problems.map((p) => p.file)).size).toBeGreaterThanOrEqual(5);
    expect(report.problems).toEqual(full.problems);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('reports every doc that mentions a changed runbook id, and only the edited doc after a text edit', async () => {
    const dir = await repo();
    const runbook = join(dir, 'docs/runbooks/rb-003-crashloopbackoff.md');
    // A text edit changes no heading, id or alert: no other doc can report anything new.
    appendFileSync(runbook, '\nOne more sentence.\n');
    const text = json((await node(CLI, ['--changed', '--format', 'json', '--base', 'main'], dir)).stdout);
    expect(text.files).toBe(1);
    // The id changes: the docs that mention RB-003 now mention an id nothing has.
    writeFileSync(runbook, readFileSync(runbook, 'utf8').replace('runbook_id: RB-003', 'runbook_id: RB-093'));
    const changed = json((await node(CLI, ['--changed', '--format', 'json', '--base', 'main'], dir)).stdout);
    const full = json((await node(CLI, ['--format', 'json'], dir)).stdout);
    const dangling = full.problems.filter((p) => p.message.includes('RB-003'));
    expect(new Set(dangling.map((p) => p.file)).size).toBeGreaterThanOrEqual(5);
    expect(changed.problems).toEqual(full.problems);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('reports the docs linking to a deleted doc, and nothing when nothing changed', async () => {
    const dir = await repo();
    const nothing = json((await node(CLI, ['--changed', '--format', 'json', '--base', 'main'], dir)).stdout);
    expect(nothing.files).toBe(0);
    expect(nothing.problems).toEqual([]);
    rmSync(join(dir, 'docs/runbooks/tasks/scaling.md'));
    const gone = json((await node(CLI, ['--changed', '--format', 'json', '--base', 'main'], dir)).stdout);
    const full = json((await node(CLI, ['--format', 'json'], dir)).stdout);
    expect(gone.problems.length).toBeGreaterThan(0);
    expect(gone.problems.filter((p) => p.rule === 'links/internal')).toEqual(full.problems.filter((p) => p.rule === 'links/internal'));
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
