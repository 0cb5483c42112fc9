/**
 * psql, pg_dump and pg_restore from PostgreSQL's own reference pages (doc/src/sgml/ref/*.sgml, what
 * the man pages and the HTML reference are built from). Each page's Options section
 * (`<refsect1>` titled Options) is a `<variablelist>` of `<varlistentry>`s whose `<term>`s are the
 * spellings of one option:
 *
 *   <term><option>-f <replaceable>file</replaceable></option></term>
 *   <term><option>--file=<replaceable>file</replaceable></option></term>
 *   <term><option>--help[=<replaceable>topic</replaceable>]</option></term>
 *
 * A `<replaceable>` after the name means the option takes a value; written `[=…]`, the value is
 * optional. Terms without an `<option>` (positional arguments such as `dbname`, and the values of
 * nested lists such as pg_dump's formats) are not options. The page lists every option, so the
 * node is complete. psql's backslash meta-commands are documented in another section (Usage) and
 * are not command-line flags. The Examples' `<screen>`/`<programlisting>` command lines are
 * commands of the real-command corpus.
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

export const PG_REF = 'doc/src/sgml/ref';

export const PG_PAGES: Record<string, string> = {
  psql: `${PG_REF}/psql-ref.sgml`,
  pg_dump: `${PG_REF}/pg_dump.sgml`,
  pg_restore: `${PG_REF}/pg_restore.sgml`,
};

const POSITIONAL: Record<string, GenNode['args']> = {
  // psql [option...] [dbname [username]]
  psql: { name: 'dbname', isVariadic: true, isOptional: true },
  // pg_dump [connection-option...] [option...] [dbname]
  pg_dump: { name: 'dbname', isOptional: true },
  // pg_restore [connection-option...] [option...] [filename]
  pg_restore: { name: 'filename', isOptional: true },
};

/** The text of the `<refsect1>` whose title is `title`. */
function section(sgml: string, title: string): string {
  for (const m of sgml.matchAll(/<refsect1\b[^>]*>([\s\S]*?)<\/refsect1>/gi)) {
    const t = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(m[1]!)?.[1]?.replace(/<[^>]*>/g, '').trim();
    if (t?.toLowerCase() === title.toLowerCase()) return m[1]!;
  }
  return '';
}

/** The option one `<term>` spells, or null when the term is not an option. */
export function termOption(term: string): GenOption | null {
  const m = /<option>([\s\S]*?)<\/option>([\s\S]*)$/i.exec(term);
  if (!m) return null;
  const inside = m[1]!.trim();
  const name = /^(--?[^\s=[<]*)/.exec(inside)?.[1];
  if (!name || name === '-' || name === '--') return null;
  const rest = `${inside.slice(name.length)}${m[2]!}`;
  if (!/<replaceable\b/i.test(rest)) return { name: [name] };
  // `--help[=<replaceable>topic</replaceable>]`: the value may be left out.
  return /^\s*\[=?\s*<replaceable\b/i.test(rest) ? { name: [name], args: { name: 'value', isOptional: true } } : { name: [name], args: { name: 'value' } };
}

/** The options of a reference page's Options section. */
export function pageOptions(sgml: string): GenOption[] {
  const options: GenOption[] = [];
  const body = section(sgml, 'Options');
  if (!body) throw new Error('no <refsect1> titled Options');
  // Only the `<term>`s that open an entry: nested lists (format values) hold terms without options.
  for (const entry of body.matchAll(/<varlistentry\b[^>]*>\s*((?:<term\b[^>]*>[\s\S]*?<\/term>\s*)+)/gi)) {
    const spellings = [...entry[1]!.matchAll(/<term\b[^>]*>([\s\S]*?)<\/term>/gi)].map((t) => termOption(t[1]!)).filter((o): o is GenOption => o !== null);
    if (!spellings.length) continue;
    const values = spellings.filter((o) => o.args);
    const args = values.length ? (values.every((o) => o.args!.isOptional) ? { name: 'value', isOptional: true } : { name: 'value' }) : undefined;
    addOption(options, args ? { name: spellings.flatMap((o) => o.name), args } : { name: spellings.flatMap((o) => o.name) });
  }
  return options;
}

export function postgresTree(src: GitSource, tool: string): { spec: GenNode; paths: string[] } {
  const path = PG_PAGES[tool]!;
  const options = pageOptions(src.read(path));
  if (options.length < 10) throw new Error(`${path}: only ${options.length} options found`);
  return { spec: { name: [tool], options: sortOptions(options), args: POSITIONAL[tool], complete: true }, paths: [`${path} (Options)`] };
}

const ENTITIES: Record<string, string> = { '&gt;': '>', '&lt;': '<', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** Command lines of a page's `<screen>` and `<programlisting>` blocks: `$ cmd` prompts, or lines starting with a tool's name. */
export function pageExamples(sgml: string, tools: string[]): Array<{ tool: string; text: string; line: number }> {
  const out: Array<{ tool: string; text: string; line: number }> = [];
  for (const m of sgml.matchAll(/<(screen|programlisting)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const first = sgml.slice(0, m.index! + m[0].indexOf('>') + 1).split('\n').length;
    const lines = m[2]!.split('\n');
    const withPrompts = lines.some((l) => /<prompt>\$<\/prompt>|^\s*\$ /.test(l));
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      const prompted = /<prompt>\$<\/prompt>/.test(raw) || /^\s*\$ /.test(raw);
      let text = raw
        .replace(/<prompt>[^<]*<\/prompt>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&[a-z]+;/g, (e) => ENTITIES[e] ?? e)
        .replace(/^\s*\$ /, '')
        .trim();
      const line = first + i;
      const tool = tools.find((t) => text === t || text.startsWith(`${t} `));
      // Where a block has `$ ` prompts, only prompted lines are commands (the others are output:
      // `psql (17.9)`); a here-document's body is not on the line, so `psql <<EOF` is left out.
      if (!tool || ((m[1] === 'screen' || withPrompts) && !prompted) || text.includes('<<')) continue;
      // `\` continues the command on the next line.
      while (/\\$/.test(text) && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.replace(/<[^>]+>/g, '').replace(/&[a-z]+;/g, (e) => ENTITIES[e] ?? e).trim()}`;
      out.push({ tool, text, line });
    }
  }
  return out;
}
