/**
 * Parses shell text with a real shell grammar: tree-sitter-bash (node_modules/tree-sitter-bash/
 * tree-sitter-bash.wasm) through web-tree-sitter. The grammar is loaded once, when this module is
 * first imported (top-level await: check modules are imported asynchronously by the registry, so
 * the synchronous checks can parse without an engine change). Results are plain data, cached by
 * content in memory and in the run's disk cache (`.cache/validate/`, namespace `shell`), so an
 * unchanged block is not parsed again by the next run.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Node as TsNode } from 'web-tree-sitter';
import { TextMemo } from '../engine/disk-cache.ts';
import { overlapsPlaceholder, rewritePlaceholders, type Placeholder } from './placeholders.ts';

const require = createRequire(import.meta.url);
const wasm = join(dirname(require.resolve('tree-sitter-bash/package.json')), 'tree-sitter-bash.wasm');

await Parser.init();
const bash = await Language.load(wasm);
const parser = new Parser();
parser.setLanguage(bash);

/** A shell word: its static value when it has one (quotes removed), null when it expands at run time. */
export interface Word {
  value: string | null;
  /** The text as written. */
  raw: string;
  start: number;
  end: number;
  /** Written as a placeholder (`<pod-name>`, `{{x}}`, `...`) or expands at run time: any value is fine. */
  open: boolean;
}

export interface SimpleCommand {
  name: Word;
  args: Word[];
  /** Text of heredoc bodies fed to this command (for SQL passed to psql, and secrets). */
  heredocs: Array<{ text: string; start: number }>;
  start: number;
  end: number;
}

export interface SyntaxProblem {
  start: number;
  message: string;
}

export interface ParsedShell {
  /** The text as parsed (placeholders rewritten, same length as the input). */
  text: string;
  placeholders: Placeholder[];
  commands: SimpleCommand[];
  errors: SyntaxProblem[];
  /** Functions the block defines: they are commands too. */
  functions: Set<string>;
  /** Variables the block assigns (`X=1`, `export X=`, `for X in`, `read X`). */
  assigned: Set<string>;
  /** Variable references: `$VAR`, `${VAR}`. */
  variables: Array<{ name: string; start: number; end: number }>;
  /** Heredoc bodies and quoted strings that span lines: their lines are data, not commands. */
  literals?: Array<{ start: number; end: number }>;
}

/** Nodes whose lines are data when they span lines (heredocs, quoted strings). */
const LITERAL_NODES = new Set(['heredoc_redirect', 'string', 'raw_string', 'ansi_c_string']);
const STATIC_NODES = new Set(['word', 'number', 'raw_string', 'string', 'concatenation', 'string_content']);

function unescape(text: string): string {
  return text.replace(/\\(.)/gs, (_, c: string) => (c === '\n' ? '' : c));
}

