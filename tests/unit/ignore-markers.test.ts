import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks, type RunStats } from '../../scripts/validate/engine/runner.ts';
import { json } from '../../scripts/validate/reporters/json.ts';
import { pretty } from '../../scripts/validate/reporters/pretty.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();
const byId = (...ids: string[]) => checks.filter((c) => ids.includes(c.id));

/** Problems (`line:col rule`) and stats of the given checks on one page. */
async function run(source: string, ids: string[]) {
  const project = projectFromMemory(ROOT, { 'docs/a.md': source }, { strictReviews: false, now: NOW });
  project.targets = new Set(['docs/a.md']);
  const selected = byId(...ids);
  const stats: RunStats = { suppressed: {} };
  const problems = [...(await prepareChecks(project, selected)), ...runChecks(project, selected, stats)];
  return { problems: problems.map((p) => `${p.line}:${p.column} ${p.rule}`), stats };
}

const PAGE = '# Page\n\n';
const BAD_FLAG = '```bash\nkubectl get pods --namespce staging\n```\n';

describe('validate-ignore markers, applied by the runner to every check', () => {
  it('silence the next block only, and record the marker with its reason and count', async () => {
    const source = `${PAGE}<!-- validate-ignore commands/flags: spec lags behind kubectl -->\n${BAD_FLAG}\n${BAD_FLAG}`;
    const { problems, stats } = await run(source, ['commands/flags', 'validate-ignore']);
    expect(problems).toEqual(['9:18 commands/flags']);
    expect(stats.suppressed).toEqual({ 'commands/flags': 1 });
    expect(stats.skipped).toEqual([{ file: 'docs/a.md', line: 3, column: 1, rule: 'commands/flags', reason: 'spec lags behind kubectl', suppressed: 1 }]);
  });

  it('read the fence meta form for the code block itself', async () => {
    const source = `${PAGE}\`\`\`bash validate-ignore="commands/flags: spec lags behind kubectl"\nkubectl get pods --namespce staging\n\`\`\`\n`;
    const { problems, stats } = await run(source, ['commands/flags', 'validate-ignore']);
    expect(problems).toEqual([]);
    expect(stats.skipped?.map((s) => `${s.line}:${s.column} ${s.rule} ${s.suppressed}`)).toEqual(['3:9 commands/flags 1']);
  });

  it('cover a category with `commands/*`, several rules with commas, and stack before one block', async () => {
    const block = '```bash\nkubectl get pods --namespce staging\necho "unclosed\n```\n';
    const check = ['commands/flags', 'commands/syntax', 'validate-ignore'];
    expect((await run(`${PAGE}${block}`, check)).problems).toEqual(['4:18 commands/flags', '5:6 commands/syntax']);
    expect((await run(`${PAGE}<!-- validate-ignore commands/*: a transcript -->\n${block}`, check)).problems).toEqual([]);
    expect((await run(`${PAGE}<!-- validate-ignore commands/flags, commands/syntax: a transcript -->\n${block}`, check)).problems).toEqual([]);
    const stacked = `${PAGE}<!-- validate-ignore commands/flags: old kubectl -->\n<!-- validate-ignore commands/syntax: shown on purpose -->\n${block}`;
    const { problems, stats } = await run(stacked, check);
    expect(problems).toEqual([]);
    expect(stats.skipped?.map((s) => `${s.line} ${s.rule} ${s.suppressed}`)).toEqual(['3 commands/flags 1', '4 commands/syntax 1']);
  });

  it('work for any check, here a broken link in the next paragraph', async () => {
    const source = `${PAGE}<!-- validate-ignore links/internal: the page lands with the next release -->\n\nSee [the guide](./missing.md).\n\nAnd [again](./missing.md).\n`;
    const { problems, stats } = await run(source, ['links/internal', 'validate-ignore']);
    expect(problems).toEqual(['7:13 links/internal']);
    expect(stats.suppressed).toEqual({ 'links/internal': 1 });
  });

  it('cover a block inside a list item', async () => {
    const source = `${PAGE}1. Look:\n\n   <!-- validate-ignore commands/flags: old kubectl -->\n   \`\`\`bash\n   kubectl get pods --namespce staging\n   \`\`\`\n`;
    expect((await run(source, ['commands/flags', 'validate-ignore'])).problems).toEqual([]);
  });

  it('silence nothing without a reason, with an unknown rule, inline, or with nothing after them, and say so', async () => {
    const cases: Array<[string, string]> = [
      [`${PAGE}<!-- validate-ignore commands/flags -->\n${BAD_FLAG}`, '3:1 validate-ignore'],
      [`${PAGE}<!-- validate-ignore commands/flag: old kubectl -->\n${BAD_FLAG}`, '3:1 validate-ignore'],
      [`${PAGE}Text <!-- validate-ignore commands/flags: old kubectl --> here.\n\n${BAD_FLAG}`, '3:6 validate-ignore'],
      [`${PAGE}${BAD_FLAG}\n<!-- validate-ignore commands/flags: old kubectl -->\n`, '7:1 validate-ignore'],
    ];
    for (const [source, marker] of cases) {
      const { problems, stats } = await run(source, ['commands/flags', 'validate-ignore']);
      expect(problems, source).toContain(marker);
      expect(problems.some((p) => p.endsWith('commands/flags')), source).toBe(true);
      expect(stats.suppressed, source).toEqual({});
    }
  });

  it('let a check that reports once per page report the next occurrence', async () => {
    const block = '```bash\nkubectl -n staging logs <pod-name>\n```\n';
    const source = `${PAGE}<!-- validate-ignore commands/placeholders: explained in the linked guide -->\n${block}\n${block}`;
    expect((await run(`${PAGE}${block}\n${block}`, ['commands/placeholders'])).problems).toEqual(['4:25 commands/placeholders']);
    expect((await run(source, ['commands/placeholders', 'validate-ignore'])).problems).toEqual(['9:25 commands/placeholders']);
  });

  it('cannot silence the marker check itself', async () => {
    const source = `${PAGE}<!-- validate-ignore validate-ignore: hide the next marker -->\n<!-- validate-ignore commands/flags -->\n${BAD_FLAG}`;
    const { problems } = await run(source, ['commands/flags', 'validate-ignore']);
    expect(problems).toEqual(['3:1 validate-ignore', '4:1 validate-ignore', '6:18 commands/flags']);
  });

  it('suggest over every rule id, sub-rules included', async () => {
    const project = projectFromMemory(ROOT, { 'docs/a.md': `${PAGE}<!-- validate-ignore remark-lint:heading-incremnt, frontmatter/tag: x -->\n\nText.\n` }, { strictReviews: false, now: NOW });
    const selected = byId('validate-ignore');
    await prepareChecks(project, selected);
    // Sorted by position, then message.
    expect(runChecks(project, selected).map((p) => p.message)).toEqual([
      '`validate-ignore` names `frontmatter/tag`, which is not a rule id of `npm run validate`. Did you mean `frontmatter/tags`?',
      '`validate-ignore` names `remark-lint:heading-incremnt`, which is not a rule id of `npm run validate`. Did you mean `remark-lint:heading-increment`?',
    ]);
  });
});

describe('the report of suppressed problems', () => {
  const skipped = [
    { file: 'docs/a.md', line: 3, column: 1, rule: 'commands/flags', reason: 'old kubectl', suppressed: 2 },
    { file: 'docs/a.md', line: 3, column: 1, rule: 'commands/syntax', reason: 'old kubectl', suppressed: 0 },
    { file: 'docs/b.md', line: 9, column: 1, rule: 'remark-lint:heading-increment', reason: 'vendor levels', suppressed: 1 },
  ];
  const result = { files: 2, problems: [], suppressed: { 'commands/flags': 2, 'remark-lint:heading-increment': 1 }, skipped, elapsedMs: 1000 };

  it('is one summary line in the pretty output', () => {
    expect(pretty(result, { color: false }).split('\n').at(-2)).toBe(
      '3 problems suppressed by 2 validate-ignore markers (commands/flags, commands/syntax, remark-lint:heading-increment); --format json lists them with their reasons',
    );
  });

  it('lists each marker rule with its reason and count in the JSON', () => {
    const report = JSON.parse(json(result, { color: false })) as Record<string, unknown>;
    expect(report['suppressed']).toBe(3);
    expect(report['skipped']).toEqual(skipped);
  });
});
