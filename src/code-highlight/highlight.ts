/**
 * Code highlighting at build time. The remark plugin (src/remark/highlight-code.ts) tokenizes each
 * code block with the same Prism as the theme's client highlighter (prism-react-renderer's, with the
 * same extra grammars) and stores the lines as HTML; the CodeBlock wrapper (src/theme/CodeBlock)
 * renders that HTML, so the browser neither loads Prism nor tokenizes at hydration or after a
 * client-side navigation.
 *
 * The HTML has no inline style: each token gets, besides prism-react-renderer's `token <types>`
 * classes, one class per style property of its style in the light theme (`hl-l<n>`) and in the dark
 * theme (`hl-d<n>`), and `themeCss()` maps these classes to the properties under each
 * `data-theme`. A token's style is computed as prism-react-renderer's getTokenProps computes it, so
 * the computed colours are those of the theme's client-side rendering, in both themes, and switching
 * the theme needs no re-render.
 */
import { Prism, normalizeTokens, type PrismTheme, type Token } from 'prism-react-renderer';
import { createRequire } from 'node:module';
import { escapeHtmlText } from '../html-escape.ts';

export type CodeThemes = { light: PrismTheme; dark: PrismTheme };
type Style = Record<string, string | number | undefined>;
type Dict = Record<string, Style | undefined>;

/** The class of the container whose descendants the generated CSS styles. */
export const STATIC_CLASS = 'hl-static';
/** prism-react-renderer's `display: inline-block` on the token of an empty line. */
const EMPTY_CLASS = 'hl-e';

const loaded = new Set<string>();

/** Adds prismjs grammars to prism-react-renderer's Prism, as the theme's prism-include-languages does. */
export function loadLanguages(languages: readonly string[]): void {
  const require = createRequire(import.meta.url);
  const before = (globalThis as { Prism?: unknown }).Prism;
  (globalThis as { Prism?: unknown }).Prism = Prism;
  try {
    for (const language of languages) {
      if (loaded.has(language)) continue;
      require(`prismjs/components/prism-${language}`);
      loaded.add(language);
    }
  } finally {
    if (before === undefined) delete (globalThis as { Prism?: unknown }).Prism;
    else (globalThis as { Prism?: unknown }).Prism = before;
  }
}

/** prism-react-renderer's themeToDict. */
function themeToDict(theme: PrismTheme, language: string): Dict {
  const dict: Dict = {};
  for (const { languages, style, types } of theme.styles) {
    if (languages && !languages.includes(language as never)) continue;
    for (const type of types) dict[type] = { ...dict[type], ...(style as Style) };
  }
  dict['root'] = theme.plain as Style;
  dict['plain'] = { ...(theme.plain as Style), backgroundColor: undefined };
  return dict;
}

/** prism-react-renderer's getTokenProps style (undefined: no style attribute). */
export function tokenStyle(token: Token, dict: Dict): Style | undefined {
  const { types, empty } = token;
  if (types.length === 1 && types[0] === 'plain') return empty != null ? { display: 'inline-block' } : undefined;
  if (types.length === 1 && empty != null) return dict[types[0]!];
  return Object.assign(empty != null ? { display: 'inline-block' } : {}, ...types.map((type) => dict[type]));
}

