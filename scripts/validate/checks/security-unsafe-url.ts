import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { defineCheck, type Report } from '../engine/check.ts';
import { linksOf } from '../engine/facts.ts';
import type { DocFile } from '../engine/types.ts';
import { tagsOf } from '../security/html.ts';
import { blockedScheme, SCHEME_RISK, URL_ATTRIBUTES } from '../security/urls.ts';

/** Frontmatter keys that hold a URL (Docusaurus' `image`, `custom_edit_url`, `slug`; any `*_url`, `links`). */
const URL_KEY = /(url|uri|href|src|link|image|slug|permalink|website|homepage|dashboard)s?$/i;
/** In other keys, only a value that plainly starts with a blocked scheme (`javascript:x`, not `file: not found`). */
const PLAIN_SCHEME = /^\s*(?:javascript|vbscript|file|data):[^\s]/i;

const message = (where: string, scheme: keyof typeof SCHEME_RISK) => ({ where, scheme, risk: SCHEME_RISK[scheme] });

function checkFrontmatter(file: DocFile, report: Report<{ unsafeScheme: string }>): void {
  const fm = file.frontmatter;
  if (!fm?.doc.contents) return;
  const visitNode = (node: YamlNode | null | undefined, key: string, depth: number) => {
    if (!node || depth > 32) return;
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return;
      const scheme = URL_KEY.test(key) || PLAIN_SCHEME.test(node.value) ? blockedScheme(node.value, { decode: false }) : null;
      if (scheme) report(file, { offset: fm.offset + (node.range?.[0] ?? 0) }, 'unsafeScheme', message(`frontmatter \`${key}\``, scheme));
    } else if (isMap(node)) {
      for (const pair of node.items) visitNode(pair.value as YamlNode | null, isScalar(pair.key) ? String(pair.key.value) : key, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) visitNode(item as YamlNode | null, key, depth + 1);
    }
  };
  visitNode(fm.doc.contents as YamlNode, '', 0);
}

export default defineCheck({
  id: 'security/unsafe-url',
  description: 'No `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs in links, images, definitions, HTML and JSX attributes or frontmatter.',
  severity: 'error',
  local: true,
  messages: {
    unsafeScheme: '{where} uses a `{scheme}:` URL, which {risk}. Link to an https:// page or a file under static/ instead',
  },
  docs: {
    why:
      'React only neutralises `javascript:` in `href`. `[Open](data:text/html;base64,…)` ships a whole page that runs ' +
      'its own script when an engineer clicks it, `vbscript:` and `javascript:` in raw HTML run as is, and `file:` ' +
      'links point at the author\'s own disk. Browsers also ignore tabs, newlines and character references inside ' +
      'the scheme, so `java&#x09;script:` is the same link.',
    fix:
      'Link to an https:// page, a doc (`./other-page.md`) or a file under `static/` (`/img/diagram.png`). ' +
      'Inline images may use `data:image/png`, `gif`, `jpeg` or `webp`; SVG must be a file.',
    good: [
      {
        title: 'Web links, files and raster data images',
        source:
          '---\ntype: guide\nsymptoms:\n  - "file: not found"\n---\n\n# Links\n\n[Dashboard](https://grafana.example.com/d/abc) and [the script](/scripts/deploy.sh).\n\n' +
          '![dot](data:image/png;base64,iVBORw0KGgo=)\n\n<a href="https://status.example.com">Status</a>\n',
      },
    ],
    bad: [
      {
        title: 'Script and data URLs in Markdown links, images and definitions',
        source:
          '# Links\n\n[Open the report](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n' +
          '- ![logo](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)\n- [Run](javascript:alert(1))\n\n[local]: file:///etc/passwd\n',
        problems: [
          { at: '3:19', message: '`data:` URL' },
          { at: '5:11', message: '`data:` URL' },
          { at: '6:9', message: '`javascript:` URL' },
          { at: '8:10', message: '`file:` URL' },
        ],
      },
      {
        title: 'Obfuscated schemes in HTML attributes and frontmatter',
        source:
          '---\ntype: guide\ncustom_edit_url: "javascript:alert(1)"\n---\n\n# Links\n\n' +
          '<a href="java&#x09;script:alert(1)">Restart</a>\n\n| Tool | Link |\n| --- | --- |\n| x | <a href="VBScript:msgbox(1)">x</a> |\n\n' +
          ':::note\n\n<img src="  data:text/html,x">\n\n:::\n',
        problems: [
          { at: '3:18', message: 'frontmatter `custom_edit_url` uses a `javascript:` URL' },
          { at: '8:10', message: '`javascript:` URL' },
          { at: '12:16', message: '`vbscript:` URL' },
          { at: '16:11', message: '`data:` URL' },
        ],
      },
      {
        title: 'A JSX string in an .mdx page',
        path: 'docs/example.mdx',
        source: "# Links\n\n<a href={'javascript:alert(1)'}>Open</a>\n",
        problems: [{ at: '3:9', message: '`javascript:` URL' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    for (const link of linksOf(file, project)) {
      const scheme = blockedScheme(link.url, { decode: false });
      if (!scheme) continue;
      const at = link.urlOffset !== undefined ? { offset: link.urlOffset } : link.position;
      report(file, at, 'unsafeScheme', message(link.kind === 'image' ? 'image' : link.kind === 'definition' ? 'link definition' : 'link', scheme));
    }
    for (const tag of tagsOf(file, project)) {
      for (const a of tag.attributes) {
        const name = a.name.toLowerCase();
        if (a.value === null || !URL_ATTRIBUTES.has(name)) continue;
        const urls = name.endsWith('srcset') ? a.value.split(',').map((u) => u.trim().split(/\s+/)[0] ?? '') : [a.value];
        const scheme = urls.map((u) => blockedScheme(u)).find((s) => s !== null);
        if (scheme) report(file, { offset: a.valueStart }, 'unsafeScheme', message(`\`${a.name}\` on \`<${tag.name}>\``, scheme));
      }
    }
    checkFrontmatter(file, report);
  },
});
