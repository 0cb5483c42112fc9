/**
 * Real-command corpus collectors for npm, node and jq (used by scripts/specs/corpus.ts), each from
 * the tool's own documentation at the version its spec is generated from:
 *
 * - npm: the `npm …` lines of the code blocks of npm@11.19.1's docs/content (commands/,
 *   using-npm/, configuring-npm/; the package's copy of npm/cli's docs/lib/content). A page's
 *   Synopsis block is left out: it is usage notation (`npm install [<package-spec> ...]` and the
 *   aliases line), not a command; so are npm's log lines (`npm notice PING …`, output shown in a
 *   ```bash block);
 * - node: the `node …` lines of the code blocks of Node.js v20.20.2's doc/api/*.md;
 *
 * In ```console blocks, and in blocks that use `$ ` prompts, only the prompted lines are commands.
 * - jq: the examples of jq 1.7's manual (docs/content/manual/v1.7/manual.yml), as the manual
 *   renders them (`jq '<program>'`: docs/templates/manual.html.j2, docs/build_manpage.py), the
 *   `jq …` command lines its prose quotes (code spans, indented lines), and the `$ jq …` examples
 *   of NEWS.md's 1.7 and 1.7.1 entries.
 */
import { parseDocument, isScalar, visit } from 'yaml';
import { NodeDocs } from './node.ts';
import { openPackage, type ReadableSource } from './package-source.ts';
import { argValue, NODE_DOCS_DEFAULT, openSource, PINNED, PINNED_PACKAGES } from './sources.ts';
import { JQ_MANUAL } from './jq.ts';
import { openQuote } from './shell-text.ts';

type Found = { command: string; path: string; line: number };

/**
 * Command lines of `tool` in the fenced code blocks of a Markdown page: `tool …` or `$ tool …`;
 * in ```console blocks only `$ ` lines. `\`, a trailing `|`/`&&` and an open quote continue a
 * command on the next line. Blocks under a heading in `skip` (Synopsis) are left out.
 */
export function markdownCommands(md: string, path: string, tool: string, skip: RegExp | null = null, output: RegExp | null = null): Found[] {
  const out: Found[] = [];
  const lines = md.split('\n');
  const start = new RegExp(`^\\s*(\\$ )?(${tool} .*)$`);
  let skipping = false;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]!);
    if (heading) skipping = skip !== null && skip.test(heading[1]!);
    const open = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(open[1]!)) end++;
    const body = lines.slice(i + 1, end);
    // Where a block has `$ ` prompts (and in ```console blocks), only prompted lines are commands.
    const prompted = open[2]!.toLowerCase() === 'console' || body.some((l) => /^\s*\$ /.test(l));
    for (let k = 0; !skipping && k < body.length; k++) {
      const m = start.exec(body[k]!);
      if (!m || (prompted && !m[1]) || output?.test(m[2]!)) continue;
      let command = m[2]!.trimEnd();
      const line = i + 2 + k;
      const first = { command, k };
      while ((/(\\|\||&&)$/.test(command) || openQuote(command)) && k + 1 < body.length) {
        const next = body[++k]!.replace(/^\s*(\$|>) /, '').trim();
        command = /\\$/.test(command) ? `${command.slice(0, -1).trimEnd()} ${next}` : `${command}\n${next}`;
      }
      // A quote still open at the end of the block was never closed: the command is its line as printed.
      if (openQuote(command)) ({ command, k } = first);
      out.push({ command, path, line });
    }
    i = end;
  }
  return out;
}

/** npm's own log lines (`npm notice PING …`, `npm ERR! code E404`): output, even in a ```bash block. */
const NPM_LOG = /^npm (notice|ERR!|WARN|warn|error|verb|http|timing|sill)(\s|$)/;

const NPM_DOCS = ['docs/content/commands', 'docs/content/using-npm', 'docs/content/configuring-npm'];

function jqManual(src: ReadableSource): Found[] {
  const text = src.read(JQ_MANUAL);
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const out: Found[] = [];
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) return;
      if (pair.key.value === 'program') out.push({ command: `jq '${String(pair.value.value)}'`, path: JQ_MANUAL, line: lineAt(pair.value.range![0]) });
    },
  });
  // `jq 'map(.price) | add'` in the prose.
  text.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(/`(jq [^`]+)`/g)) out.push({ command: m[1]!, path: JQ_MANUAL, line: i + 1 });
  });
  // Indented command lines of the manual's prose (`jq -n '"a b" | test("a\\sb"; "x")'`).
  text.split('\n').forEach((l, i) => {
    const m = /^ {8,}(jq [-'"].*)$/.exec(l);
    if (m) out.push({ command: m[1]!.replace(/\s+#.*$/, ''), path: JQ_MANUAL, line: i + 1 });
  });
  // The `$ jq …` examples of NEWS.md's 1.7 and 1.7.1 entries (before "# Previous releases").
  const news = src.read(JQ_NEWS);
  const end = news.search(/^# Previous releases/m);
  out.push(...markdownCommands(end > 0 ? news.slice(0, end) : news, JQ_NEWS, 'jq'));
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

const JQ_NEWS = 'NEWS.md';

export const MORE_COLLECTORS: Record<string, (src: ReadableSource) => Found[]> = {
  npm: (src) => NPM_DOCS.flatMap((dir) => src.list(dir).filter((p) => p.endsWith('.md')).flatMap((path) => markdownCommands(src.read(path), path, 'npm', /^Synopsis$/i, NPM_LOG))),
  node: (src) => src.list('doc/api').flatMap((path) => markdownCommands(src.read(path), path, 'node')),
  jq: jqManual,
};

/** Sources that are not clones: npm's registry tarball, Node's release docs; jq is a clone. */
export const MORE_SOURCES: Record<string, (argv: string[]) => ReadableSource> = {
  npm: (argv) => openPackage('npm', PINNED_PACKAGES.npm!, argValue(argv, 'npm'), argValue(argv, 'sources') ?? process.env.SPEC_SOURCES),
  node: (argv) => new NodeDocs(argValue(argv, 'node-docs') ?? NODE_DOCS_DEFAULT, PINNED.node!.version),
  jq: (argv) => openSource('jq', argv),
};
