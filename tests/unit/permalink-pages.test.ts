import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Link, LinkReference, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { redirectFile, redirectHtml } from '../../src/plugins/permalinks/redirect-page.ts';
import { brokenPermalinkLinks, permalinkLinks } from '../../src/plugins/permalinks/link-check.ts';
import remarkPermalinkLinks from '../../src/remark/permalink-links.ts';

describe('permalink redirect pages', () => {
  const page = redirectHtml({
    from: '/rb/RB-007',
    to: '/docs/runbooks/rb-007-x',
    canonical: 'https://ops-handbook.example.com/docs/runbooks/rb-007-x',
    title: 'RB-007: Pods <pending> & "stuck"',
  });

  it('redirects with and without JavaScript, keeping the #fragment, and names the canonical page', () => {
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/docs/runbooks/rb-007-x">');
    expect(page).toContain('<script>location.replace("/docs/runbooks/rb-007-x"+location.hash)</script>');
    expect(page).toContain('<link rel="canonical" href="https://ops-handbook.example.com/docs/runbooks/rb-007-x">');
    expect(page).toContain('<meta name="robots" content="noindex">');
  });

  it('shows a link to the runbook, with the title escaped', () => {
    expect(page).toContain('<code>/rb/RB-007</code> leads to <a href="/docs/runbooks/rb-007-x">RB-007: Pods &lt;pending&gt; &amp; &quot;stuck&quot;</a>');
    expect(page).toContain('<title>RB-007: Pods &lt;pending&gt; &amp; &quot;stuck&quot;</title>');
  });

  it('cannot be closed early by a target that contains </script>', () => {
    const odd = redirectHtml({ from: '/rb/RB-001', to: '/docs/x</script><script>alert(1)', canonical: 'https://e.example.com/', title: 't' });
    expect(odd.match(/<\/script>/g)).toHaveLength(1);
    expect(odd).toContain('"/docs/x\\u003c/script>\\u003cscript>alert(1)"');
  });

  it('is the file Docusaurus would write for the route', () => {
    expect(redirectFile('/rb/RB-007', false)).toBe('rb/RB-007.html');
    expect(redirectFile('/alerts/PodHighMemory', true)).toBe('alerts/PodHighMemory/index.html');
    expect(redirectFile('/alerts/PodHighMemory', undefined)).toBe('alerts/PodHighMemory/index.html');
  });

  it.each(['/rb/../index', '/alerts/a b', '/alerts/x?y'])('refuses %s as a file name', (from) => {
    expect(() => redirectFile(from, false)).toThrow(/cannot be a file name/);
  });
});

describe('links to permalinks', () => {
  const run = (markdown: string): Root => {
    const processor = unified().use(remarkParse).use(remarkPermalinkLinks);
    return processor.runSync(processor.parse(markdown)) as Root;
  };
  const links = (tree: Root) => {
    const found: Array<{ url?: string; target?: unknown }> = [];
    visit(tree, ['link', 'linkReference'], (node) => {
      const link = node as Link | LinkReference;
      found.push({ url: link.type === 'link' ? link.url : undefined, target: link.data?.hProperties?.['target'] });
    });
    return found;
  };

  it('become plain same-tab links (pathname://), inline or by reference; other links are left alone', () => {
    const tree = run('[RB-007](/rb/RB-007#rollback), [alert](/alerts/PodHighMemory), [ref][r], [doc](/docs/runbooks/x), [rb](/rb/)\n\n[r]: /rb/RB-001\n');
    expect(links(tree)).toEqual([
      { url: 'pathname:///rb/RB-007#rollback', target: '_self' },
      { url: 'pathname:///alerts/PodHighMemory', target: '_self' },
      { url: undefined, target: '_self' },
      { url: '/docs/runbooks/x', target: undefined },
      { url: '/rb/', target: undefined },
    ]);
    let definition = '';
    visit(tree, 'definition', (node) => {
      definition = node.url;
    });
    expect(definition).toBe('pathname:///rb/RB-001');
  });

  it('are found in built HTML, quoted or not (fragments and queries dropped), only under the prefixes', () => {
    const html = `<a href="/rb/RB-007#x">a</a> <a href=/alerts/Nope target=_self>b</a> <a class="c" href='/alerts/PodHighMemory?x=1'>c</a> <a href="/docs/rb/RB-1">d</a> <a href=/rb/>e</a>`;
    expect(permalinkLinks(html, ['/rb/', '/alerts/'])).toEqual(['/rb/RB-007', '/alerts/Nope', '/alerts/PodHighMemory']);
  });

  it('without a page fail the build, naming the page that links', async () => {
    const out = mkdtempSync(join(tmpdir(), 'permalink-links-'));
    try {
      mkdirSync(join(out, 'docs'));
      writeFileSync(join(out, 'docs', 'a.html'), '<a href=/rb/RB-007>ok</a><a href="/alerts/Gone">gone</a>');
      writeFileSync(join(out, 'index.html'), '<a href="/rb/RB-999#x">missing</a>');
      // The permalink pages are not read (each links to its doc only): half the pages of a large tree.
      mkdirSync(join(out, 'rb'));
      writeFileSync(join(out, 'rb', 'RB-007.html'), '<a href="/rb/RB-998">not read</a>');
      expect(await brokenPermalinkLinks(out, ['/rb/', '/alerts/'], new Set(['/rb/RB-007']))).toEqual(['docs/a.html: /alerts/Gone', 'index.html: /rb/RB-999']);
      writeFileSync(join(out, 'rb', 'RB-006.html'), '<a href="/rb/RB-998">read: not a permalink page</a>');
      expect(await brokenPermalinkLinks(out, ['/rb/', '/alerts/'], new Set(['/rb/RB-007']))).toContain('rb/RB-006.html: /rb/RB-998');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
