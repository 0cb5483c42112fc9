import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Root, TableRow } from 'mdast';
import remarkPlatformDirectives, { loadPlatform } from '../../src/remark/platform-directives.ts';
import { metricLabels, secretKeys } from '../../core/schemas/platform.ts';

const platform = loadPlatform();

/** The page after the site's platform directives ran: each table row as `| cell | cell |`, and the text of the rest. */
async function renderPage(path: string): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkPlatformDirectives);
  const tree = (await processor.run(processor.parse(readFileSync(path, 'utf8')), { path } as never)) as unknown as Root;
  const out: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'tableRow') {
      out.push(`| ${(node as TableRow).children.map((c) => c.children.map((n) => (n.type === 'inlineCode' ? `\`${n.value}\`` : toString(n))).join('')).join(' | ')} |`);
      return 'skip';
    }
    if (node.type === 'paragraph' || node.type === 'leafDirective') {
      out.push(toString(node));
      return 'skip';
    }
    return undefined;
  });
  return out.join('\n');
}

describe('the platform model', () => {
  it('gives http_requests_total service and status, and no colour label', () => {
    const labels = metricLabels(platform, platform.metrics['http_requests_total']!);
    expect([...labels.keys()]).toEqual(expect.arrayContaining(['namespace', 'service', 'status', 'pod']));
    expect(labels.has('color')).toBe(false);
    expect(labels.has('app')).toBe(false);
  });

  it('lists the pg-admin Secret and the secret environment variables as keys of platform-env', () => {
    expect(secretKeys(platform, 'pg-admin')).toEqual(['username', 'password']);
    expect(secretKeys(platform, 'platform-env')).toEqual(expect.arrayContaining(['DATABASE_PASSWORD', 'REDIS_PASSWORD', 'SESSION_SECRET']));
  });
});

describe('reference pages render from the model', () => {
  it('renders the secrets page with pg-admin and its keys', async () => {
    const out = await renderPage('docs/deployment/secrets.md');
    expect(out).toMatch(/\| `pg-admin` \|.*`username`, `password`/);
    expect(out).not.toMatch(/platform-secrets/);
  });

  it('renders the HPA bounds on the scaling page', async () => {
    const out = await renderPage('docs/runbooks/tasks/scaling.md');
    expect(out).toMatch(/\| `api-gateway-blue` \| 3 \| 10 \| 70%/);
    expect(out).toMatch(/\| `worker` \| 1 \| 3 \|/);
  });

  it('renders every metric with its labels on the monitoring page, and Redis with TLS on environments', async () => {
    const monitoring = await renderPage('docs/reference/monitoring.md');
    expect(monitoring).toMatch(/\| `http_requests_total` \| counter \|.*; `status`;/);
    const environments = await renderPage('docs/reference/environments.md');
    expect(environments).toContain('`redis-cli -h redis.production.example.com --tls`');
  });

  it('renders each service\'s environment variables, and a policy figure inline', async () => {
    const vars = await renderPage('docs/reference/environment-variables.md');
    expect(vars).toMatch(/\| `JOB_QUEUE_NAME` \|.*\| `queue:default`/);
    const severity = await renderPage('docs/incident-response/severity-levels.md');
    expect(severity).toContain(`Required, within ${platform.policies['post-mortem-deadline']!.value}`);
  });

  it('renders the severity table and each situation\'s level from the model', async () => {
    const severity = await renderPage('docs/incident-response/severity-levels.md');
    // The usual level's row lists the situation; a stopped worker is SEV2, a delayed job SEV3.
    expect(severity).toMatch(/\| SEV2 \| A major feature broken[^\n]*worker stopped, jobs piling up/);
    expect(severity).toMatch(/\| SEV3 \| [^\n]*AI summaries or other background jobs delayed/);
    expect(severity).not.toMatch(/platform-severity-levels/);
    const architecture = await renderPage('docs/reference/architecture.md');
    expect(architecture).toContain('| SEV3 while jobs are retried; SEV2 when the worker is stopped and jobs pile up |');
    const matrix = await renderPage('docs/rollback/decision-matrix.md');
    expect(matrix).toContain(`| Error rate (5xx) | ${platform.policies['error-rate-rollback-sustained']!.value}, and above its baseline before the change | SEV2 |`);
    expect(matrix).toContain('| Critical flow | Sign-in or checkout broken for many users | SEV1 or SEV2 |');
  });
});
