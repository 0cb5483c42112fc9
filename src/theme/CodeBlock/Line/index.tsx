/**
 * Wraps (does not eject) the theme's code line: turns the placeholder markers set by the CodeBlock
 * wrapper into tokens with a "filled" or "placeholder" class (markers removed), then renders the line
 * as the theme does. Only the client-side highlighter renders lines (src/code-highlight/ClientCodeBlock.tsx);
 * the build-time highlighter marks the same way (src/placeholders/marked-tokens.ts).
 */
import { useMemo, type ReactNode } from 'react';
import Line from '@theme-original/CodeBlock/Line';
import type LineType from '@theme/CodeBlock/Line';
import type { WrapperProps } from '@docusaurus/types';
import { unmarkLine } from '@site/src/placeholders/marked-tokens.ts';
import './styles.module.css';

type Props = WrapperProps<typeof LineType>;

export default function LineWrapper(props: Props): ReactNode {
  const line = useMemo(() => unmarkLine(props.line), [props.line]);
  return <Line {...props} line={line} />;
}
