/**
 * git's command tree from its own documentation: the commands of `command-list.txt`, and for each
 * command the options of `Documentation/git-<cmd>.adoc` (with its `include::`s, evaluated under the
 * command's `ifdef::git-<cmd>[]` attributes as the man page build does), subcommands from the
 * SYNOPSIS and COMMANDS sections, and the global options of `Documentation/git.adoc`; plus the
 * aliases git's option parser adds without documenting them (`OPT_ALIAS` in `builtin/<cmd>.c`).
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

const DOC = 'Documentation';

/** The document with `include::` and `ifdef`/`ifndef` evaluated for `attrs`. */
function expand(src: GitSource, path: string, attrs: Set<string>, depth = 0): string[] {
  if (depth > 8 || !src.has(path)) return [];
  const out: string[] = [];
  const stack: boolean[] = [];
  const active = () => stack.every(Boolean);
  const test = (spec: string) => (spec.includes('+') ? spec.split('+').every((a) => attrs.has(a)) : spec.split(',').some((a) => attrs.has(a)));
  for (const line of src.read(path).split('\n')) {
    let m = /^(ifdef|ifndef)::([^[]+)\[(.*)\]\s*$/.exec(line);
    if (m) {
      const yes = m[1] === 'ifdef' ? test(m[2]!) : !test(m[2]!);
      if (m[3]) {
        if (active() && yes) out.push(m[3]);
      } else stack.push(yes);
      continue;
    }
    if (/^endif::.*\[\]\s*$/.test(line)) {
      stack.pop();
      continue;
    }
    if (!active()) continue;
    m = /^:([\w-]+):\s*(.*)$/.exec(line);
    if (m) {
      attrs.add(m[1]!);
      continue;
    }
    m = /^include::([^[]+)\[\]\s*$/.exec(line);
    if (m) {
      const dir = path.slice(0, path.lastIndexOf('/'));
      out.push(...expand(src, `${dir}/${m[1]}`, attrs, depth + 1));
      continue;
    }
    out.push(line);
  }
  return out;
}

const OPTION = /(?<![\w<-])(--?)(\[no-\])?([A-Za-z0-9][\w.-]*)(\[no-\][\w-]+)?(\[=|\[<|\[\s*[<a-z]|=|\s+<|<|\s+\()?/g;

/** Options named in a term or synopsis line: `--max-count=<n>`, `-n <n>`, `--[no-]tags`, `--decorate[=<how>]`. */
export function optionsIn(text: string): GenOption[] {
  const clean = text
    .replace(/[`'*]/g, '')
    .replace(/\{litdd\}/g, '--')
    .replace(/_?(<[^>]*>)_?/g, '$1')
    // `--term-(bad|new)=<term>`: one option per alternative.
    .replace(/(--[\w-]*)\(([\w|-]+)\)(\S*)/g, (_, head: string, alts: string, tail: string) => alts.split('|').map((a) => `${head}${a}${tail}`).join(' '))
    // `(-m | --message) <message>`: the value belongs to each alternative.
    .replace(/\(((?:\s*--?[\w-]+\s*\|?)+)\)(\s*=?<[^>]*>)/g, (_, alts: string, value: string) =>
      alts.split('|').map((a) => `${a.trim()}${value}`).join(' | '));
  const out: GenOption[] = [];
  for (const m of clean.matchAll(OPTION)) {
    const [, dashes, noPrefix, base, noInfix, after] = m;
    if (!base || (dashes === '-' && base.length > 1 && !/^\w$/.test(base[0]!))) continue;
    // Short options are one character (`-n`); `-Xours` style is a short option with an attached value.
    const short = dashes === '-';
    const name = short ? `-${base[0]}` : `--${base}`;
    let args: GenOption['args'];
    if (short && base.length > 1) args = { name: 'value' };
    else if (after?.startsWith('[')) args = { name: 'value', isOptional: true };
    else if (after && after.trim() !== '' ) args = { name: 'value' };
    const names = [name];
    if (noPrefix && !short) names.push(`--no-${base}`);
    if (noInfix && !short) names.push(`--${base}${noInfix.replace(/[[\]]/g, '')}`);
    for (const n of names) out.push(args ? { name: [n], args } : { name: [n] });
  }
  return out;
}

interface Section {
  title: string;
  lines: string[];
}

function sections(lines: string[]): Section[] {
  const out: Section[] = [{ title: '', lines: [] }];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    if (/^[A-Z][A-Z /-]+$/.test(line.trim()) && /^-{3,}\s*$/.test(next) && next.trim().length >= line.trim().length - 1) {
      out.push({ title: line.trim(), lines: [] });
      i++;
      continue;
    }
    if (/^== [A-Z]/.test(line)) {
      out.push({ title: line.slice(3).trim(), lines: [] });
      continue;
    }
    out.at(-1)!.lines.push(line);
  }
  return out;
}

/** A definition-list term: `--verbose::`, `-n <n>;;`, `` `add` :: ``. */
const TERM = /^(?:(?![ \t])(?!(?:include|ifdef|ifndef|endif|image|link|linkgit)::)(.+?)|[ \t]+(`?-.+?))(::|;;|:::)\s*$/;

/** Words of a synopsis line after `git <cmd>`: the first bare word outside brackets is a subcommand. */
function synopsisSubcommand(line: string, command: string): string | undefined {
  const text = line.replace(/[`'*]/g, ' ').replace(/\s+/g, ' ').trim();
  const prefix = `git ${command} `;
  if (!text.startsWith(prefix)) return undefined;
  let depth = 0;
  for (const token of text.slice(prefix.length).split(' ')) {
    const opens = (token.match(/[[(<]/g) ?? []).length;
    const closes = (token.match(/[\])>]/g) ?? []).length;
    if (depth === 0 && opens === 0 && /^[a-z][a-z0-9-]*$/.test(token)) return token;
    if (depth === 0 && opens === 0 && !token.startsWith('-') && token !== '|') return undefined;
    depth += opens - closes;
    if (depth < 0) depth = 0;
  }
  return undefined;
}

export interface GitTree {
  root: GenNode;
  paths: string[];
}

function commandNode(src: GitSource, command: string, paths: string[]): GenNode {
  const path = [`${DOC}/git-${command}.adoc`, `${DOC}/git-${command}.txt`].find((p) => src.has(p));
  const options: GenOption[] = [{ name: ['-h'] }, { name: ['--help'] }];
  const subs = new Set<string>();
  if (!path) return { name: [command], options, args: { name: 'args', isVariadic: true, isOptional: true }, complete: false, gap: `no Documentation/git-${command}.adoc` };
  paths.push(path);
  const lines = expand(src, path, new Set([`git-${command}`, 'doctype-manpage', 'backend-docbook']));
  for (const section of sections(lines)) {
    const commands = /^(SUB)?COMMANDS$/.test(section.title);
    if (section.title === 'SYNOPSIS') {
      for (const line of section.lines) {
        for (const o of optionsIn(line)) addOption(options, o);
        const sub = synopsisSubcommand(line, command);
        if (sub) subs.add(sub);
      }
      continue;
    }
    for (const line of section.lines) {
      const term = TERM.exec(line);
      if (!term) continue;
      let text = (term[1] ?? term[2]!).trim();
      // A term showing how to run a command (`git-diff-index --cached <tree-ish>`) names that command's options.
      const usage = /^[`'_]*git[ -]([\w-]+)/.exec(text);
      if (usage) {
        if (usage[1] !== command) continue;
        text = text.slice(usage[0].length);
      }
      if (commands) {
        const word = text.replace(/[`'"]/g, '').trim().split(/\s/)[0]!;
        if (/^[a-z][a-z0-9-]*$/.test(word)) subs.add(word);
      }
      for (const o of optionsIn(text)) addOption(options, o);
    }
  }
  // "`--staged` is a synonym of `--cached`": the documented other name takes the same value.
  for (const line of lines.join(' ').split(/\n|\s{2,}(?=[A-Z`])/)) {
    const synonym =
      /`(--?[\w-]+)`(?:\s+and\s+`(--?[\w-]+)`)?\s+(?:is|are)\s+(?:a\s+|an\s+)?(?:deprecated\s+)?(?:synonyms?|alias(?:es)?)\s+(?:of|for)\s+`(--?[\w-]+)`(?:\s+and\s+`(--?[\w-]+)`)?/g;
    for (const m of line.matchAll(synonym)) {
      for (const [alias, name] of [[m[1], m[3]], [m[2], m[4]]]) {
        const target = alias && name ? options.find((o) => o.name.includes(name)) : undefined;
        if (target) addOption(options, { name: [alias!], ...(target.args ? { args: target.args } : {}) });
      }
    }
  }
  // parse-options accepts `--no-<name>` for every long option it does not mark as non-negatable.
  for (const o of [...options]) {
    const n = o.name.find((x) => x.startsWith('--') && !x.startsWith('--no-'));
    if (n && !o.args) addOption(options, { name: [`--no-${n.slice(2)}`] });
  }
  const text = lines.join('\n');
  // Commands that take rev-list arguments (`git bundle create <file> <git-rev-list-args>`) accept its options.
  if (command !== 'rev-list' && /rev-list-args|<rev-list-options>|git-rev-list\[1\] options/.test(text)) {
    for (const line of expand(src, `${DOC}/rev-list-options.adoc`, new Set(['git-rev-list']))) {
      const term = TERM.exec(line);
      if (term) for (const o of optionsIn(term[1] ?? term[2]!)) addOption(options, o);
    }
    paths.push(`${DOC}/rev-list-options.adoc`);
  }
  // Aliases git's option parser defines without documenting them (`OPT_ALIAS(0, "recursive", "recurse-submodules")`).
  const builtin = `builtin/${command}.c`;
  if (src.has(builtin)) {
    for (const m of src.read(builtin).matchAll(/OPT_ALIAS\(\s*(0|'\w')\s*,\s*"([\w-]+)"\s*,\s*"([\w-]+)"\s*\)/g)) {
      const target = options.find((o) => o.name.includes(`--${m[3]}`));
      if (target) addOption(options, { name: [`--${m[2]}`], ...(target.args ? { args: target.args } : {}) });
    }
    paths.push(builtin);
  }
  // gitcli(7): every command that uses parse-options accepts `--end-of-options`.
  addOption(options, { name: ['--end-of-options'] });
  const persistent = sortOptions(options).map((o) => ({ ...o, isPersistent: true }));
  const node: GenNode = { name: [command], options: persistent, args: { name: 'args', isVariadic: true, isOptional: true }, complete: true };
  if (subs.size === 0 && /'?git \S+'? [^\n]*<sub-?command>/.test(text)) {
    node.complete = false;
    node.gap = `Documentation/git-${command}.adoc describes its subcommands in prose, so the generated list may have gaps`;
  }
  if (subs.size) {
    node.subcommands = [...subs].sort().map((s) => ({ name: [s], options: [], args: { name: 'args', isVariadic: true, isOptional: true }, complete: true }));
  }
  return node;
}

export function gitTree(src: GitSource): GitTree {
  const paths = ['command-list.txt'];
  const list = src.read('command-list.txt').split('\n');
  const start = list.findIndex((l) => l.startsWith('### command list'));
  const commands = list
    .slice(start + 1)
    .map((l) => /^git-([\w-]+)\s/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined);
  const globalOptions: GenOption[] = [];
  paths.push(`${DOC}/git.adoc`);
  for (const section of sections(expand(src, `${DOC}/git.adoc`, new Set(['git'])))) {
    if (section.title !== 'OPTIONS' && section.title !== 'SYNOPSIS') continue;
    for (const line of section.lines) {
      const match = section.title === 'OPTIONS' ? TERM.exec(line) : null;
      const term = section.title === 'OPTIONS' ? (match?.[1] ?? match?.[2]) : line;
      if (term) for (const o of optionsIn(term)) addOption(globalOptions, o);
    }
  }
  const root: GenNode = {
    name: ['git'],
    options: sortOptions(globalOptions),
    subcommands: [...new Set(commands)].sort().map((c) => commandNode(src, c, paths)),
    complete: true,
  };
  return { root, paths };
}
