import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { runChecks } from '../../scripts/validate/engine/runner.ts';
import { falsePositives, loadCorpus, mutationRecall } from '../../scripts/bench/commands-quality.ts';
import { specFor, toolbox } from '../../scripts/validate/commands/specs.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = await loadChecks();
const commandChecks = checks.filter((c) => c.id.startsWith('commands/') && c.id !== 'commands/catalog');
const corpus = loadCorpus();
// Thousands of pages are checked: allow for a busy machine (this bounds nothing about speed).
const SLOW = { timeout: 300_000 };

function run(source: string) {
  const p = projectFromMemory(ROOT, { 'docs/t.md': source }, { strictReviews: false, now: NOW });
  p.targets = new Set(['docs/t.md']);
  return runChecks(p, commandChecks).map((x) => `${x.line}:${x.column} ${x.severity} ${x.rule} ${x.message}`);
}

describe('real commands from the tools’ own documentation', () => {
  it('is a corpus of at least 1,500 commands, each with its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    for (const c of corpus) {
      // A repository at a commit; or a published artifact (npm's registry tarball, a Node.js release's docs) by its digest.
      expect(c.repo).toMatch(/^https:\/\/(github\.com\/[\w-]+\/[\w.-]+|registry\.npmjs\.org\/[\w-]+\/-\/[\w.-]+\.tgz)$/);
      expect(c.commit).toMatch(/^([0-9a-f]{40}|sha256:[0-9a-f]{64}|sha512-[A-Za-z0-9+/]{86}==)$/);
      expect(c.line).toBeGreaterThan(0);
      expect(c.command.startsWith(`${c.tool} `)).toBe(true);
    }
  });

  it('gets an error on at most 1% of the commands (false positives)', SLOW, () => {
    const fp = falsePositives(corpus, checks);
    expect(fp.flagged.length / fp.total).toBeLessThanOrEqual(0.01);
    // No real command is taken for output, YAML, JSON or PromQL.
    expect(fp.misread.map((m) => m.command.command)).toEqual([]);
  });

  it('reports at least 95% of typo mutations at the mutated word', SLOW, () => {
    const recall = mutationRecall(
      corpus.map((c) => c.command),
      checks,
    );
    expect(recall.total).toBeGreaterThan(10_000);
    expect(recall.caught / recall.total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('generated specs', () => {
  it('record their source and version, and the toolbox uses them', () => {
    for (const tool of ['git', 'helm', 'curl', 'kubectl', 'psql', 'pg_dump', 'pg_restore', 'gh', 'terraform', 'aws', 'redis-cli', 'openssl']) {
      const data = JSON.parse(readFileSync(join(ROOT, 'scripts/validate/commands/specs', `${tool}.json`), 'utf8')) as {
        version: string;
        source: { repo: string; ref: string; commit: string; paths: string[] };
      };
      expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(data.source.paths.length).toBeGreaterThan(0);
      expect(toolbox.tools[tool]).toMatchObject({ spec: 'generated', version: data.version });
      expect(specFor(tool)?.complete).toBe(true);
    }
  });

  it('know the commands and flags the issue found missing', () => {
    expect(run('# T\n\n```bash\ngit rev-list --count HEAD\ngit ls-files -z\ngit for-each-ref --format="%(refname)" refs/heads\ngit log --max-count=5\n' +
      'git clone --recursive https://example.com/repo.git\ngit ls-remote --heads origin\ngit grep --recurse-submodules foo\ngit maintenance run --task=gc\n' +
      'helm hist web --max 3\nhelm ls -A\ncurl --include https://example.com\n' +
      'kubectl create deployment web --image=nginx --replicas=2\nkubectl top pod --containers\nkubectl apply -f - --dry-run\nkubectl -v 6 get pods\n' +
      'pg_dump -d platform --filter=filter.txt --exclude-extension=pg_cron\npg_restore --transaction-size=1000 -l db.dump\npsql -X --csv -v ON_ERROR_STOP=1 -c "SELECT 1"\n```\n')).toEqual([]);
  });

  it('report a typo in a complete list as an error, an unknown word where the list is open as a warning that names the gap', () => {
    const problems = run('# T\n\n```bash\ngit chekout main\nkubectl get pods --selectr app=web\ngh pr lsit\n```\n');
    expect(problems[0]).toMatch(/^4:5 error commands\/flags unknown subcommand `chekout` for `git`\. Did you mean `checkout`\?/);
    expect(problems[1]).toMatch(/^5:18 error commands\/flags unknown flag `--selectr` for `kubectl get`\. Did you mean `--selector`\?/);
    expect(problems[2]).toMatch(/^6:7 warning commands\/flags unknown subcommand `lsit` for `gh pr`.*aliases.*Did you mean `list`\?/);
    expect(problems).toHaveLength(3);
  });
});

describe('lines that are not commands', () => {
  it('get one problem per block, not an unknown command per line', () => {
    const problems = run('# T\n\n```bash\nkubectl -n staging get pods\nNAME      READY   STATUS    RESTARTS   AGE\nweb-1     1/1     Running   0          5m\nweb-2     1/1     Running   0          5m\n```\n');
    expect(problems).toEqual([expect.stringMatching(/^5:1 error commands\/not-a-command line 2 of this `bash` block is command output, not a command \(3 such lines\)/)]);
  });

  it('still checks the command lines around them, at their exact positions', () => {
    const problems = run('# T\n\n- Step:\n\n  ```bash\n  kubctl get pods\n  apiVersion: v1\n  kind: Pod\n  ```\n');
    expect(problems).toContainEqual(expect.stringMatching(/^6:3 error commands\/unknown-command unknown command `kubctl`/));
    expect(problems).toContainEqual(expect.stringMatching(/^7:3 error commands\/not-a-command line 2 of this `bash` block is YAML/));
  });

  it('leave heredoc bodies, multi-line JSON arguments and shell groups alone', () => {
    const source =
      '# T\n\n```bash\nkubectl -n staging apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nEOF\n' +
      "kubectl -n staging patch deploy web -p '\n{\n  \"spec\": {\"replicas\": 2}\n}'\nretry() {\n  kubectl -n staging get pods\n}\n```\n";
    expect(run(source)).toEqual([]);
  });

  it('name output that starts like a YAML key as output', () => {
    expect(run('# T\n\n```bash\nerror: the server does not have a resource type "pdo"\n```\n')).toEqual([expect.stringMatching(/line 1 of this `bash` block is command output/)]);
  });

  it('recognise a --help flag listing and a diff as output, and leave `...` (elided lines) alone', () => {
    expect(run('# T\n\n```bash\nhelm status --help\n  -h, --help              help for status\n      --revision int      if set, display the status of the named release with revision\n```\n')).toEqual([
      expect.stringMatching(/^5:3 error commands\/not-a-command line 2 of this `bash` block is command output, not a command \(2 such lines\)/),
    ]);
    expect(run('# T\n\n```bash\ngit diff\n--- a/values.yaml\n+++ b/values.yaml\n@@ -1,2 +1,2 @@\n```\n')).toHaveLength(1);
    expect(run('# T\n\n```bash\nkubectl -n staging get pods\n...\nkubectl -n staging get svc\n```\n')).toEqual([]);
  });

  it('name JSON and PromQL with the fence to use', () => {
    expect(run('# T\n\n```sh\n{"status": "ok"}\n```\n')).toEqual([expect.stringMatching(/not-a-command line 1 of this `sh` block is JSON, not a command: use ```json/)]);
    expect(run('# T\n\n```shell\nhistogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))\n```\n')).toEqual([
      expect.stringMatching(/line 1 of this `shell` block is PromQL, not a command: use ```promql/),
    ]);
  });
});
