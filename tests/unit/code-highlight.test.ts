/**
 * The build-time highlighter (src/code-highlight/highlight.ts) against prism-react-renderer's own
 * rendering, on every fenced block of the shipped docs: the same tokens, and each token's classes
 * resolve, through the generated stylesheet, to the style the theme's client-side highlighter gives
 * it, in both themes. Placeholders are marked as the client's code line marks them.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Highlight, themes, type PrismTheme } from 'prism-react-renderer';
import { describe, expect, test } from 'vitest';
import { createHighlighter, loadLanguages } from '../../src/code-highlight/highlight.ts';
import { lightCodeTheme } from '../../src/prism-theme.ts';
import { markPlaceholders } from '../../src/placeholders/text.ts';
import { unmarkLine } from '../../src/placeholders/marked-tokens.ts';
import { readDocs } from '../e2e/site.ts';

loadLanguages(['bash', 'sql']);
const THEMES = { light: lightCodeTheme, dark: themes.vsDark };
const highlighter = createHighlighter(THEMES);
const css = highlighter.css();

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const decode = (html: string): string => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** `.hl-<key><n>` → its declarations, read from the generated CSS, under the theme's scope. */
function classTable(key: 'l' | 'd'): Map<string, string> {
  const scope = key === 'l' ? "html:not([data-theme='dark']) .hl-static" : "html[data-theme='dark'] .hl-static";
  const table = new Map<string, string>();
  for (const line of css.split('\n')) {
    const m = /^(.*) \.(hl-[ld]\d+)\{([^}]*)\}$/.exec(line);
    if (m && m[1] === scope && m[2]!.startsWith(`hl-${key}`)) table.set(m[2]!, m[3]!);
  }
  return table;
}

type Shown = { text: string; classes: string; style: string[] };

/** Each token as the build's HTML has it: text, prism classes, and the declarations its style classes select in one theme. */
function built(html: string, key: 'l' | 'd'): Shown[] {
  const table = classTable(key);
  return [...html.matchAll(/<span class="([^"]*)">([^<]*)<\/span>/g)].map(([, cls, text]) => {
    const classes = cls!.split(' ');
    const style = classes.flatMap((c) => (table.has(c) ? [table.get(c)!] : c === 'hl-e' ? ['display:inline-block'] : []));
    return { text: decode(text!), classes: classes.filter((c) => !/^hl-[ld]\d+$|^hl-e$/.test(c)).join(' '), style: style.sort() };
  });
}

/** Each token as prism-react-renderer's Highlight renders it with the theme's CodeBlock/Line (empty-line fix, placeholder marks). */
function client(code: string, language: string, theme: PrismTheme, marked: boolean): Shown[] {
  const shown: Shown[] = [];
  renderToStaticMarkup(
    createElement(Highlight, {
      theme,
      code,
      language,
      children: ({ tokens, getTokenProps }) => {
        for (const raw of tokens) {
          const fixed = raw.length === 1 && raw[0]!.content === '\n' ? [{ ...raw[0]!, content: '' }] : raw;
          for (const token of marked ? unmarkLine(fixed) : fixed) {
            const props = getTokenProps({ token });
            const style = Object.entries(props.style ?? {})
              .filter(([, value]) => value !== undefined)
              .map(([name, value]) => `${kebab(name)}:${value}`);
            shown.push({ text: token.content, classes: String(props.className), style: style.sort() });
          }
        }
        return null;
      },
    }),
  );
  return shown;
}

const blocks = readDocs()
  .flatMap((doc) => [...doc.body.matchAll(/^(`{3,})(\w+)[^\n]*\n([\s\S]*?)\n\1$/gm)].map((m) => ({ source: doc.source, language: m[2]!.toLowerCase(), code: m[3]! })))
  .filter((block) => block.language !== 'mermaid');

describe('build-time highlighting', () => {
  test('the docs have blocks of several languages, placeholders among them', () => {
    expect(new Set(blocks.map((b) => b.language)).size).toBeGreaterThanOrEqual(4);
    expect(blocks.some((b) => b.language === 'bash' && /<[a-z][a-z-]*>/.test(b.code))).toBe(true);
  });

  test('every docs block: the theme\'s tokens and styles, light and dark', () => {
    let compared = 0;
    for (const { source, language, code: written } of blocks) {
      const marked = language === 'bash' && written.includes('<');
      const code = marked ? markPlaceholders(written, {}) : written;
      const html = highlighter.html(code, language, marked ? unmarkLine : undefined);
      for (const [key, theme] of [['l', THEMES.light], ['d', THEMES.dark]] as const) {
        expect(built(html, key), `${source}, a ${language} block, ${key === 'l' ? 'light' : 'dark'}`).toEqual(client(code, language, theme, marked));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  test('the stylesheet sets each theme\'s code colours per data-theme', () => {
    expect(css).toContain(`html:not([data-theme='dark']) .hl-static{--prism-color:${THEMES.light.plain.color};--prism-background-color:${THEMES.light.plain.backgroundColor}}`);
    expect(css).toContain(`html[data-theme='dark'] .hl-static{--prism-color:${THEMES.dark.plain.color};--prism-background-color:${THEMES.dark.plain.backgroundColor}}`);
  });

  test('text is escaped', () => {
    expect(highlighter.html('echo "<b>&amp;</b>"', 'bash')).not.toMatch(/<b>/);
    expect(decode(highlighter.html('a <b> & c', 'text').replace(/<[^>]+>/g, ''))).toBe('a <b> & c');
  });
});
