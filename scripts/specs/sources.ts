/**
 * The pinned sources of the generated specs and of the real-command corpus: one public repository
 * per tool, at the tag (or commit) matching the version src/data/toolbox.yml documents.
 *
 * The generator reads a local git clone of each (a bare mirror works too); it never downloads.
 * Pass the folder holding the clones with `--sources DIR` (or SPEC_SOURCES=DIR): each repository
 * is looked for at DIR/<owner>+<name>/repo, DIR/<owner>+<name> or DIR/<name>, or give one path per
 * tool with `--git DIR`, `--curl DIR`, `--helm DIR`, `--helm-src DIR`, `--kubectl DIR`, `--cli-runtime DIR`, `--client-go DIR`,
 * `--postgres DIR` (psql, pg_dump and pg_restore share PostgreSQL's repository), `--jq DIR`, `--gh DIR`, `--terraform DIR`, `--aws DIR`,
 * `--redis-cli DIR`, `--redis-doc DIR` (redis-cli's docs, for the corpus), `--openssl DIR`. Two tools are
 * read from what their project publishes instead of a clone (see PINNED_PACKAGES): npm from its
 * registry tarball (`--npm FILE.tgz|DIR`, or npm-<version>.tgz in the --sources folder: `npm pack`
 * writes it), node from a release binary of the pinned version (`--node BIN`, default the node
 * running the generator) and that release's doc/api (`--node-docs DIR`, default the folder Node.js
 * release packages install, /usr/share/doc/nodejs). Example:
 *
 *   git clone --bare https://github.com/git/git /tmp/src/git
 *   git clone --bare https://github.com/curl/curl /tmp/src/curl
 *   git clone --bare https://github.com/helm/helm-www /tmp/src/helm-www
 *   git clone --bare https://github.com/helm/helm /tmp/src/helm
 *   git clone --bare https://github.com/kubernetes/kubectl /tmp/src/kubectl
 *   git clone --bare https://github.com/kubernetes/cli-runtime /tmp/src/cli-runtime
 *   git clone --bare https://github.com/kubernetes/client-go /tmp/src/client-go
 *   git clone --bare https://github.com/postgres/postgres /tmp/src/postgres
 *   git clone --bare https://github.com/cli/cli /tmp/src/cli
 *   git clone --bare https://github.com/hashicorp/terraform /tmp/src/terraform
 *   git clone --bare https://github.com/jqlang/jq /tmp/src/jq
 *   (cd /tmp/src && npm pack npm@11.19.1)
 *   git clone --bare https://github.com/aws/aws-cli /tmp/src/aws-cli
 *   git clone --bare https://github.com/redis/redis /tmp/src/redis
 *   git clone --bare https://github.com/redis/redis-doc /tmp/src/redis-doc
 *   git clone --bare https://github.com/openssl/openssl /tmp/src/openssl
 *   npm run generate:specs -- --sources /tmp/src
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitSource } from './source.ts';
import type { PinnedPackage } from './package-source.ts';

export interface Pinned {
  owner: string;
  name: string;
  /** Tag or commit. */
  ref: string;
  /** The tool version the ref documents. */
  version: string;
  /** The `--<option> DIR` naming the clone, when several tools share one repository. */
  option?: string;
  /** Recorded with the source: how a clone other than github's was made. */
  note?: string;
}

