import { defineCheck } from '../engine/check.ts';
import { tagsOf } from '../security/html.ts';

/** CSS escapes (`\75 rl(`) and comments (`u/**\/rl(`) are undone before looking for `url(` and `expression(`. */
function normalizeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_w, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/\\(.)/g, '$1')
    .toLowerCase();
}

const ACTIVE_CSS = /(url|expression|image-set|image|cross-fade|element)\s*\(|@import|behavior\s*:|-moz-binding/;

export default defineCheck({
  id: 'security/style-url',
  description: 'No inline `style` that loads or runs anything: `url(`, `expression(`, `image-set(`, `@import`, `behavior:`.',
  severity: 'error',
  local: true,
  messages: {
    activeStyle: '`style` on `<{tag}>` uses `{what}`, which makes readers\' browsers load or run something; remove it and use an image or the site CSS',
  },
  docs: {
    why:
      '`style="background: url(https://tracker.example.com/p.gif)"` makes every reader\'s browser fetch an outside ' +
      'address (telling it who read the page, and when), and old engines run `expression(…)` as script.',
    fix:
      'Remove the style. Put images in `static/img/` and use Markdown `![alt](/img/…)`; site-wide styling belongs ' +
      'in `src/css/custom.css`.',
    good: [
      {
        title: 'Plain inline styles',
        source: '# Legend\n\n<span style="color: #c00; font-weight: bold">Critical</span>\n',
      },
    ],
    bad: [
      {
        title: 'A remote background and an expression',
        source:
          '# Legend\n\n<div style="background: url(https://tracker.example.com/p.gif)">Text</div>\n\n' +
          '| Key | Value |\n| --- | --- |\n| a | <span style="width: expression(alert(1))">x</span> |\n\n<p style="background: \\75 rl(x.gif)">Escaped</p>\n',
        problems: [
          { at: '3:13', message: '`url(`' },
          { at: '7:20', message: '`expression(`' },
          { at: '9:11', message: '`url(`' },
        ],
      },
      {
        title: 'A JSX style object in an .mdx page',
        path: 'docs/example.mdx',
        source: "# Legend\n\n<div style={{ backgroundImage: 'url(https://tracker.example.com/p.gif)' }}>Text</div>\n",
        problems: [{ at: '3:12', message: '`url(`' }],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    for (const tag of tagsOf(file, project)) {
      for (const a of tag.attributes) {
        if (a.name.toLowerCase() !== 'style') continue;
        const css = normalizeCss(a.expression ? a.raw : a.value ?? '');
        const m = ACTIVE_CSS.exec(css);
        if (!m) continue;
        const what = m[1] ? `${m[1]}(` : m[0].replace(/\s+/g, '');
        report(file, { offset: a.valueStart }, 'activeStyle', { tag: tag.name, what });
      }
    }
  },
});
