/**
 * Placeholder markers (see text.ts) in highlighted tokens: the markers are removed and the pieces
 * between them get a class, `hl-filled` or `hl-placeholder` (src/theme/CodeBlock/Line/styles.module.css).
 * Used by the code line on the client and by the build-time highlighter (src/remark/highlight-code.ts).
 */
import type { Token } from 'prism-react-renderer';
import { splitMarked, type MarkedPiece } from './text.ts';

export const MARK_CLASS: Record<NonNullable<MarkedPiece['mark']>, string> = { filled: 'hl-filled', empty: 'hl-placeholder' };
const MARKED = /[\uE000-\uE003]/;

/** The line's tokens with the markers removed and the marked pieces classed. */
export function unmarkLine(line: Token[]): Token[] {
  if (!line.some((token) => MARKED.test(token.content))) return line;
  const state: { mark: MarkedPiece['mark'] } = { mark: null };
  return line.flatMap((token) =>
    splitMarked(token.content, state).map((piece) => ({
      ...token,
      content: piece.text,
      types: piece.mark ? [...token.types, MARK_CLASS[piece.mark]] : token.types,
    })),
  );
}
