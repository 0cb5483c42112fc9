import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../scripts/validate/checks/security-secrets.ts';
import { loadProject } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import { runExample, NOW } from '../helpers/examples.ts';
import { SECRET_CORPUS } from '../fixtures/secrets/corpus.ts';

const indent = (v: string, by: string) => v.split('\n').join(`\n${by}`);

/** The same value in prose, in a frontmatter field and in a non-shell code block. */
const placements = (v: string): Array<[string, string, number]> => [
  ['prose', `---\ntype: guide\n---\n\n# Notes\n\nThe value is ${v} here.\n`, 7],
  ['frontmatter', `---\ntype: guide\ndescription: |\n  Value ${indent(v, '  ')}\n---\n\n# Notes\n`, 4],
  ['yaml block', `---\ntype: guide\n---\n\n# Notes\n\n\`\`\`yaml\nvalue: ${indent(v, '  ')}\n\`\`\`\n`, 8],
];

describe('secrets corpus (true and false positives per secretlint rule)', () => {
  for (const { rule, truePositives, falsePositives } of SECRET_CORPUS) {
    describe(rule, () => {
      truePositives.forEach((value, i) => {
        it(`finds true positive ${i + 1} in prose, frontmatter and a code block, at the secret's line`, async () => {
          for (const [where, source, line] of placements(value)) {
            const problems = await runExample(check, { title: where, source });
            expect(problems.map((p) => p.message).join('\n'), `${where}: ${value}`).toContain(`secretlint ${rule})`);
            expect(problems.some((p) => p.line === line), `${where}: line ${line}`).toBe(true);
            // The secret itself never appears in the report.
            for (const p of problems) expect(p.message).not.toContain(value.split('\n')[0]!.slice(-12));
          }
        });
      });
      falsePositives.forEach((value, i) => {
        it(`leaves false positive ${i + 1} alone (${value.slice(0, 30)})`, async () => {
          for (const [where, source] of placements(value)) expect(await runExample(check, { title: where, source }), where).toEqual([]);
        });
      });
    });
  }
});

describe('secrets outside docs', () => {
  it('scans src/data/ and static/scripts/ on a whole-tree run, positioned at the secret', async () => {
    const root = mkdtempSync(join(tmpdir(), 'secrets-'));
    for (const dir of ['docs', 'src/data/alerts', 'static/scripts']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'docs', 'a.md'), '---\ntype: guide\n---\n\n# A\n');
    writeFileSync(join(root, 'src/data/alerts/x.rules.yml'), 'groups: []\n# token: ghp_xEEsAoCaA2QTqpOoast0vQj8VMtbYo9Mqb5j\n');
    writeFileSync(join(root, 'src/data/.env'), 'SLACK_WEBHOOK=https://hooks.slack.com/services/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\n');
    writeFileSync(join(root, 'static/scripts/deploy.sh'), '#!/bin/sh\nset -eu\nexport NPM_TOKEN=npm_JfWOQgUQudDfZFUWdGvIkgTxzszeomDnTaOa\n');
    writeFileSync(join(root, 'static/scripts/ok.sh'), '#!/bin/sh\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com\n');
    const project = loadProject(root, [], { strictReviews: false, now: NOW });
    const problems = [...(await prepareChecks(project, [check])), ...runChecks(project, [check])];
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${/secretlint ([\w-]+)/.exec(p.message)?.[1]}`)).toEqual([
      'src/data/.env:1:15 slack',
      'src/data/alerts/x.rules.yml:2:10 github',
      'static/scripts/deploy.sh:3:18 npm',
    ]);
  });
});
