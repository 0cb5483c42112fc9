/**
 * Command trees of cobra CLIs (helm) from the Markdown reference cobra generates (`GenMarkdownTree`:
 * one `<tool>_<sub>_<sub>.md` per command, with `### Options` and `### Options inherited from parent
 * commands` as usage blocks: `  -n, --namespace string   …`, `      --dry-run string[="client"]`).
 */
import { addOption, sortOptions, type GenNode, type GenOption } from './types.ts';

const FLAG = /^\s*(?:(-\w),\s+)?(--[\w-]+)(?:\s+(\S+?))?(?:\[="[^"]*"\])?(?:\s{2,}|$)/;

/** The flags of one usage block. Cobra prints a type word (`string`, `int`, `duration`) for flags that take a value. */
export function cobraFlags(block: string): GenOption[] {
  const out: GenOption[] = [];
  for (const line of block.split('\n')) {
    const m = FLAG.exec(line);
    if (!m) continue;
    const [, short, long, type] = m;
    const optional = new RegExp(`${long}\\s+\\S+?\\[="`).test(line);
    const name = [short, long].filter((n): n is string => !!n);
    const takes = type !== undefined && !/^\[/.test(type);
    out.push(takes ? { name, args: { name: type!.replace(/\[.*$/, ''), ...(optional ? { isOptional: true } : {}) } } : { name });
  }
  return out;
}

function section(md: string, title: string): string {
  const at = md.indexOf(`### ${title}\n`);
  if (at < 0) return '';
  const fence = md.indexOf('```', at);
  const end = md.indexOf('```', fence + 3);
  return fence < 0 || end < 0 ? '' : md.slice(fence + 3, end);
}

/** Builds the tree from `files`: file name → Markdown (`helm_get_values.md`). */
export function cobraTree(tool: string, files: Map<string, string>): GenNode {
  const root: GenNode = { name: [tool], options: [], subcommands: [], complete: true };
  const pages = [...files.entries()].map(([file, md]) => ({ path: file.replace(/\.md$/, '').split('_').slice(1), md }));
  // Command names contain `-` but never `_`, so the file name is the command path.
  pages.sort((a, b) => a.path.length - b.path.length);
  for (const { path, md } of pages) {
    let node = root;
    for (const part of path) {
      node.subcommands ??= [];
      let next = node.subcommands.find((s) => s.name.includes(part));
      if (!next) {
        next = { name: [part], options: [], complete: true };
        node.subcommands.push(next);
      }
      node = next;
    }
    const own = cobraFlags(section(md, 'Options'));
    for (const o of own) addOption(node.options, o);
    // Flags inherited from parents are persistent flags of the root (or of a parent) in cobra.
    for (const o of cobraFlags(section(md, 'Options inherited from parent commands'))) addOption(root.options, { ...o, isPersistent: true });
    const usage = /### Synopsis[\s\S]*?```\n([^\n]*)\n```/.exec(md)?.[1] ?? '';
    const words = usage.split(/\s+/).slice(path.length + 1);
    if (words.some((w) => /^[A-Z[<]/.test(w) && w !== '[flags]' && w !== '[command]')) node.args = { name: 'args', isVariadic: true, isOptional: true };
  }
  const sortTree = (n: GenNode) => {
    n.options = sortOptions(n.options);
    if (n.subcommands?.length) {
      n.subcommands.sort((a, b) => a.name[0]!.localeCompare(b.name[0]!));
      n.subcommands.forEach(sortTree);
    } else delete n.subcommands;
  };
  // Root persistent flags are listed on the root page as its own options.
  for (const o of root.options) o.isPersistent = true;
  sortTree(root);
  return root;
}

/**
 * Aliases from a cobra CLI's Go source (`Use: "uninstall RELEASE_NAME"` with `Aliases: []string{"del", …}`
 * in cmd/helm/uninstall.go), which the generated Markdown does not list. The file name is the command path.
 */
export function cobraAliases(files: Map<string, string>): Array<{ path: string[]; aliases: string[] }> {
  const out: Array<{ path: string[]; aliases: string[] }> = [];
  for (const [file, go] of files) {
    const parts = file.replace(/\.go$/, '').split('_');
    for (const m of go.matchAll(/Aliases:\s*\[\]string\{([^}]*)\}/g)) {
      const uses = [...go.slice(0, m.index).matchAll(/Use:\s*"([\w-]+)/g)];
      const use = uses.at(-1)?.[1];
      if (!use) continue;
      const path = parts.at(-1) === use ? parts : [...parts, use];
      out.push({ path, aliases: [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!) });
    }
  }
  return out;
}

export function addAliases(root: GenNode, aliases: Array<{ path: string[]; aliases: string[] }>): number {
  let added = 0;
  for (const { path, aliases: names } of aliases) {
    let node: GenNode | undefined = root;
    for (const part of path) node = node?.subcommands?.find((s) => s.name.includes(part));
    if (!node || node === root) continue;
    for (const a of names) {
      if (node.name.includes(a)) continue;
      node.name.push(a);
      added++;
    }
  }
  return added;
}
