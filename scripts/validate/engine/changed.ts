/**
 * `--changed [--base <ref>]` and `--staged`: report the docs a change touches, and the docs whose
 * links, runbook ids or alerts point at what it changed (a renamed heading, a moved or deleted file,
 * a changed id), instead of the whole tree. The whole tree is still read (from the content cache)
 * so that every cross-reference is resolved against it.
 */
import { execFile, spawn } from 'node:child_process';
import { frontmatterData } from './frontmatter.ts';
import { UsageError } from './load.ts';
import { headingsOf, linksOf, RB_MENTIONS } from './facts.ts';
import { parseText } from './parse.ts';
import { linkedPath } from './resolve.ts';
import type { DocFile, Project } from './types.ts';

export interface ChangeSet {
  /** Added, modified or renamed-to paths (repo-relative). */
  changed: string[];
  /** Deleted and renamed-from paths. */
  removed: string[];
  /** The ref compared against (for messages). */
  base: string;
  /** Old text of changed and removed files at the base, when git has it. */
  before(path: string): string | undefined;
}

/** What git prints, or an error with what it said. */
function git(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/**
 * The committed text of each of `paths` at `ref` (undefined where the path is not there), read by
 * one `git cat-file --batch` rather than one `git show` per path.
 */
function committedTexts(root: string, ref: string, paths: readonly string[]): Promise<Map<string, string | undefined>> {
  // The batch protocol is line-based: a path with a line break is read through `git show`.
  const listed = paths.filter((path) => !/[\r\n]/.test(path));
  const texts = new Map<string, string | undefined>();
  const rest = async () => {
    for (const path of paths) if (!texts.has(path)) texts.set(path, await git(root, ['show', `${ref}:${path}`]).catch(() => undefined));
    return texts;
  };
  if (listed.length === 0) return rest();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const out = Buffer.concat(chunks);
      let at = 0;
      for (const path of listed) {
        const eol = out.indexOf(0x0a, at);
        if (eol < 0) break;
        // "<object> blob <size>" then the content and a line break, or "<name> missing".
        const header = /^[0-9a-f]+ (\w+) (\d+)$/.exec(out.toString('utf8', at, eol));
        at = eol + 1;
        if (!header) {
          texts.set(path, undefined);
          continue;
        }
        const size = Number(header[2]);
        texts.set(path, header[1] === 'blob' ? out.toString('utf8', at, at + size) : undefined);
        at += size + 1;
      }
      resolve(rest());
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(listed.map((path) => `${ref}:${path}\n`).join(''));
  });
}

/** Why the diff failed, for a person: no repository, or a base that is not a commit here. */
async function whyGitFailed(root: string, base: string, error: unknown): Promise<Error> {
  const inRepository = await git(root, ['rev-parse', '--is-inside-work-tree']).then(() => true, () => false);
  if (!inRepository) return new UsageError(`--changed and --staged compare with git history, and ${root} is not in a git repository; run validate without them, or give --root a repository`);
  const isCommit = await git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).then(() => true, () => false);
  const fetch = base.startsWith('origin/') ? ` (git fetch origin ${base.slice('origin/'.length)})` : '';
  if (!isCommit) return new UsageError(`--changed compares with "${base}", which is not a branch, tag or commit in this repository; fetch it${fetch}, or name another with --base`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * What changed: with `staged`, the index against HEAD (a pre-commit hook); otherwise the working
 * tree (committed, staged, unstaged and untracked) against the merge base of `base` and HEAD.
 */
export async function gitChanges(root: string, base: string, staged: boolean): Promise<ChangeSet> {
  // Untracked files are changed files too; git lists them while it finds the merge base.
  const untracked = staged ? Promise.resolve('') : git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  untracked.catch(() => undefined);
  let from = staged ? 'HEAD' : base;
  if (!staged) from = (await git(root, ['merge-base', base, 'HEAD']).catch(() => '')).trim() || base;
  let status: string;
  try {
    status = await git(root, staged ? ['diff', '--cached', '--name-status', '-M', '-z'] : ['diff', '--name-status', '-M', '-z', from]);
  } catch (error) {
    throw await whyGitFailed(root, from, error);
  }
  const parts = status.split('\0').filter(Boolean);
  const changed: string[] = [];
  const removed: string[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++]!;
    if (code.startsWith('R') || code.startsWith('C')) {
      const [oldPath, newPath] = [parts[i++]!, parts[i++]!];
      if (code.startsWith('R')) removed.push(oldPath);
      changed.push(newPath);
    } else if (code === 'D') removed.push(parts[i++]!);
    else changed.push(parts[i++]!);
  }
  changed.push(...(await untracked).split('\0').filter(Boolean));
  const sets = { changed: [...new Set(changed)].sort(), removed: [...new Set(removed)].sort() };
  const before = await committedTexts(root, from, [...sets.changed, ...sets.removed]);
  return { ...sets, base: from, before: (path) => before.get(path) };
}

