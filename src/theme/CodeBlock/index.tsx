/**
 * Wraps the theme's code block.
 *
 * - Fenced blocks are highlighted at build time (src/remark/highlight-code.ts): the block renders
 *   the `highlighted` HTML as the theme's layout does (container, title, copy and word-wrap
 *   buttons), so hydration keeps the server's HTML and the browser runs no highlighter; a page
 *   reached by client-side navigation renders the same HTML. Its colours come from a stylesheet
 *   per `data-theme` (src/plugins/code-highlight), so there is no re-render for the colour mode.
 * - In shell blocks (bash, sh, shell, console), each placeholder with a value from the placeholders
 *   form (src/components/PlaceholderForm) shows that value. The code given to the theme carries
 *   private-use markers around placeholders, which CodeBlock/Line turns into highlighted spans and
 *   CodeBlock/Buttons/CopyButton strips, so the copy button copies the filled command. The
 *   build's HTML is the block with no value filled (as during hydration); once a value fills one
 *   of its placeholders, the block is highlighted in the browser (src/code-highlight/ClientCodeBlock.tsx,
 *   loaded then), showing the build's HTML until that has loaded.
 * - Blocks the build's HTML does not match (magic comments, highlighted line ranges, line numbers,
 *   a `<CodeBlock>` written in JSX) are highlighted in the browser too.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import clsx from 'clsx';
import { ThemeClassNames, useThemeConfig } from '@docusaurus/theme-common';
import { CodeBlockContextProvider, createCodeBlockMetadata, useCodeWordWrap } from '@docusaurus/theme-common/internal';
import type CodeBlockType from '@theme/CodeBlock';
import type { WrapperProps } from '@docusaurus/types';
import ElementContent from '@theme/CodeBlock/Content/Element';
import Title from '@theme/CodeBlock/Title';
import Buttons from '@theme/CodeBlock/Buttons';
import containerStyles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Container/styles.module.css';
import contentStyles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/styles.module.css';
import layoutStyles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Layout/styles.module.css';
import { usePlaceholderValues } from '@site/src/placeholders/store.ts';
import { isShellLanguage, languageFromClassName, markPlaceholders } from '@site/src/placeholders/text.ts';
import { escapeHtmlText } from '@site/src/html-escape.ts';
import '@site/src/theme/CodeBlock/Line/styles.module.css';

type Props = WrapperProps<typeof CodeBlockType> & { highlighted?: string };
type Metadata = ReturnType<typeof createCodeBlockMetadata>;

const ClientCodeBlock = lazy(() => import('@site/src/code-highlight/ClientCodeBlock.tsx'));
const NO_VALUES: Readonly<Record<string, string>> = Object.freeze({});
/** The container class the highlighter's stylesheet is scoped to (src/code-highlight/highlight.ts). */
const STATIC_CLASS = 'hl-static';

/** The code as one string, as the theme reads it (several string children are joined). */
function codeOf(children: ReactNode): string | null {
  if (typeof children === 'string') return children;
  if (Array.isArray(children) && children.every((child) => typeof child === 'string')) return children.join('');
  return null;
}

function useMetadata(props: Props, code: string): Metadata {
  const { prism } = useThemeConfig();
  return createCodeBlockMetadata({
    code,
    className: props.className,
    metastring: props.metastring,
    magicComments: prism.magicComments,
    defaultLanguage: prism.defaultLanguage,
    language: props.language,
    title: props.title,
    showLineNumbers: props.showLineNumbers,
  });
}

/** The theme's CodeBlock/Layout and CodeBlock/Content, with the lines given as HTML. */
function StaticCodeBlock({ metadata, html }: { metadata: Metadata; html: string }): ReactNode {
  const wordWrap = useCodeWordWrap();
  return (
    <CodeBlockContextProvider metadata={metadata} wordWrap={wordWrap}>
      <div className={clsx(metadata.className, containerStyles.codeBlockContainer, ThemeClassNames.common.codeBlock, STATIC_CLASS)}>
        {metadata.title && (
          <div className={layoutStyles.codeBlockTitle}>
            <Title>{metadata.title}</Title>
          </div>
        )}
        <div className={layoutStyles.codeBlockContent}>
          <pre ref={wordWrap.codeBlockRef} tabIndex={0} className={clsx(`prism-code language-${metadata.language}`, contentStyles.codeBlock, 'thin-scrollbar')}>
            <code className={contentStyles.codeBlockLines} dangerouslySetInnerHTML={{ __html: html }} />
          </pre>
          <Buttons />
        </div>
      </div>
    </CodeBlockContextProvider>
  );
}

/** The build's HTML if it shows this block (`code`: the block's text, markers included), else the client-side highlighter. */
function HighlightedCodeBlock({ props, code, shown }: { props: Props; code: string; shown: string }): ReactNode {
  const metadata = useMetadata(props, code);
  const { highlighted, ...rest } = props;
  const asBuilt =
    highlighted !== undefined &&
    code === shown &&
    metadata.code === code.replace(/\r?\n$/, '') &&
    Object.keys(metadata.lineClassNames).length === 0 &&
    metadata.lineNumbersStart === undefined;
  if (asBuilt) return <StaticCodeBlock metadata={metadata} html={highlighted} />;
  const waiting = highlighted ?? `<div class="token-line">${escapeHtmlText(metadata.code)}</div>`;
  return (
    <Suspense fallback={<StaticCodeBlock metadata={metadata} html={waiting} />}>
      <ClientCodeBlock {...rest}>{shown}</ClientCodeBlock>
    </Suspense>
  );
}

function FilledCodeBlock({ props, code }: { props: Props; code: string }): ReactNode {
  const values = usePlaceholderValues();
  return <HighlightedCodeBlock props={props} code={markPlaceholders(code, NO_VALUES)} shown={markPlaceholders(code, values)} />;
}

export default function CodeBlockWrapper(props: Props): ReactNode {
  const code = codeOf(props.children);
  if (code === null) return <ElementContent {...props} />;
  const language = props.language ?? languageFromClassName(props.className);
  if (isShellLanguage(language) && code.includes('<')) return <FilledCodeBlock props={props} code={code} />;
  return <HighlightedCodeBlock props={props} code={code} shown={code} />;
}
