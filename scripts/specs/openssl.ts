/**
 * openssl from its own source (openssl/openssl at an openssl-3.x tag):
 *
 * - commands: the `<name>_main(int argc, …)` functions of apps/*.c, the regex apps/progs.pl uses to
 *   build the command table; plus progs.pl's digest commands (`openssl sha256 file`: dgst's
 *   options) and cipher commands (`openssl aes-256-cbc`: enc's options);
 * - flags: each command's `const OPTIONS <name>_options[]` table, one `{ "name", OPT_X, 'c', "help" }`
 *   per option, where the value-type character `'-'` (or 0) means the option takes no value and any other
 *   (`'s'` string, `'<'` input file, `'>'` output file, `'n'` number, `'f'` format …) one value;
 *   macros such as OPT_R_OPTIONS, OPT_V_OPTIONS and OPT_PROV_OPTIONS are expanded from
 *   apps/include/*.h;
 * - `{ "", OPT_MD, '-', "Any supported digest" }` (or OPT_CIPHER): the command takes any digest
 *   (cipher) name as a flag (`openssl x509 -sha256`, `openssl genrsa -aes256`). Those names are the
 *   ones the providers register (providers/implementations/include/prov/names.h, sections
 *   "Digests" and "Symmetric ciphers", every alias) and progs.pl's lists, lower-cased.
 *
 * openssl's options are single-dash long names (`-in file`, `-noout`): no bundling of short flags
 * (flagsArePosixNoncompliant), and options stop at the first argument (optionsMustPrecedeArguments).
 * The parser (apps/lib/opt.c) also takes `--name` and `-name=value`: the spec lists the single-dash
 * spelling and says so (allowDoubleDash).
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode } from './types.ts';

export const OPENSSL_APPS = 'apps';
export const OPENSSL_NAMES = 'providers/implementations/include/prov/names.h';
export const OPENSSL_PROGS = 'apps/progs.pl';

/** `#define NAME body` macros of a C header, continuation lines joined. */
export function cMacros(header: string): Map<string, string> {
  const out = new Map<string, string>();
  const joined = header.replace(/\\\r?\n/g, ' ');
  for (const m of joined.matchAll(/^\s*#\s*define\s+(\w+)(\([^)]*\))?[ \t]+(.*)$/gm)) out.set(m[1]!, m[3]!);
  return out;
}

export interface TableEntry {
  name: string;
  /** The value-type character ('-': no value). */
  type: string;
  id: string;
}

/** The entries of an OPTIONS table body (or macro body), macros expanded. */
export function tableEntries(body: string, macros: Map<string, string>, depth = 0): { entries: TableEntry[]; unknown: string[] } {
  const entries: TableEntry[] = [];
  const unknown: string[] = [];
  // Entries and macro references, in order.
  const re = /\{\s*"((?:[^"\\]|\\.)*)"\s*,\s*(\w+)\s*,\s*(?:'(\\?.)'|(\d+))|\b(OPT_[A-Z_]*OPTIONS?|OPT_CONFIG_OPTION)\b(?!\s*\()/g;
  for (const m of body.matchAll(re)) {
    if (m[5]) {
      const macro = macros.get(m[5]);
      if (macro === undefined || depth > 5) {
        unknown.push(m[5]);
        continue;
      }
      const inner = tableEntries(macro, macros, depth + 1);
      entries.push(...inner.entries);
      unknown.push(...inner.unknown);
      continue;
    }
    entries.push({ name: m[1]!, id: m[2]!, type: m[3] ?? m[4]! });
  }
  return { entries, unknown };
}

