/**
 * npm run generate:corpus -- --sources DIR
 *
 * Writes tests/fixtures/commands-real/commands.json: real commands for the toolbox's tools, taken
 * from the tools' own documentation (not written here), each with its source (repository, path,
 * line, commit). The commands/* checks are measured on it (npm run bench:commands, and a test).
 *
 * - git: `$ git …` lines of Documentation/**\/*.adoc (release notes excluded);
 * - helm: `helm …` lines of the code blocks of helm-www's Helm 3 docs (versioned_docs/version-3);
 * - curl: the `Example:` lines of docs/cmdline-opts/*.md, and `curl …` lines of docs/*.md code blocks;
 * - kubectl: the `kubectl …` lines of the Examples of kubectl's commands (pkg/cmd/**\/*.go);
 * - psql, pg_dump, pg_restore: the `$ …` command lines of the `<screen>`/`<programlisting>` examples
 *   of PostgreSQL's reference pages for the three (doc/src/sgml/ref);
 * - npm, node, jq: scripts/specs/corpus-more.ts (npm's docs/content, Node's doc/api, jq's manual);
 * - gh: the `$ gh …` lines of the `Example:` text of gh's cobra commands (pkg/cmd/**\/*.go), and `gh …`
 *   (or `➜ gh …`) lines of docs/*.md code blocks;
 * - terraform: `terraform …` lines of the code blocks of website/docs/**\/*.mdx (the CLI and language docs) at the pinned tag;
 * - aws: `aws …` lines of the literal blocks of awscli/examples/**\/*.rst (all of a few services, a tenth of the rest);
 * - openssl: `openssl …` verbatim lines of the EXAMPLES of doc/man1/*.pod;
 * - redis-cli: `$ redis-cli …` lines and `redis-cli …` lines of code blocks of redis-doc's docs/**\/*.md (docs/connect/cli.md …).
 *
 * `--only psql,pg_dump` rebuilds those tools' commands and keeps the others' from the file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { curlOptions } from './curl.ts';
import { MORE_COLLECTORS, MORE_SOURCES } from './corpus-more.ts';
import type { ReadableSource } from './package-source.ts';
import type { GitSource } from './source.ts';
import { PG_PAGES, pageExamples } from './postgres.ts';
import { argValue, openSource } from './sources.ts';
import { openShell } from './shell-text.ts';

export interface CorpusCommand {
  tool: string;
  command: string;
  repo: string;
  path: string;
  /** 1-based line of the command in `path`. */
  line: number;
  commit: string;
}

const OUT = new URL('../../tests/fixtures/commands-real/commands.json', import.meta.url).pathname;

/** Lines matching `start`, with continuations joined (`\`, a trailing pipe, an open quote or loop). */
function commandLines(text: string, start: RegExp, clean: (line: string) => string = (l) => l): Array<{ text: string; line: number }> {
  const lines = text.split('\n').map(clean);
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = start.exec(lines[i]!);
    if (!m) continue;
    let command = m[1]!;
    const line = i + 1;
    // `\` continues the line; so does a trailing `|`, `&&` or `||`.
    while (/(\\|\||&&)\s*$/.test(command) && i + 1 < lines.length) {
      const next = lines[++i]!.replace(/^\s*\$ /, '').trim();
      command = /\\\s*$/.test(command) ? `${command.replace(/\\\s*$/, '')} ${next}` : `${command}\n${next}`;
    }
    const first = i;
    while (openShell(command) && i + 1 < lines.length && i - first < 24 && !/^\s*(\$ |-{4,}|\.{4,}|Output::)/.test(lines[i + 1]!)) command = `${command}\n${lines[++i]!}`;
    out.push({ text: command.trim(), line });
  }
  return out;
}

/** Attribute references resolved, and AsciiDoc callouts (`git branch -D test   <2>`) removed: they are not part of the command. */
function asciidoc(text: string): string {
  return text
    .replace(/(\s+<\d+>)+\s*$/, '').replace(/\{litdd\}/g, '--').replace(/\{caret\}/g, '^').replace(/\{tilde\}/g, '~').replace(/\{plus\}/g, '+').replace(/\{startsb\}/g, '[').replace(/\{endsb\}/g, ']');
}

