/**
 * Lines of a `bash`/`sh`/`shell` block that are not commands: command output (`NAME  READY  STATUS`,
 * `HTTP/1.1 200 OK`, `PONG`), YAML (`apiVersion: v1`), JSON (`{"status": "ok"}`) or PromQL
 * (`sum(rate(http_requests_total[5m]))`) pasted among the commands. Heredoc bodies and multi-line
 * quoted strings are data the command reads, not such lines. Found lines are blanked before the
 * commands are interpreted (so they do not each get "unknown command"), and commands/not-a-command
 * reports the block once.
 */
import type { ParsedShell } from './parse.ts';

export type NonCommandKind = 'output' | 'yaml' | 'json' | 'promql';

export interface NonCommandLine {
  /** Line index in the block's text. */
  line: number;
  /** Offset of the line's first non-blank character in the block's text. */
  start: number;
  kind: NonCommandKind;
}

const PROMQL_FUNCTIONS =
  'sum|avg|min|max|count|count_values|stddev|stdvar|group|rate|irate|increase|delta|idelta|deriv|predict_linear|histogram_quantile|' +
  'topk|bottomk|quantile|absent|absent_over_time|changes|resets|avg_over_time|min_over_time|max_over_time|sum_over_time|count_over_time|' +
  'quantile_over_time|last_over_time|label_replace|label_join|clamp|clamp_min|clamp_max|vector|scalar';