/** A change to any of these can change what every doc reports: the run checks everything. */
const PROJECT_WIDE = [/^src\/data\//, /^docs\/tags\.yml$/, /^\.remarkrc\.js$/, /^core\//, /^scripts\/(validate|remark)\//, /^package-lock\.json$/, /^links\.config\.yml$/];

export interface ChangedSelection {
  /** Files to report. */
  targets: Set<string>;
  /** Why everything is reported, when a project-wide input changed. */
  everything?: string;
}

const frontmatterOf = (text: string) => /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
const idsIn = (text: string | undefined) => new Set(text ? [...frontmatterOf(text).matchAll(/^runbook_id:\s*['"]?(RB-\d{3})/gm)].map((m) => m[1]!) : []);
const alertsIn = (text: string | undefined) => {
  const out = new Set<string>();
  const block = /^alerts:\s*\n((?:\s+-\s*.+\n?)+)/m.exec(frontmatterOf(text ?? ''))?.[1];
  for (const m of block?.matchAll(/-\s*['"]?([\w:-]+)/g) ?? []) out.add(m[1]!);
  const inline = /^alerts:\s*\[([^\]]*)\]/m.exec(frontmatterOf(text ?? ''))?.[1];
  for (const a of inline?.split(',') ?? []) if (a.trim()) out.add(a.trim().replace(/['"]/g, ''));
  return out;
};

/** The files a change set touches, directly or through a link, an id or an alert. */
export function selectChanged(project: Project, changes: ChangeSet): ChangedSelection {
  const all = [...changes.changed, ...changes.removed];
  const wide = all.find((p) => PROJECT_WIDE.some((re) => re.test(p)));
  if (wide) return { targets: new Set(project.targets), everything: `${wide} changed, which every doc depends on` };

  // A link needs checking again when its target file is gone, or when the anchors it may point at
  // changed (a renamed heading); an edit that keeps every anchor breaks no link.
  const touched = new Set(changes.removed);
  const byPath = new Map(project.files.map((f) => [f.path, f]));
  for (const path of changes.changed) {
    const now = byPath.get(path);
    const old = changes.before(path);
    if (!now || old === undefined) {
      touched.add(path);
      continue;
    }
    const anchors = (file: DocFile) => headingsOf(file, project).map((h) => h.id).join('\n');
    if (anchors(now) !== anchors(parseText(path, old))) touched.add(path);
  }
  const ids = new Set<string>();
  const alerts = new Set<string>();
  // Ids and alerts that appeared or disappeared: mentions of them may now resolve, or dangle.
  const difference = (a: Set<string>, b: Set<string>, into: Set<string>) => {
    for (const x of a) if (!b.has(x)) into.add(x);
    for (const x of b) if (!a.has(x)) into.add(x);
  };
  for (const path of all) {
    const now = byPath.get(path)?.source;
    const old = changes.before(path);
    difference(idsIn(now), idsIn(old), ids);
    difference(alertsIn(now), alertsIn(old), alerts);
  }
  const targets = new Set(changes.changed.filter((p) => project.targets.has(p)));
  // The common edit (text, not headings, ids or alerts) points at nothing: no other doc to read.
  if (touched.size === 0 && ids.size === 0 && alerts.size === 0) return { targets };
  for (const file of project.files) {
    if (targets.has(file.path) || file.status !== 'ok') continue;
    const linksHere = () =>
      linksOf(file, project).some((l) => {
        const target = linkedPath(project, file, l.url);
        return target !== undefined && touched.has(target);
      });
    const mentionsId = () => project.facts.of(RB_MENTIONS, file).some((id) => ids.has(id));
    const sharesAlert = () => {
      const listed = frontmatterData(file)?.['alerts'];
      return Array.isArray(listed) && listed.some((a) => typeof a === 'string' && alerts.has(a));
    };
    if ((touched.size > 0 && linksHere()) || (ids.size > 0 && mentionsId()) || (alerts.size > 0 && sharesAlert())) targets.add(file.path);
  }
  return { targets };
}
