/**
 * Just enough of Python, read as text, to take the argument tables of the AWS CLI's hand-written
 * commands (awscli/customizations/**): class bodies, `NAME = '…'`, `ARG_TABLE = [ {…}, CONSTANT,
 * Base.ARG_TABLE + [ … ] ]`, `SUBCOMMANDS = [{'name': 'cp', 'command_class': CpCommand}]` and
 * module-level constants (`RECURSIVE = {…}`, `TRANSFER_ARGS = [ … ]`). An expression it cannot
 * evaluate makes the result `unresolved`, so the command is marked incomplete rather than guessed.
 */

/** Index just past the bracket that closes the one at `open` (strings and comments skipped). */
export function closeBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
      i = j + quote.length - 1;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ']' || c === '}' || c === ')') {
      stack.pop();
      if (!stack.length) return i + 1;
    }
  }
  return text.length;
}

/** Top-level items of a list/dict literal's inside, split at commas. */
export function splitTop(inner: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '[' || c === '{' || c === '(' || c === '"' || c === "'" || c === '#') {
      if (c === '#') {
        const nl = inner.indexOf('\n', i);
        i = nl < 0 ? inner.length : nl;
        continue;
      }
      i = c === '"' || c === "'" ? closeString(inner, i) - 1 : closeBracket(inner, i) - 1;
      continue;
    }
    if (c === ',') {
      out.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  out.push(inner.slice(start));
  return out.map((s) => s.replace(/#.*$/gm, '').trim()).filter(Boolean);
}

function closeString(text: string, i: number): number {
  const c = text[i]!;
  const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
  let j = i + quote.length;
  while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
  return j + quote.length;
}

/** A Python module read as text: its module-level assignments and its classes. */
export interface PyModule {
  path: string;
  text: string;
  /** `NAME = <expression>` at column 0. */
  constants: Map<string, string>;
  classes: Map<string, PyClass>;
}

export interface PyClass {
  name: string;
  bases: string[];
  /** `ATTR = <expression>` at the class body's first indentation. */
  attrs: Map<string, string>;
  module: PyModule;
}

/** The expression starting at `i` (up to the end of its line, or its closing bracket). */
function expressionAt(text: string, i: number): string {
  let j = i;
  let end = i;
  while (j < text.length) {
    const c = text[j]!;
    if (c === '\n') break;
    if (c === '[' || c === '{' || c === '(') j = closeBracket(text, j);
    else if (c === '"' || c === "'") j = closeString(text, j);
    else j++;
    end = j;
    // A backslash continues the line.
    if (text[j] === '\\' && text[j + 1] === '\n') j += 2;
  }
  return text.slice(i, end).trim();
}

export function parseModule(path: string, text: string): PyModule {
  const module: PyModule = { path, text, constants: new Map(), classes: new Map() };
  for (const m of text.matchAll(/^([A-Za-z_]\w*)\s*=\s*/gm)) module.constants.set(m[1]!, expressionAt(text, m.index! + m[0].length));
  for (const m of text.matchAll(/^class\s+(\w+)\s*(?:\(([^)]*)\))?\s*:/gm)) {
    const start = m.index! + m[0].length;
    const next = /^\S/m.exec(text.slice(start));
    const body = text.slice(start, next ? start + next.index : undefined);
    const attrs = new Map<string, string>();
    const indent = /^( +)\S/m.exec(body)?.[1] ?? '    ';
    for (const a of body.matchAll(new RegExp(`^${indent}([A-Z_][A-Z0-9_]*)\\s*=\\s*`, 'gm'))) attrs.set(a[1]!, expressionAt(body, a.index! + a[0].length));
    module.classes.set(m[1]!, { name: m[1]!, bases: (m[2] ?? '').split(',').map((b) => b.trim().split('.').at(-1)!).filter(Boolean), attrs, module });
  }
  return module;
}

/** A string literal's value (`'a'`, `"b"`, `'a' 'b'`), or null. */
export function pyString(expr: string): string | null {
  const parts = [...expr.trim().matchAll(/(['"])((?:\\.|(?!\1).)*)\1/g)];
  if (!parts.length || expr.trim().replace(/(['"])((?:\\.|(?!\1).)*)\1/g, '').replace(/[\s()]/g, '')) return null;
  return parts.map((p) => p[2]).join('');
}

/** A dict literal's top-level `'key': value` pairs. */
export function pyDict(expr: string): Map<string, string> | null {
  const t = expr.trim();
  if (!t.startsWith('{')) return null;
  const out = new Map<string, string>();
  for (const item of splitTop(t.slice(1, closeBracket(t, 0) - 1))) {
    const m = /^(['"])([^'"]+)\1\s*:\s*([\s\S]*)$/.exec(item);
    if (m) out.set(m[2]!, m[3]!.trim());
  }
  return out;
}