const PROMQL = new RegExp(`^(?:${PROMQL_FUNCTIONS})\\s*(?:(?:by|without)\\s*\\([^)]*\\)\\s*)?\\(`);
/** `http_requests_total{job="api"}`, `up{job="web"} == 0`. */
const METRIC_SELECTOR = /^[a-z_:][\w:]*\{[\w]+\s*(?:=|!=|=~|!~)\s*"/;
const YAML_KEY = /^(?:- )?[A-Za-z_][\w.-]*:(?:\s|$)/;
const YAML_DOC = /^---$/;
/** `[ "$answer" = yes ] && …`, `[[ -f x ]]`: the shell's test command, not a JSON array. */
const SHELL_TEST = /^\[\[?\s+(?:!\s+)?(?:-[a-zA-Z]\s|\S+\s+(?:=|==|!=|=~|<|>|-(?:eq|ne|lt|le|gt|ge|nt|ot|ef))\s)/;
const JSON_LINE = /^(?:\{\s*"|\[\s*(?:[{"]|\d[\d.,\s]*[\],])|"[^"]+"\s*:)/;
/** `{`, `}`, `],`: JSON only next to a JSON line (alone, `{` and `}` are shell groups and function bodies). */
const BRACKET = /^[{}[\]],?$/;
/** A table header: two or more upper-case words (`NAME  READY  STATUS  RESTARTS  AGE`). */
const TABLE_HEADER = /^[A-Z][A-Z0-9_%()-]*(?:\s+[A-Z][A-Z0-9_%()-]*)+$/;
const OUTPUT = [
  /^HTTP\/\d(?:\.\d)? \d{3}\b/,
  /^[A-Z][A-Z0-9_]+$/, // PONG, OK
  /^\(\d+ rows?\)$/,
  /^-+(?:\+-+)+$/, // psql table rule
  /^[\w.-]+\/[\w.-]+ (?:created|configured|unchanged|deleted|restarted|patched|scaled|labeled|annotated|rolled back|cordoned|drained|uncordoned|condition met)$/,
  /^[A-Z][A-Za-z]*(?: [A-Za-z]+)*: \S/, // Error: …, Status: …, Name: …
  /^(?:error|warning|fatal|hint): \S/, // error: the server doesn't have a resource type …
  /^\d+(?:\.\d+)?$/,
  /^(?:-\w, )?--[\w-]+(?: [\w[\]="]+)?\s{2,}\S/, // a flag listing of --help: `  -n, --namespace string   namespace scope…`
  /^@@ .* @@/, // diff output
  /^\[\s*\d+%\]/, // [100%] Built target curl
  /^(?:\+\+\+|---) [ab]\//,
  /^\d{1,2}:\d{2}(?::\d{2})?\b/, // 12:45:31 …
  /^[A-Z][a-z]+(?: [a-z][\w'-]*)+[.:!]?$/, // a sentence: `Creating mychart`
];

const PROMQL_NAMES = new Set(PROMQL_FUNCTIONS.split('|'));
/** A line starting with a plain command word (`kubectl …`, `helm …`): a command, without trying the patterns. */
const COMMAND_WORD = /^([a-z][\w.-]*)(?:\s|$)/;

function classify(text: string): NonCommandKind | null {
  const word = COMMAND_WORD.exec(text);
  if (word && !PROMQL_NAMES.has(word[1]!)) return null;
  if (PROMQL.test(text) || METRIC_SELECTOR.test(text)) return 'promql';
  if (JSON_LINE.test(text) && !SHELL_TEST.test(text)) return 'json';
  if (TABLE_HEADER.test(text) || OUTPUT.some((r) => r.test(text))) return 'output';
  if (YAML_DOC.test(text) || YAML_KEY.test(text)) return 'yaml';
  return null;
}

/** A line any block may hold without a second look: blank, a comment, or a plain command word first. */
const PLAIN_LINES = new RegExp(`^(?:[ \\t]*(?:#.*|(?!(?:${PROMQL_FUNCTIONS})[ \\t])[a-z][\\w.-]*(?:[ \\t].*)?)?)$`);

/** The lines of a parsed block that are output, YAML, JSON or PromQL rather than commands. */
export function nonCommandLines(parsed: ParsedShell): NonCommandLine[] {
  // Most blocks are commands only: one pass over the lines decides it.
  if (parsed.text.split('\n').every((l) => PLAIN_LINES.test(l))) return [];
  const out: NonCommandLine[] = [];
  const literals = parsed.literals ?? [];
  const inLiteral = (offset: number) => literals.some((l) => l.start < offset && offset < l.end);
  let offset = 0;
  let previous = '';
  let table = false;
  const brackets: Array<{ line: number; start: number }> = [];
  const lines = parsed.text.split('\n');
  lines.forEach((line, i) => {
    const start = offset + (line.length - line.trimStart().length);
    offset += line.length + 1;
    const text = line.trim();
    const continued = /\\$/.test(previous) || /(?:\||&&|\|\|)\s*$/.test(previous);
    previous = line;
    if (text === '' || text.startsWith('#') || continued || inLiteral(start)) {
      table = table && text !== '';
      return;
    }
    let kind = classify(text);
    // The rows under a table header are output too (`web-7d9f   1/1   Running   0   5m`): columns aligned with spaces.
    if (!kind && table && /\S\s{2,}\S/.test(text)) kind = 'output';
    if (!kind && BRACKET.test(text)) brackets.push({ line: i, start });
    table = kind === 'output' && (TABLE_HEADER.test(text) || table);
    if (kind) out.push({ line: i, start, kind });
  });
  // Brackets join a JSON document when a neighbouring line is JSON (or another such bracket).
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of [...brackets]) {
      if (out.some((o) => o.kind === 'json' && Math.abs(o.line - b.line) === 1)) {
        out.push({ ...b, kind: 'json' });
        brackets.splice(brackets.indexOf(b), 1);
        changed = true;
      }
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** `text` with the given lines blanked (same length, so offsets stay exact). */
export function blankLines(text: string, lines: readonly NonCommandLine[]): string {
  const skip = new Set(lines.map((l) => l.line));
  return text
    .split('\n')
    .map((l, i) => (skip.has(i) ? ' '.repeat(l.length) : l))
    .join('\n');
}

export const FENCE_FOR: Record<NonCommandKind, string> = {
  output: '```console with `$ ` before each command (output lines as they are), or ```text',
  yaml: '```yaml (and the commands that use it in a block of their own)',
  json: '```json (and the commands that use it in a block of their own)',
  promql: '```promql',
};

export const KIND_NAME: Record<NonCommandKind, string> = { output: 'command output', yaml: 'YAML', json: 'JSON', promql: 'PromQL' };