/** The theme's line tokens of `code`, as prism-react-renderer's Highlight gives them to the lines. */
export function tokenize(code: string, language: string): Token[][] {
  const grammar = Prism.languages[language];
  if (grammar == null) return normalizeTokens([code]);
  const env = { code, grammar, language, tokens: [] as ReturnType<typeof Prism.tokenize> };
  Prism.hooks.run('before-tokenize', env);
  env.tokens = Prism.tokenize(code, grammar);
  Prism.hooks.run('after-tokenize', env);
  return normalizeTokens(env.tokens);
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const declaration = (name: string, value: string | number): string => `${kebab(name)}:${value}`;

/** Every `property:value` a theme's token styles can have, numbered in theme order. */
function declarations(theme: PrismTheme): string[] {
  const found: string[] = [];
  for (const { style } of theme.styles) {
    for (const [name, value] of Object.entries(style as Style)) {
      if (value === undefined) continue;
      const decl = declaration(name, value);
      if (!found.includes(decl)) found.push(decl);
    }
  }
  for (const [name, value] of Object.entries(theme.plain as Style)) {
    if (value === undefined || name === 'backgroundColor') continue;
    const decl = declaration(name, value);
    if (!found.includes(decl)) found.push(decl);
  }
  return found;
}

export type Highlighter = {
  /** The lines of `code` as HTML (the content of the block's `<code>`). */
  html(code: string, language: string, mark?: (line: Token[]) => Token[]): string;
  /** The CSS of the classes `html` uses, for both themes. */
  css(): string;
};

export function createHighlighter(themes: CodeThemes): Highlighter {
  const tables = { l: declarations(themes.light), d: declarations(themes.dark) };
  const dicts = new Map<string, { l: Dict; d: Dict }>();
  const dictsFor = (language: string) => {
    let found = dicts.get(language);
    if (!found) dicts.set(language, (found = { l: themeToDict(themes.light, language), d: themeToDict(themes.dark, language) }));
    return found;
  };
  const styleClasses = (prefix: 'l' | 'd', style: Style | undefined): string[] => {
    const classes: string[] = [];
    for (const [name, value] of Object.entries(style ?? {})) {
      if (value === undefined || (name === 'display' && value === 'inline-block')) continue;
      const index = tables[prefix].indexOf(declaration(name, value));
      if (index < 0) throw new Error(`code-highlight: ${declaration(name, value)} is in no ${prefix === 'l' ? 'light' : 'dark'} theme style`);
      classes.push(`hl-${prefix}${index}`);
    }
    return classes;
  };

  return {
    html(code, language, mark) {
      const dict = dictsFor(language);
      let out = '';
      for (const raw of tokenize(code, language)) {
        // The theme's CodeBlock/Line: a line of one '\n' token renders as an empty token.
        const line = raw.length === 1 && raw[0]!.content === '\n' ? [{ ...raw[0]!, content: '' }] : raw;
        out += '<div class="token-line">';
        for (const token of mark ? mark(line) : line) {
          const light = tokenStyle(token, dict.l);
          const classes = ['token', ...token.types, ...styleClasses('l', light), ...styleClasses('d', tokenStyle(token, dict.d))];
          if (light?.['display'] === 'inline-block') classes.push(EMPTY_CLASS);
          out += `<span class="${classes.join(' ')}">${escapeHtmlText(token.content)}</span>`;
        }
        out += '<br></div>';
      }
      return out;
    },
    css() {
      const scope = (theme: 'l' | 'd') => (theme === 'l' ? `html:not([data-theme='dark']) .${STATIC_CLASS}` : `html[data-theme='dark'] .${STATIC_CLASS}`);
      const rules: string[] = [];
      for (const [key, theme] of [['l', themes.light], ['d', themes.dark]] as const) {
        const plain = theme.plain as Style;
        const vars = [
          plain['color'] !== undefined && `--prism-color:${plain['color']}`,
          plain['backgroundColor'] !== undefined && `--prism-background-color:${plain['backgroundColor']}`,
        ].filter(Boolean);
        // The theme's Container sets these as an inline style; the root style is Highlight's <pre> style.
        rules.push(`${scope(key)}{${vars.join(';')}}`);
        const root = Object.entries(plain).filter(([, value]) => value !== undefined);
        rules.push(`${scope(key)} pre{${root.map(([name, value]) => declaration(name, value!)).join(';')}}`);
        const line = root.filter(([name]) => name !== 'backgroundColor');
        if (line.length > 0) rules.push(`${scope(key)} .token-line{${line.map(([name, value]) => declaration(name, value!)).join(';')}}`);
        tables[key].forEach((decl, index) => rules.push(`${scope(key)} .hl-${key}${index}{${decl}}`));
      }
      rules.push(`.${STATIC_CLASS} .${EMPTY_CLASS}{display:inline-block}`);
      return `/* Generated by src/code-highlight/highlight.ts from the site's Prism themes. */\n${rules.join('\n')}\n`;
    },
  };
}
