import { defineCheck } from '../engine/check.ts';
import type { DocFile, Project } from '../engine/types.ts';
import { analyze } from '../commands/model.ts';
import { prepareSecretlint, realLooking, secretlintFindings } from '../commands/secrets.ts';
import { readScanned, SECRET_SCAN_DIRS, type ScannedText } from '../security/secret-files.ts';

const inScannedDir = (path: string) => SECRET_SCAN_DIRS.some((d) => path.startsWith(`${d}/`));

const extras = new WeakMap<Project, ScannedText[]>();

/** The data files and scripts of this run (whole-tree runs list them as targets). */
function extraFiles(project: Project): ScannedText[] {
  let known = extras.get(project);
  if (known) return known;
  const docs = new Set(project.files.map((f) => f.path));
  const data = new Map([project.catalog, ...project.alertRules].filter((d) => d !== null).map((d) => [d.path, d]));
  known = [...project.targets]
    .filter((p) => inScannedDir(p) && !docs.has(p))
    .sort()
    .flatMap((p) => {
      const inMemory = data.get(p);
      const scanned = inMemory ? { path: p, text: inMemory.text, lines: inMemory.lines } : readScanned(project.root, p);
      return scanned ? [scanned] : [];
    });
  extras.set(project, known);
  return known;
}

/** Shell blocks are scanned by commands/secrets (with their opt-outs): not twice. */
function shellRanges(file: DocFile, project: Project): Array<[number, number]> {
  return analyze(file, project).flatMap((a) => {
    const p = a.block.node.position;
    return p?.start.offset !== undefined && p.end.offset !== undefined ? [[p.start.offset, p.end.offset] as [number, number]] : [];
  });
}

/**
 * secretlint flags `scheme://user:<password>@host` as a connection string: a URL whose password is a
 * placeholder or a variable is how a runbook should write it (tests/fixtures/secrets/corpus.ts).
 */
function placeholderUrl(text: string, start: number): boolean {
  const token = /^[^\s"'`)\]]+/.exec(text.slice(start, start + 512))?.[0] ?? '';
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^@\s]*)@/i.exec(token)?.[1];
  return password !== undefined && !realLooking(password);
}

const advice = 'remove it, use a placeholder (`<token>`, `$TOKEN`) and rotate the credential: it is in git history';

export default defineCheck({
  id: 'security/secrets',
  description: 'No credentials anywhere in a page (prose, frontmatter, code blocks of every language), in `src/data/` or in `static/scripts/`: secretlint\'s recommended rules.',
  severity: 'error',
  local: true,
  messages: {
    secret: '{finding}: {advice}',
  },
  docs: {
    why:
      'The handbook and everything under `src/data/` and `static/scripts/` is published. A token pasted into a ' +
      'troubleshooting note, a YAML example or a frontmatter field leaks to every reader, and stays in git history ' +
      'after it is removed. Shell blocks have their own command-aware rule (`commands/secrets`); this one covers ' +
      'every other part of every file.',
    fix:
      'Replace the value with a placeholder (`<github-token>`, `$GITHUB_TOKEN`, `ghp_…`) and say where the real one ' +
      'lives (the secret store). Then rotate the credential. A page that must show a made-up credential (a check\'s ' +
      'bad example) wraps it in `<!-- secretlint-disable -->` … `<!-- secretlint-enable -->`, which reviewers see.',
    good: [
      {
        title: 'Placeholders in prose, config and frontmatter',
        source:
          '---\ntype: guide\ndescription: Rotate the deploy token (ghp_…) every 90 days.\n---\n\n# Tokens\n\nSet `GITHUB_TOKEN` to the token from the secret store (it starts with `ghp_`).\n\n' +
          '```yaml\nauth:\n  token: <github-token>\n  password: ${DB_PASSWORD}\n```\n',
      },
    ],
    bad: [
      {
        title: 'A token in prose, a key in a YAML block, a connection string in frontmatter',
        source:
          '---\ntype: guide\ndescription: "Use postgres://app:Tr0ub4dorPassw0rd@db.example.com:5432/app"\n---\n\n# Tokens\n\n' +
          'The deploy token is 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 for now.\n\n' +
          '```yaml\nregion: eu-west-1\naws_secret_access_key: 8+4nrK0yZfYkLXJqPEavc+7Ojf9WyqG03rXPIbvU\n```\n',
        problems: [
          { at: '3:19', message: 'secretlint database-connection-string' },
          { at: '8:21', message: 'secretlint github' },
          { at: '12:1', message: 'secretlint aws' },
        ],
      },
    ],
  },
  async prepare(project) {
    for (const file of project.files) {
      if (project.targets.has(file.path) && file.status === 'ok') await prepareSecretlint(file.source);
    }
    for (const extra of extraFiles(project)) await prepareSecretlint(extra.text);
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok') return;
    const findings = secretlintFindings(file.source);
    if (!findings?.length) return;
    const shell = shellRanges(file, project);
    for (const f of findings) {
      if (shell.some(([s, e]) => f.start >= s && f.start < e) || placeholderUrl(file.source, f.start)) continue;
      report(file, { offset: f.start }, 'secret', { finding: f.message, advice });
    }
  },
  checkProject(project, report) {
    for (const extra of extraFiles(project)) {
      for (const f of secretlintFindings(extra.text) ?? []) {
        if (!placeholderUrl(extra.text, f.start)) report(extra, { offset: f.start }, 'secret', { finding: f.message, advice });
      }
    }
  },
});
