/**
 * The csp plugin's pass over the built pages (src/plugins/csp): every page gets its policy, except
 * the pages another plugin wrote with the policy already in them (the permalink pages), which it
 * neither reads nor rewrites.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import cspPlugin, { inlineScriptHashes, notePagesWithPolicy, withPolicy } from '../../src/plugins/csp/index.ts';
import { redirectHtml } from '../../src/plugins/permalinks/redirect-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'csp-post-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (script: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${script}</script></head><body></body></html>`;
const policyOf = (html: string) => [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);

describe('csp postBuild', () => {
  it('adds each page its policy, and leaves the pages noted as written with one as they are', async () => {
    mkdirSync(join(dir, 'docs'), { recursive: true });
    mkdirSync(join(dir, 'rb'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'a.html'), page('one()'));
    const redirect = withPolicy(redirectHtml({ from: '/rb/RB-001', to: '/docs/a', canonical: 'https://handbook.example.com/docs/a', title: 'RB-001: A' }));
    writeFileSync(join(dir, 'rb', 'RB-001.html'), redirect);
    // Noted, but without a policy on disk: proves the pass does not touch a noted page.
    writeFileSync(join(dir, 'rb', 'RB-002.html'), page('two()'));
    notePagesWithPolicy(['rb/RB-001.html', 'rb/RB-002.html']);
    const before = statSync(join(dir, 'rb', 'RB-002.html')).mtimeMs;

    await cspPlugin().postBuild!({ outDir: dir } as never);

    const a = readFileSync(join(dir, 'docs', 'a.html'), 'utf8');
    expect(policyOf(a)).toHaveLength(1);
    expect(policyOf(a)[0]).toContain(inlineScriptHashes(a)[0]);
    expect(readFileSync(join(dir, 'rb', 'RB-001.html'), 'utf8')).toBe(redirect);
    expect(policyOf(readFileSync(join(dir, 'rb', 'RB-002.html'), 'utf8'))).toHaveLength(0);
    expect(statSync(join(dir, 'rb', 'RB-002.html')).mtimeMs).toBe(before);
  });

  it("gives a permalink page a policy that allows its own redirect script, after <meta charset>", () => {
    const html = withPolicy(redirectHtml({ from: '/alerts/PodHighMemory', to: '/docs/runbooks/x', canonical: 'https://handbook.example.com/docs/runbooks/x', title: 'T' }));
    const [policy] = policyOf(html);
    const hashes = inlineScriptHashes(html);
    expect(hashes).toHaveLength(1);
    expect(policy).toContain(`script-src 'self' ${hashes[0]};`);
    expect(html.indexOf('<meta charset="utf-8">')).toBeLessThan(html.indexOf('Content-Security-Policy'));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script>'));
  });
});