/** The static value of an argument node, or null when it expands at run time. */
function staticValue(node: TsNode): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
      return unescape(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
        out += child.text.replace(/\\([$`"\\\n])/g, '$1');
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.children) {
        if (!child) continue;
        const v = staticValue(child);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

// The namespace names the shape of ParsedShell: bump it when it changes (v2: `literals`; v3: `-` before a heredoc).
const memo = new TextMemo<ParsedShell>('shell-v3');

function describeError(node: TsNode): string {
  const text = node.text.trimStart();
  const first = text.split(/\s/)[0] ?? '';
  if (/^['"]/.test(text) && !/^(['"]).*\1$/s.test(text)) return `unterminated quoted string (${text[0]} is never closed)`;
  if (/^\$\(/.test(text) || text.includes('$(')) return 'unterminated command substitution `$(`';
  return `syntax error near \`${first.slice(0, 40) || text.slice(0, 1)}\``;
}

/**
 * tree-sitter-bash drops a `-` argument written just before a heredoc (`kubectl apply -f - <<EOF`):
 * the word between the command and `<<` is restored, so `-f` keeps its value (stdin).
 */
function dashBeforeHeredoc(command: TsNode): Word[] {
  const statement = command.parent;
  if (statement?.type !== 'redirected_statement') return [];
  const heredoc = statement.namedChildren.find((c) => c?.type === 'heredoc_redirect');
  if (!heredoc) return [];
  const gap = statement.text.slice(command.endIndex - statement.startIndex, heredoc.startIndex - statement.startIndex);
  const m = /^(\s+)-(?=\s|$)/.exec(gap);
  if (!m) return [];
  const start = command.endIndex + m[1]!.length;
  return [{ value: '-', raw: '-', start, end: start + 1, open: false }];
}

export function parseShell(input: string): ParsedShell {
  const known = memo.get(input);
  if (known) return known;
  const result = parseUncached(input);
  memo.set(input, result);
  return result;
}

function parseUncached(input: string): ParsedShell {
  const { text, placeholders } = rewritePlaceholders(input);
  const result: ParsedShell = {
    text,
    placeholders,
    commands: [],
    errors: [],
    functions: new Set(),
    assigned: new Set(),
    variables: [],
    literals: [],
  };
  const tree = parser.parse(text);
  if (!tree) {
    result.errors.push({ start: 0, message: 'the shell parser gave up on this block' });
    return result;
  }
  const word = (node: TsNode): Word => {
    const value = STATIC_NODES.has(node.type) ? staticValue(node) : null;
    return {
      value,
      raw: node.text,
      start: node.startIndex,
      end: node.endIndex,
      open: value === null || overlapsPlaceholder(placeholders, node.startIndex, node.endIndex),
    };
  };
  const heredocsOf = (statement: TsNode | null): SimpleCommand['heredocs'] => {
    if (!statement || statement.type !== 'redirected_statement') return [];
    const out: SimpleCommand['heredocs'] = [];
    for (const child of statement.namedChildren) {
      if (child?.type !== 'heredoc_redirect') continue;
      for (const body of child.namedChildren) {
        if (body?.type === 'heredoc_body') out.push({ text: body.text, start: body.startIndex });
      }
    }
    return out;
  };
  const visit = (node: TsNode) => {
    // `type` crosses into the parser's wasm memory on each read: read it once per node.
    const type = node.type;
    if (type === 'ERROR') {
      result.errors.push({ start: node.startIndex, message: describeError(node) });
    } else if (node.isMissing) {
      // Report where the unclosed construct opens, not where the input ends.
      const parent = node.parent;
      if (parent && (parent.type === 'string' || parent.type === 'raw_string')) {
        result.errors.push({ start: parent.startIndex, message: `unterminated quoted string (${parent.text[0]} is never closed)` });
      } else if (parent) {
        const opener = parent.text.split(/\s/)[0]!.slice(0, 20);
        result.errors.push({ start: parent.startIndex, message: `missing \`${node.type}\`: the \`${opener}\` here is never closed` });
      } else {
        result.errors.push({ start: node.startIndex, message: `missing \`${node.type}\`` });
      }
    }
    if (LITERAL_NODES.has(type) && node.endPosition.row > node.startPosition.row) {
      result.literals!.push({ start: node.startIndex, end: node.endIndex });
    }
    switch (type) {
      case 'command': {
        const nameNode = node.childForFieldName('name');
        if (nameNode) {
          const args = node.childrenForFieldName('argument').filter((a): a is TsNode => a !== null);
          result.commands.push({
            name: word(nameNode.firstNamedChild ?? nameNode),
            args: [...args.map(word), ...dashBeforeHeredoc(node)],
            heredocs: heredocsOf(node.parent),
            start: node.startIndex,
            end: node.endIndex,
          });
          const name = nameNode.text;
          if ((name === 'export' || name === 'local' || name === 'declare' || name === 'readonly' || name === 'read') && args.length) {
            for (const a of args) {
              const m = /^([A-Za-z_]\w*)/.exec(a.text);
              if (m && !a.text.startsWith('-')) result.assigned.add(m[1]!);
            }
          }
        }
        break;
      }
      case 'declaration_command':
      case 'variable_assignment': {
        const n = type === 'variable_assignment' ? node.childForFieldName('name') : null;
        if (n) result.assigned.add(n.text);
        break;
      }
      case 'for_statement': {
        const v = node.childForFieldName('variable');
        if (v) result.assigned.add(v.text);
        break;
      }
      case 'function_definition': {
        const n = node.childForFieldName('name');
        if (n) result.functions.add(n.text);
        break;
      }
      case 'simple_expansion':
      case 'expansion': {
        const n = node.namedChildren.find((c) => c?.type === 'variable_name');
        if (n) result.variables.push({ name: n.text, start: node.startIndex, end: node.endIndex });
        break;
      }
      default:
        break;
    }
    // An ERROR node's children are fragments; report the first error only, not each fragment.
    if (type === 'ERROR') return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return result;
}
