import type { Node as YamlNode } from 'yaml';

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Maps string offsets to 1-based line and column. Works for LF, CRLF and CR text alike. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      // LF, CRLF and a lone CR each end a line, as for micromark (mdast positions) and editors.
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  offset(position: Position): number {
    return (this.starts[position.line - 1] ?? 0) + position.column - 1;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** Start offset of a YAML node within its YAML text, if it has one. */
export function yamlNodeStart(node: YamlNode | null | undefined): number | undefined {
  return node?.range?.[0];
}