export const PINNED: Record<string, Pinned> = {
  git: { owner: 'git', name: 'git', ref: 'v2.49.1', version: '2.49.1' },
  curl: { owner: 'curl', name: 'curl', ref: 'curl-8_21_0', version: '8.21.0' },
  // helm-www has no tags for the Helm versions it documents; this commit is "Update docs for Helm v4.0.5 and v3.19.5".
  helm: { owner: 'helm', name: 'helm-www', ref: '7080576ef6855d44ce77a1076b3fc184dcc2a27c', version: '3.19.5' },
  // Helm's own source, for the command aliases cobra's Markdown leaves out.
  'helm-src': { owner: 'helm', name: 'helm', ref: 'v3.19.5', version: '3.19.5' },
  // kubernetes/kubectl is the published staging copy of kubectl's source; v0.34.x is kubectl 1.34.x.
  kubectl: { owner: 'kubernetes', name: 'kubectl', ref: 'v0.34.9', version: '1.34.9' },
  // The flags kubectl shares with other clients (--namespace, --output, --filename …), same release.
  'cli-runtime': { owner: 'kubernetes', name: 'cli-runtime', ref: 'v0.34.9', version: '1.34.9' },
  // Flag-name constants of kubectl config (clientcmd.FlagAPIServer = "server" …), same release.
  'client-go': { owner: 'kubernetes', name: 'client-go', ref: 'v0.34.9', version: '1.34.9' },
  // PostgreSQL's reference pages (doc/src/sgml/ref) on REL_17_STABLE at "Stamp 17.9." (the commit
  // the REL_17_9 release is built from; any mirror of postgres/postgres has the same commit).
  psql: { owner: 'postgres', name: 'postgres', ref: '6d396980fc5aed4f1a525e0bd75cb16b25ed40ca', version: '17.9', option: 'postgres' },
  pg_dump: { owner: 'postgres', name: 'postgres', ref: '6d396980fc5aed4f1a525e0bd75cb16b25ed40ca', version: '17.9', option: 'postgres' },
  pg_restore: { owner: 'postgres', name: 'postgres', ref: '6d396980fc5aed4f1a525e0bd75cb16b25ed40ca', version: '17.9', option: 'postgres' },
  // GitHub CLI: its cobra commands in pkg/cmd and the flag helpers of pkg/cmdutil.
  gh: { owner: 'cli', name: 'cli', ref: 'v2.60.0', version: '2.60.0' },
  // Terraform: commands.go and the flag sets of internal/command (and its arguments package); v1.9.8 is the last 1.9 patch.
  terraform: { owner: 'hashicorp', name: 'terraform', ref: 'v1.9.8', version: '1.9.8' },
  // jq's option parser (src/main.c) and manual (docs/content/manual/v1.7/manual.yml).
  jq: { owner: 'jqlang', name: 'jq', ref: 'jq-1.7.1', version: '1.7.1' },
  // Read from the published package (PINNED_PACKAGES.npm), which is built from this tag.
  npm: { owner: 'npm', name: 'cli', ref: 'v11.19.1', version: '11.19.1' },
  // Read from a release binary of this version (nodejs/node is too large to fetch here).
  node: { owner: 'nodejs', name: 'node', ref: 'v20.20.2', version: '20.20.2' },
  // redis-cli's option parser (src/redis-cli.c) at the 7.4.1 release tag.
  'redis-cli': { owner: 'redis', name: 'redis', ref: '7.4.1', version: '7.4.1' },
  // redis-cli's documentation (docs/connect/cli.md), for the real-command corpus only; the repository is archived.
  // The AWS CLI v2 (its botocore models, customizations and global options are all in this repository).
  aws: { owner: 'aws', name: 'aws-cli', ref: '2.36.7', version: '2.36.7' },
  // openssl's apps (apps/*.c option tables) at the 3.0.22 release, the 3.0 LTS line Debian 12 ships.
  // github.com/openssl/openssl is over the 500 MB this machine may fetch, so the data were generated
  // from the release tarball (Debian's openssl_3.0.22.orig.tar.gz, sha256 67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81)
  // imported into a git repository tagged openssl-3.0.22; a clone of openssl/openssl works the same.
  openssl: {
    owner: 'openssl',
    name: 'openssl',
    ref: 'openssl-3.0.22',
    version: '3.0.22',
    note: 'generated from the openssl-3.0.22 release tarball (sha256 67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81) imported into git; `commit` is that import, `tree` its tree',
  },
  'redis-doc': { owner: 'redis', name: 'redis-doc', ref: '1044224477fceacc5af56a636b0a7495d19e533c', version: '7.4.1' },
};

/** Where Node.js release packages install the release's doc/api (node's cross-check and corpus; `--node-docs DIR` overrides). */
export const NODE_DOCS_DEFAULT = '/usr/share/doc/nodejs';

/** Tools read from a published package rather than a clone: name, version and the registry's `dist.integrity`. */
export const PINNED_PACKAGES: Record<string, PinnedPackage> = {
  npm: { name: 'npm', version: '11.19.1', integrity: 'sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==' },
};

export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The local clone of `tool`'s source, or an error saying where it was looked for. */
export function openSource(tool: string, argv: string[]): GitSource {
  const pin = PINNED[tool]!;
  const explicit = argValue(argv, tool) ?? (pin.option ? argValue(argv, pin.option) : undefined);
  const root = argValue(argv, 'sources') ?? process.env.SPEC_SOURCES;
  const candidates = explicit ? [explicit] : root ? [join(root, `${pin.owner}+${pin.name}`, 'repo'), join(root, `${pin.owner}+${pin.name}`), join(root, pin.name)] : [];
  const dir = candidates.find((c) => existsSync(c));
  if (!dir) {
    throw new Error(
      `no local clone of github.com/${pin.owner}/${pin.name} for ${tool} (looked in ${candidates.join(', ') || 'nothing: pass --sources DIR or --' + (pin.option ?? tool) + ' DIR'})`,
    );
  }
  return new GitSource(dir, `https://github.com/${pin.owner}/${pin.name}`, pin.ref);
}
