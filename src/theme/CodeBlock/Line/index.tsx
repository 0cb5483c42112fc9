/**
 * Wraps (does not eject) the theme's code line: turns the placeholder markers set by the CodeBlock
 * wrapper into tokens with a "filled" or "placeholder" class (markers removed), then renders the line
 * as the theme does.
 */
import { useMemo, type ReactNode } from 'react';
import Line from '@theme-original/CodeBlock/Line';
import type LineType from '@theme/CodeBlock/Line';
import type { WrapperProps } from '@docusaurus/types';
import type { Token } from 'prism-react-renderer';
import { splitMarked, type MarkedPiece } from '@site/src/placeholders/text.ts';
import styles from './styles.module.css';

type Props = WrapperProps<typeof LineType>;

const CLASS: Record<NonNullable<MarkedPiece['mark']>, string> = { filled: styles.filled!, empty: styles.placeholder! };
const MARKED = /[\uE000-\uE003]/;

function unmark(line: Token[]): Token[] {
  if (!line.some((token) => MARKED.test(token.content))) return line;
  const state: { mark: MarkedPiece['mark'] } = { mark: null };
  return line.flatMap((token) =>
    splitMarked(token.content, state).map((piece) => ({
      ...token,
      content: piece.text,
      types: piece.mark ? [...token.types, CLASS[piece.mark]] : token.types,
    })),
  );
}

export default function LineWrapper(props: Props): ReactNode {
  const line = useMemo(() => unmark(props.line), [props.line]);
  return <Line {...props} line={line} />;
}
