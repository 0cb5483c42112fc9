/**
 * curl's options from the table its own command-line parser uses (`src/tool_getparam.c`, `aliases[]`:
 * `{"max-time", ARG_STRG, 'm', C_MAX_TIME}`), which also holds the names the documentation only
 * mentions as old spellings (`--include` for `--show-headers`). ARG_STRG/ARG_FILE take a value;
 * ARG_BOOL options also accept `--no-<name>`; value options also accept `--expand-<name>`.
 * `docs/cmdline-opts/<long>.md` (what `--help` and the man page are built from) is cross-checked
 * against it, and its `Example:` lines are commands of the corpus.
 */
import type { GitSource } from './source.ts';
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

export const CURL_OPTS = 'docs/cmdline-opts';

export interface CurlOption {
  path: string;
  long: string;
  short?: string;
  arg?: string;
  boolean: boolean;
  examples: Array<{ text: string; line: number }>;
}

export function curlOptions(src: GitSource): CurlOption[] {
  const out: CurlOption[] = [];
  for (const path of src.list(CURL_OPTS)) {
    if (!path.endsWith('.md') || path.endsWith('/MANPAGE.md')) continue;
    const text = src.read(path);
    if (!text.startsWith('---\n')) continue;
    const head = text.slice(4, text.indexOf('\n---', 4)).split('\n');
    const field = (key: string) => head.find((l) => l.startsWith(`${key}:`))?.slice(key.length + 1).trim();
    const long = field('Long');
    if (!long) continue;
    const examples: CurlOption['examples'] = [];
    const at = head.findIndex((l) => l.startsWith('Example:'));
    if (at >= 0) {
      for (let i = at + 1; i < head.length && /^\s+- /.test(head[i]!); i++) examples.push({ text: head[i]!.replace(/^\s+- /, ''), line: i + 2 });
    }
    out.push({ path, long, short: field('Short'), arg: field('Arg'), boolean: field('Multi') === 'boolean', examples });
  }
  return out;
}

export const CURL_PARSER = 'src/tool_getparam.c';

export function curlTree(src: GitSource, documented: CurlOption[]): GenNode {
  const list: GenOption[] = [];
  const table = src.read(CURL_PARSER);
  for (const m of table.matchAll(/^\s*\{"([\w.-]+)",\s*([A-Z_|]+),\s*'(.)',\s*C_\w+\}/gm)) {
    const [, long, type, short] = m as unknown as [string, string, string, string];
    const name = [`--${long}`, ...(short !== ' ' ? [`-${short}`] : [])];
    const value = /ARG_(STRG|FILE)/.test(type);
    addOption(list, value ? { name, args: { name: 'value' } } : { name });
    if (/ARG_BOOL/.test(type)) addOption(list, { name: [`--no-${long}`] });
    if (value) addOption(list, { name: [`--expand-${long}`], args: { name: 'value' } });
  }
  const known = new Set(list.flatMap((o) => o.name));
  const missing = documented.filter((o) => !known.has(`--${o.long}`)).map((o) => o.long);
  if (missing.length) throw new Error(`documented in ${CURL_OPTS} but not in ${CURL_PARSER}: ${missing.join(', ')}`);
  return { name: ['curl'], options: sortOptions(list), args: { name: 'url', isVariadic: true, isOptional: true }, complete: true };
}