/** `const OPTIONS <name>_options[] = { … };` tables of one apps/*.c file. */
export function optionTables(c: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of c.matchAll(/const\s+OPTIONS\s+(\w+)_options\s*\[\s*\]\s*=\s*\{([\s\S]*?)\n\};/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The command names of a file: `<name>_main(int argc,` (apps/progs.pl's regex). */
export function mainFunctions(c: string): string[] {
  return [...c.matchAll(/^\s*(?:int\s+|)\s*([a-z_][a-z0-9_]*)_main\s*\(\s*int\s+argc\s*,/gm)].map((m) => m[1]!);
}

/** The quoted names of one `foreach my $cmd ( … )` list of progs.pl that builds `FT_<kind>` entries. */
export function progsList(progs: string, kind: 'md' | 'cipher'): string[] {
  for (const m of progs.matchAll(/foreach my \$cmd \(([\s\S]*?)\)\s*\{([\s\S]*?)\n {4}\}/g)) {
    if (m[2]!.includes(`FT_${kind},`)) return [...m[1]!.matchAll(/"([\w-]+)"/g)].map((n) => n[1]!);
  }
  return [];
}

/** The algorithm names (every alias, lower-cased, OIDs left out) of one section of names.h. */
export function providerNames(names: string, section: 'Digests' | 'Symmetric ciphers'): string[] {
  const start = names.search(new RegExp(`^ \\* ${section}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = names.slice(start);
  const next = rest.slice(1).search(/^\/\*-/m);
  const body = next < 0 ? rest : rest.slice(0, next + 1);
  const out = new Set<string>();
  for (const m of body.matchAll(/#\s*define\s+PROV_NAMES_\w+\s+"([^"]+)"/g)) for (const n of m[1]!.split(':')) if (!/^[\d.]+$/.test(n)) out.add(n.toLowerCase());
  return [...out];
}

/** `min`: sanity bounds for the real tree (~50 commands, ~80 digest and ~200 cipher names); tests pass a small tree. */
export function opensslTree(src: GitSource, min = { commands: 40, digests: 15, ciphers: 50 }): { spec: GenNode; paths: string[] } {
  const macros = new Map<string, string>();
  for (const h of src.list(`${OPENSSL_APPS}/include`).filter((p) => p.endsWith('.h'))) for (const [k, v] of cMacros(src.read(h))) macros.set(k, v);
  const names = src.read(OPENSSL_NAMES);
  const progs = src.read(OPENSSL_PROGS);
  const digests = [...new Set([...providerNames(names, 'Digests'), ...progsList(progs, 'md')])];
  const ciphers = [...new Set([...providerNames(names, 'Symmetric ciphers'), ...progsList(progs, 'cipher')])];
  if (digests.length < min.digests || ciphers.length < min.ciphers) throw new Error(`${OPENSSL_NAMES}: only ${digests.length} digests and ${ciphers.length} ciphers found`);

  const commands = new Map<string, GenNode>();
  for (const path of src.list(OPENSSL_APPS).filter((p) => /^apps\/[\w-]+\.c$/.test(p))) {
    const c = src.read(path);
    const tables = optionTables(c);
    for (const name of mainFunctions(c)) {
      const body = tables.get(name);
      const node: GenNode = { name: [name], options: [], args: { name: 'arg', isVariadic: true, isOptional: true }, complete: true };
      if (body === undefined) {
        node.complete = false;
        node.gap = `${path} has no ${name}_options table`;
        commands.set(name, node);
        continue;
      }
      const { entries, unknown } = tableEntries(body, macros);
      if (unknown.length) {
        node.complete = false;
        node.gap = `${path}: ${unknown.join(', ')} could not be expanded`;
      }
      for (const e of entries) {
        // (OPT_SECTION, OPT_PARAMETERS and OPT_MORE_STR entries, help text, have no quoted name and are not matched.)
        if (e.name === '') {
          const list = /CIPHER/.test(e.id) ? ciphers : /MD|DIGEST/.test(e.id) ? digests : null;
          if (!list) {
            node.complete = false;
            node.gap = `${path}: an unnamed ${e.id} entry takes names the table does not list`;
            continue;
          }
          for (const n of list) addOption(node.options, { name: [`-${n}`] });
          continue;
        }
        // opt.c: a value type of '-' or 0 is a switch; every other type reads the next argument.
        addOption(node.options, e.type === '-' || e.type === '0' ? { name: [`-${e.name}`] } : { name: [`-${e.name}`], args: { name: 'value' } });
      }
      node.options = sortOptions(node.options);
      commands.set(name, node);
    }
  }
  if (commands.size < min.commands) throw new Error(`${OPENSSL_APPS}: only ${commands.size} commands found`);
  // `openssl sha256 file` runs dgst, `openssl aes-256-cbc` enc (progs.pl's FT_md and FT_cipher
  // entries): names of the same node.
  for (const [kind, main] of [['md', 'dgst'], ['cipher', 'enc']] as const) {
    const node = commands.get(main);
    if (!node) throw new Error(`${OPENSSL_APPS}: no ${main} command`);
    for (const n of progsList(progs, kind)) if (!commands.has(n) && !node.name.includes(n)) node.name.push(n);
  }
  return {
    spec: {
      name: ['openssl'],
      options: [],
      subcommands: [...commands.values()].sort((a, b) => a.name[0]!.localeCompare(b.name[0]!)),
      // apps/lib/opt.c: "Allow -nnn and --nnn", and `-name=value`.
      parserDirectives: { flagsArePosixNoncompliant: true, optionsMustPrecedeArguments: true, allowDoubleDash: true },
      complete: true,
    },
    paths: [`${OPENSSL_APPS}/*.c (<name>_main, <name>_options[])`, `${OPENSSL_APPS}/include/*.h (OPT_*_OPTIONS)`, `${OPENSSL_PROGS} (digest and cipher commands)`, `${OPENSSL_NAMES} (digest and cipher names)`],
  };
}
