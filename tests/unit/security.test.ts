import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { runChecks } from '../../scripts/validate/engine/runner.ts';
import { allowed, readAllowlist } from '../../scripts/validate/security/mdx-allowlist.ts';
import { blockedScheme } from '../../scripts/validate/security/urls.ts';
import { NOW, ROOT } from '../helpers/examples.ts';

const checks = (await loadChecks()).filter((c) => c.id.startsWith('security/'));
const run = (files: Record<string, string>, root = ROOT) => runChecks(projectFromMemory(root, files, { strictReviews: false, now: NOW }), checks);

describe('unsafe content', () => {
  it('refuses what the issue found shipping (script, data: link, onerror image, iframe, MDX export of code)', () => {
    const problems = run({
      'docs/a.md': '# A\n\n<script>alert(1)</script>\n\n[x](data:text/html;base64,PHNjcmlwdD4=)\n\n<img src=x onerror=alert(1)>\n\n<iframe src="https://example.com"></iframe>\n',
      'docs/b.mdx': "import x from 'left-pad';\n\nexport const f = () => 1;\n\n# B\n",
    });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'docs/a.md:3:1 security/active-html',
      'docs/a.md:5:5 security/unsafe-url',
      'docs/a.md:7:12 security/event-handler',
      'docs/a.md:9:1 security/active-html',
      'docs/b.mdx:1:15 security/mdx-esm',
      'docs/b.mdx:3:18 security/mdx-esm',
    ]);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('finds script URLs set by SVG animation and srcset candidates', () => {
    const problems = run({ 'docs/a.md': '# A\n\n<svg><a><animate attributeName="href" values="javascript:alert(1)" /><text>x</text></a></svg>\n\n<img srcset="/a.png 1x, javascript:x 2x">\n' });
    expect(problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['3:47 security/unsafe-url', '5:14 security/unsafe-url']);
  });

  it('ignores tags in code blocks, inline code, comments and escaped text', () => {
    expect(run({ 'docs/a.md': '# A\n\n`<script>`\n\n```html\n<iframe src="x"></iframe>\n```\n\n    <script>indented</script>\n\n<!-- <script>x</script> -->\n\n\\<script>\n' })).toEqual([]);
  });

  it('reads every obfuscation of a blocked scheme a browser accepts', () => {
    for (const url of ['javascript:x', 'JaVaScRiPt:x', ' java\tscript:x', 'java&#x09;script:x', '&#106;avascript:x', 'javascript&colon;x', 'java\u200bscript:x', 'data:image/svg+xml,<svg>', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x']) {
      expect(blockedScheme(url), url).not.toBeNull();
    }
    for (const url of ['https://example.com', '/docs/x', './a.md#javascript:x', 'mailto:oncall@example.com', 'data:image/png;base64,AAAA', 'data:image/webp,x', 'tel:+1']) {
      expect(blockedScheme(url), url).toBeNull();
    }
  });

  it('allows MDX imports listed with a reason in security.config.yml, and names a missing reason', () => {
    const root = mkdtempSync(join(tmpdir(), 'mdx-allow-'));
    writeFileSync(join(root, 'security.config.yml'), 'mdx_imports:\n  - module: "@site/src/data/catalog.yml"\n    reason: "Catalog tables rendered at build time; reviewed data."\n  - module: "@site/static/snippets/"\n    reason: "Reviewed snippet files shown on pages."\n');
    const list = readAllowlist(root);
    expect(list.error).toBeUndefined();
    expect(allowed(list, '@site/src/data/catalog.yml')).toBe(true);
    expect(allowed(list, '@site/static/snippets/a.js')).toBe(true);
    expect(allowed(list, '@site/src/data/other.yml')).toBe(false);
    expect(allowed(list, '@theme/Tabs')).toBe(true);
    expect(allowed(list, '@site/src/components/../x')).toBe(false);
    expect(run({ 'docs/a.mdx': "import c from '@site/src/data/catalog.yml';\n\n# A\n" }, root)).toEqual([]);

    const bad = mkdtempSync(join(tmpdir(), 'mdx-allow-'));
    writeFileSync(join(bad, 'security.config.yml'), 'mdx_imports:\n  - module: left-pad\n');
    const problems = run({ 'docs/a.mdx': "import p from 'left-pad';\n\n# A\n" }, bad);
    expect(problems[0]!.message).toContain('security.config.yml: mdx_imports.0.reason');
  });
});
