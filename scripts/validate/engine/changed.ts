/**
 * `--changed [--base <ref>]` and `--staged`: report the docs a change touches, and the docs whose
 * links, runbook ids or alerts point at what it changed (a renamed heading, a moved or deleted file,
 * a changed id), instead of the whole tree. The whole tree is still read (from the content cache)
 * so that every cross-reference is resolved against it.
 */
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { frontmatterData } from './frontmatter.ts';
import { headingsOf, linksOf, RB_MENTIONS } from './facts.ts';
import { parseText } from './parse.ts';
import { siteMap } from './routes.ts';
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

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

/**
 * What changed: with `staged`, the index against HEAD (a pre-commit hook); otherwise the working
 * tree (committed, staged, unstaged and untracked) against the merge base of `base` and HEAD.
 */
export function gitChanges(root: string, base: string, staged: boolean): ChangeSet {
  let from = staged ? 'HEAD' : base;
  if (!staged) {
    try {
      from = git(root, ['merge-base', base, 'HEAD']).trim() || base;
    } catch {
      from = base;
    }
  }
  const status = git(root, staged ? ['diff', '--cached', '--name-status', '-M', '-z'] : ['diff', '--name-status', '-M', '-z', from]);
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
  if (!staged) changed.push(...git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean));
  const shown = new Map<string, string | undefined>();
  return {
    changed: [...new Set(changed)].sort(),
    removed: [...new Set(removed)].sort(),
    base: from,
    before(path) {
      if (!shown.has(path)) {
        try {
          shown.set(path, git(root, ['show', `${from}:${path}`]));
        } catch {
          shown.set(path, undefined);
        }
      }
      return shown.get(path);
    },
  };
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

/** The path a link points at (anchor dropped), or undefined for external links and unknown routes. */
function linkedPath(project: Project, from: DocFile, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#')) return undefined;
  const path = url.split('#')[0]!.split('?')[0]!;
  if (/\.mdx?$/i.test(path)) return path.startsWith('/') ? posix.join('docs', path) : posix.normalize(posix.join(posix.dirname(from.path), path));
  const route = path.replace(/\/+$/, '') || '/';
  return siteMap(project).byRoute.get(route)?.path;
}

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
