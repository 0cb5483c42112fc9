/**
 * Docs rot when files move and headings change. In a copy of the shipped docs, rename a heading and
 * move a runbook, and check that the report names every inbound link that breaks, where it is.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../scripts/validate/validate.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

let copy: string;

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'handbook-rename-'));
  for (const dir of ['docs', 'src/data']) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

const docFiles = (): string[] =>
  readdirSync(join(copy, 'docs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => relative(copy, join(e.parentPath, e.name)));

/** `file:line:col` of the URL of every Markdown link that matches `target`, found by text search (independent of the checker). */
function inboundLinks(target: RegExp): string[] {
  const found: string[] = [];
  for (const file of docFiles()) {
    const lines = readFileSync(join(copy, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
        if (target.test(m[1]!)) found.push(`${file}:${i + 1}:${m.index! + m[0].indexOf('](') + 3}`);
      }
    });
  }
  return found.sort();
}

async function brokenLinks() {
  const result = await validate(copy, [], { strictReviews: false, now: NOW });
  const errors = result.problems.filter((p) => p.severity === 'error' && p.rule.startsWith('links/'));
  return {
    errors,
    at: errors.filter((p) => p.rule === 'links/internal').map((p) => `${p.file}:${p.line}:${p.column}`).sort(),
  };
}

describe('a change that breaks inbound links', () => {
  it('starts from a copy of the docs without broken links', async () => {
    expect((await brokenLinks()).errors).toEqual([]);
  });

  it('renaming a heading reports every link to its anchor, with the new anchor as suggestion', async () => {
    const file = join(copy, 'docs/deployment/deployment-guide.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('### Switch traffic\n');
    writeFileSync(file, text.replace('### Switch traffic\n', '### Switch the Services\n'));

    const expected = inboundLinks(/deployment-guide\.md#switch-traffic$/);
    expect(expected.length).toBeGreaterThanOrEqual(2); // the scenario must exercise several inbound links
    const { errors, at } = await brokenLinks();
    expect(at).toEqual(expected);
    for (const problem of errors) {
      expect(problem.message).toContain('#switch-traffic');
      expect(problem.message).toContain('switch-the-services');
    }
  });

  it('moving a runbook reports every link to its old path', async () => {
    renameSync(join(copy, 'docs/runbooks/rb-003-crashloopbackoff.md'), join(copy, 'docs/runbooks/rb-003-pods-crashlooping.md'));
    const expected = inboundLinks(/rb-003-crashloopbackoff\.md(#.*)?$/);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const { errors, at } = await brokenLinks();
    expect(at).toEqual(expected);
    for (const problem of errors) expect(problem.message).toContain('rb-003-pods-crashlooping.md');
  });
});
