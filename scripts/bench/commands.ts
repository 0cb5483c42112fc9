/**
 * npm run bench:commands — how far the commands/* checks can be trusted, then how fast they are.
 *
 * 1. On the real-command corpus (tests/fixtures/commands-real, commands from the tools' own docs):
 *    false positives (commands with any error from commands/syntax, unknown-command or flags; bound
 *    ≤ 1%, each listed with its source) and typo-mutation recall (bound ≥ 95%). See commands-quality.ts.
 * 2. Time on generated pages holding 1,000, 5,000 and 10,000 shell blocks (a realistic mix of
 *    kubectl, helm, psql, curl and redis-cli commands, in lists and block quotes), cold (first
 *    parse) and warm (parse cache hit, as on a re-run).
 */
import { loadChecks } from '../validate/checks/index.ts';
import { projectFromMemory } from '../validate/engine/load.ts';
import { prepareChecks, runChecks } from '../validate/engine/runner.ts';
import { falsePositives, loadCorpus, mutationRecall, REAL_CORPUS } from './commands-quality.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const COMMANDS = [
  'kubectl -n staging get pods -l app=web -o wide',
  'kubectl -n staging logs deploy/web --since=10m --tail=200',
  'kubectl --context staging -n staging rollout status deployment/api-gateway --timeout=5m',
  'helm -n staging history platform --max 5',
  'psql -h pg.staging.example.com -U platform_app -d platform -c "SELECT count(*) FROM jobs;"',
  'curl -fsS -H "Authorization: Bearer $TOKEN" https://api.staging.example.com/healthz | jq .status',
  'redis-cli -h redis.staging.example.com --tls --scan --pattern "session:*" | head -20',
  'for p in $(kubectl -n staging get pods -o name); do kubectl -n staging describe "$p"; done',
];

function page(blocks: number, seed: number): string {
  const parts = ['---\ntype: guide\ntitle: Bench\ndescription: Generated.\nowner: platform-sre\nlast_reviewed: 2026-11-01\nreview_interval: 90d\n---\n\n# Bench\n\n`TOKEN` is an API token.\n'];
  for (let i = 0; i < blocks; i++) {
    const n = seed * 1000 + i;
    const cmd = `${COMMANDS[n % COMMANDS.length]} # ${n}`;
    const style = n % 3;
    if (style === 0) parts.push(`\n\`\`\`bash\n${cmd}\n${COMMANDS[(n + 1) % COMMANDS.length]}\n\`\`\`\n`);
    else if (style === 1) parts.push(`\n1. Step ${n}:\n\n   \`\`\`bash\n   ${cmd}\n   \`\`\`\n`);
    else parts.push(`\n> \`\`\`console\n> $ ${cmd}\n> output\n> \`\`\`\n`);
  }
  return parts.join('');
}

const checks = (await loadChecks()).filter((c) => c.id.startsWith('commands/'));

// `-- --timing-only`: only the timings (to compare speed with a build that has no corpus).
const timingOnly = process.argv.includes('--timing-only');
const corpus = timingOnly ? [] : loadCorpus();
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;
if (!timingOnly) quality();
function quality() {
  const fp = falsePositives(corpus, checks);
  const tools = [...new Set(corpus.map((c) => c.tool))];
  console.log(`Real commands (${REAL_CORPUS}): ${corpus.length} (${tools.map((t) => `${t} ${corpus.filter((c) => c.tool === t).length}`).join(', ')})`);
  console.log(`false positives: ${fp.flagged.length} of ${fp.total} = ${pct(fp.flagged.length, fp.total)} (bound ≤ 1%); ${fp.warned} more get only warnings (spec gaps named)`);
  const perTool = tools.map((t) => {
    const n = corpus.filter((c) => c.tool === t).length;
    const k = fp.flagged.filter((f) => f.command.tool === t).length;
    return `${t} ${k}/${n} = ${pct(k, n)}`;
  });
  console.log(`  per tool: ${perTool.join(', ')}`);
  for (const f of fp.flagged) console.log(`  ${f.command.repo.replace('https://github.com/', '')}/${f.command.path}:${f.command.line}  ${f.command.command.split('\n')[0]}\n      ${f.problems.join('\n      ')}`);
  console.log(`real commands taken for output, YAML, JSON or PromQL (commands/not-a-command): ${fp.misread.length}`);
  for (const f of fp.misread) console.log(`  ${f.command.repo.replace('https://github.com/', '')}/${f.command.path}:${f.command.line}  ${f.command.command.split('\n')[0]}`);
  const recall = mutationRecall(corpus.map((c) => c.command), checks);
  console.log(`typo-mutation recall: ${recall.caught} of ${recall.total} mutants = ${pct(recall.caught, recall.total)} (bound ≥ 95%); as errors: ${pct(recall.asError, recall.total)}, the rest as spec-gap warnings`);
  for (const m of recall.missed.slice(0, 20)) console.log(`  missed: ${m.what}  (${m.text})`);
  console.log('');
}

console.log('blocks  pages  cold ms  warm ms  µs/block (cold)');
for (const total of [1000, 5000, 10000]) {
  const perPage = 25;
  const files: Record<string, string> = {};
  for (let i = 0; i < total / perPage; i++) files[`docs/bench/p${total}-${i}.md`] = page(perPage, total + i);
  const run = async () => {
    const project = projectFromMemory(ROOT, files, { strictReviews: false, now: new Date() });
    const started = performance.now();
    await prepareChecks(project, checks);
    const problems = runChecks(project, checks);
    return { ms: performance.now() - started, problems };
  };
  const cold = await run();
  const warm = await run();
  const errors = cold.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`bench pages should be clean: ${JSON.stringify(errors.slice(0, 3))}`);
  console.log(`${String(total).padStart(6)}  ${String(total / perPage).padStart(5)}  ${cold.ms.toFixed(0).padStart(7)}  ${warm.ms.toFixed(0).padStart(7)}  ${((cold.ms * 1000) / total).toFixed(0).padStart(8)}`);
}