/** Code-block lines of a Markdown file (```…``` fences), with their 1-based line numbers. */
function codeLines(md: string): string {
  let inside = false;
  return md
    .split('\n')
    .map((l) => {
      if (/^\s*(```|~~~)/.test(l)) {
        inside = !inside;
        return '';
      }
      return inside ? l : '';
    })
    .join('\n');
}

/** `tool`'s commands in the examples of the three PostgreSQL reference pages. */
const postgres = (tool: string) => (src: ReadableSource) =>
  Object.values(PG_PAGES).flatMap((path) =>
    pageExamples(src.read(path), Object.keys(PG_PAGES))
      .filter((e) => e.tool === tool)
      .map((e) => ({ command: e.text, path, line: e.line })),
  );

const collectors: Record<string, (src: ReadableSource) => Array<Omit<CorpusCommand, 'repo' | 'commit' | 'tool'>>> = {
  git: (src) =>
    src
      .list('Documentation')
      .filter((p) => p.endsWith('.adoc') && !p.includes('/RelNotes/'))
      .flatMap((path) => commandLines(src.read(path), /^\s*\$ (git [a-z].*)$/, asciidoc).map((c) => ({ command: c.text, path, line: c.line }))),
  helm: (src) =>
    src
      .list('versioned_docs/version-3')
      .filter((p) => p.endsWith('.md') || p.endsWith('.mdx'))
      .flatMap((path) => commandLines(codeLines(src.read(path)), /^\s*(?:\$ )?(helm [a-z].*)$/).map((c) => ({ command: c.text, path, line: c.line }))),
  curl: (src) => [
    // curl's source is a clone (a GitSource); only npm and node are read from artifacts.
    ...curlOptions(src as GitSource).flatMap((o) => o.examples.map((e) => ({ command: `curl ${e.text}`, path: o.path, line: e.line }))),
    ...src
      .list('docs')
      .filter((p) => p.endsWith('.md') && !p.startsWith('docs/cmdline-opts/'))
      .flatMap((path) => commandLines(codeLines(src.read(path)), /^\s*(?:\$ )?(curl [-a-z"'$h].*)$/).map((c) => ({ command: c.text, path, line: c.line }))),
  ],
  kubectl: (src) =>
    src
      .list('pkg/cmd')
      .filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'))
      .flatMap((path) => {
        const go = src.read(path);
        // Only inside `templates.Examples(…)` literals: the documented examples of each command.
        const out: Array<{ command: string; path: string; line: number }> = [];
        for (const m of go.matchAll(/templates\.Examples\((?:i18n\.T\()?`([^`]*)`/g)) {
          const base = go.slice(0, m.index).split('\n').length - 1;
          const offset = m[0].indexOf('`') + 1;
          const firstLine = base + go.slice(m.index!, m.index! + offset).split('\n').length;
          for (const c of commandLines(m[1]!, /^\s*(kubectl [a-z].*)$/)) out.push({ command: c.text, path, line: firstLine + c.line - 1 });
        }
        return out;
      }),
  gh: (src) => [
    ...src
      .list('pkg/cmd')
      .filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'))
      .flatMap((path) => {
        const go = src.read(path);
        const out: Array<{ command: string; path: string; line: number }> = [];
        // The `Example:` field of each command (`heredoc.Doc(\`…\`)`); `%[1]s` (Docf's backtick) lines are skipped.
        for (const m of go.matchAll(/Example:\s*(?:heredoc\.Docf?\()?`([^`]*)`/g)) {
          const firstLine = go.slice(0, m.index + m[0].indexOf('`') + 1).split('\n').length;
          for (const c of commandLines(m[1]!, /^\s*\$ (gh [a-z].*)$/)) if (!c.text.includes('%[')) out.push({ command: c.text, path, line: firstLine + c.line - 1 });
        }
        return out;
      }),
    ...src
      .list('docs')
      .filter((p) => p.endsWith('.md'))
      // `➜ ` is the prompt of docs/multiple-accounts.md.
      .flatMap((path) => commandLines(codeLines(src.read(path)), /^\s*(?:\$ |➜ )?(gh [a-z].*)$/).map((c) => ({ command: c.text, path, line: c.line }))),
  ],
  terraform: (src) =>
    src
      .list('website/docs')
      .filter((p) => p.endsWith('.mdx') || p.endsWith('.md'))
      .flatMap((path) => commandLines(codeLines(src.read(path)), /^\s*(?:\$ )?(terraform [-a-z].*)$/).map((c) => ({ command: c.text, path, line: c.line }))),
  psql: postgres('psql'),
  pg_dump: postgres('pg_dump'),
  pg_restore: postgres('pg_restore'),
  ...MORE_COLLECTORS,
  'redis-cli': (src) =>
    src
      .list('docs')
      .filter((p) => p.endsWith('.md'))
      .flatMap((path) => {
        const md = src.read(path);
        // `$ redis-cli …` prompts, also in indented code blocks (docs/connect/cli.md), and unprompted lines of fenced blocks.
        const prompted = commandLines(md, /^\s+\$ (redis-cli\s.*)$/);
        const fenced = commandLines(codeLines(md), /^\s*(redis-cli\s.*)$/);
        const lines = new Set(prompted.map((c) => c.line));
        return [...prompted, ...fenced.filter((c) => !lines.has(c.line))].sort((a, b) => a.line - b.line).map((c) => ({ command: c.text, path, line: c.line }));
      }),
  aws: (src) => {
    // awscli/examples/<service>/<command>.rst (~5,900 files): every example of the services with
    // hand-written commands or the handbook's (AWS_ALL), and the first example of every tenth other
    // file in path order, so the corpus stays a size the test can run.
    const files = src.list('awscli/examples').filter((p) => p.endsWith('.rst')).sort();
    return files.flatMap((path, i) => {
      const service = path.split('/')[2]!;
      const all = AWS_ALL.has(service);
      if (!all && i % 10 !== 0) return [];
      // A command still open after the extractor's 12 continuation lines (a long JSON argument) was cut: left out.
      const found = commandLines(src.read(path), /^\s+(aws [a-z][\w-]* .*)$/).filter((c) => !openShell(c.text));
      return (all ? found : found.slice(0, 1)).map((c) => ({ command: c.text, path, line: c.line }));
    });
  },
  openssl: (src) =>
    src
      .list('doc/man1')
      .filter((p) => p.endsWith('.pod') || p.endsWith('.pod.in'))
      .flatMap((path) => {
        // The verbatim (indented) `openssl …` lines of the EXAMPLES section.
        const pod = src.read(path);
        const lines = pod.split('\n');
        let inExamples = false;
        const kept = lines.map((l) => {
          if (/^=head1\s/.test(l)) inExamples = /^=head1\s+EXAMPLES?\b/.test(l);
          return inExamples ? l : '';
        });
        return commandLines(kept.join('\n'), /^\s+(openssl [a-z].*)$/).map((c) => ({ command: c.text, path, line: c.line }));
      }),
};

/** aws services whose every documented example is in the corpus. */
const AWS_ALL = new Set(['s3', 's3api', 'eks', 'ecr', 'sts', 'configure', 'deploy', 'cloudformation', 'logs', 'secretsmanager', 'ssm', 'rds']);

/** Tools whose documentation lives in another repository than their source. */
const DOCS_SOURCE: Record<string, string> = { 'redis-cli': 'redis-doc' };

const argv = process.argv.slice(2);
const only = argValue(argv, 'only')?.split(',');
const kept: CorpusCommand[] = only && existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as CorpusCommand[]).filter((c) => !only.includes(c.tool)) : [];
const corpus: CorpusCommand[] = [];
for (const tool of Object.keys(collectors)) {
  if (only && !only.includes(tool)) {
    corpus.push(...kept.filter((c) => c.tool === tool));
    continue;
  }
  const src = MORE_SOURCES[tool]?.(argv) ?? openSource(DOCS_SOURCE[tool] ?? tool, argv);
  const seen = new Set<string>();
  let n = 0;
  for (const c of collectors[tool]!(src)) {
    if (seen.has(c.command)) continue;
    seen.add(c.command);
    corpus.push({ tool, command: c.command, repo: src.info.repo, path: c.path, line: c.line, commit: src.info.commit });
    n++;
  }
  console.log(`${tool}: ${n} commands from ${src.info.repo} ${src.info.ref}`);
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `[\n${corpus.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
console.log(`${corpus.length} commands → ${OUT}`);
