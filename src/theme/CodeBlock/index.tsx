/**
 * Wraps (does not eject) the theme's code block: in shell blocks (bash, sh, shell, console), each
 * placeholder with a value from the placeholders form (src/components/PlaceholderForm) shows that
 * value. The code given to the theme carries private-use markers around placeholders, which
 * CodeBlock/Line turns into highlighted spans and CodeBlock/Buttons/CopyButton strips, so the copy
 * button copies the filled command.
 */
import type { ReactNode } from 'react';
import CodeBlock from '@theme-original/CodeBlock';
import type CodeBlockType from '@theme/CodeBlock';
import type { WrapperProps } from '@docusaurus/types';
import { usePlaceholderValues } from '@site/src/placeholders/store.ts';
import { isShellLanguage, languageFromClassName, markPlaceholders } from '@site/src/placeholders/text.ts';

type Props = WrapperProps<typeof CodeBlockType>;

/** The code as one string, as the theme reads it (several string children are joined). */
function codeOf(children: ReactNode): string | null {
  if (typeof children === 'string') return children;
  if (Array.isArray(children) && children.every((child) => typeof child === 'string')) return children.join('');
  return null;
}

function FilledCodeBlock({ code, ...props }: Props & { code: string }): ReactNode {
  const values = usePlaceholderValues();
  return <CodeBlock {...props}>{markPlaceholders(code, values)}</CodeBlock>;
}

export default function CodeBlockWrapper(props: Props): ReactNode {
  const code = codeOf(props.children);
  const language = props.language ?? languageFromClassName(props.className);
  if (code === null || !isShellLanguage(language) || !code.includes('<')) return <CodeBlock {...props} />;
  return <FilledCodeBlock {...props} code={code} />;
}
