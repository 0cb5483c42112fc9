/**
 * Generates a synthetic docs tree for benchmarks: N realistic runbook-shaped pages with frontmatter,
 * sections, lists, code blocks and links to each other.
 *
 *   npx tsx scripts/bench/generate-tree.ts <out-dir> [count]
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['api-gateway', 'web', 'worker'];
const ALERTS = ['ApiHighErrorRate', 'ApiHighLatency', 'PodHighMemory', 'KubePodCrashLooping'];

function page(i: number, count: number): string {
  const id = `RB-${String(i + 1).padStart(3, '0')}`;
  const service = SERVICES[i % SERVICES.length]!;
  const next = (i + 1) % count;
  const section = Math.floor(next / 100);
  // Runbook ids have three digits: past RB-999 the pages are troubleshooting guides.
  const runbook = i < 999;
  const head =
    runbook
      ? `type: runbook\nrunbook_id: ${id}\nseverity: SEV${(i % 4) + 1}\nalerts: [${ALERTS[i % ALERTS.length]}]`
      : 'type: troubleshooting';
  return `---
${head}
title: Synthetic page ${i}
description: A generated page for benchmarks, shaped like a real runbook.
services: [${service}]
owner: platform-sre
symptoms:
  - "error ${i}: connection refused"
  - "CrashLoopBackOff"
last_reviewed: 2026-11-01
review_interval: 90d
tags: [runbook, kubernetes]
related: [../section-${section}/page-${next}.md#diagnosis]
---

## First response

1. Check for a deployment of ${service} in the last hour; if there is one, switch back.
2. Post in the incident channel what you see.

Escalate to the owner team when errors stay above 1% for 15 minutes.

## Variables

| Placeholder | Meaning |
| --- | --- |
| \`<pod-name>\` | A pod of the service |

## Symptoms

The ${service} service reports errors. See [the next page](../section-${section}/page-${next}.md#verification).

## Impact

Users see failed requests.

## Diagnosis

1. Check the pods:

   \`\`\`bash
   kubectl get pods -n production -l app=${service}
   kubectl describe pod <pod-name> -n production
   \`\`\`

2. Read the logs:

   \`\`\`bash
   kubectl logs deployment/${service}-blue -n production --since=15m | grep -i error
   \`\`\`

| Signal | Threshold |
| --- | --- |
| Error rate | 1% |
| p95 latency | 300 ms |

## ${runbook ? 'Mitigation' : 'Fixes'}

:::warning

Restarting drops in-flight requests.

:::

\`\`\`bash
kubectl rollout restart deployment/${service}-blue -n production
\`\`\`

## Verification

Watch the error rate return below 0.1%.

## Rollback

See the rollback procedure.

## Escalation

Page the owner team.
`;
}

export function generateTree(outDir: string, count: number): void {
  mkdirSync(join(outDir, 'docs'), { recursive: true });
  copyFileSync(join(ROOT, 'docs', 'tags.yml'), join(outDir, 'docs', 'tags.yml'));
  for (let i = 0; i < count; i++) {
    const dir = join(outDir, 'docs', `section-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `page-${i}.md`), page(i, count));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, count = '1000'] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: tsx scripts/bench/generate-tree.ts <out-dir> [count]\n');
    process.exit(2);
  }
  generateTree(out, Number(count));
  process.stdout.write(`Generated ${count} docs in ${out}\n`);
}
