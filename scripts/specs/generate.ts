/**
 * npm run generate:specs -- --sources DIR [--only git,curl]
 *
 * Writes scripts/validate/commands/specs/<tool>.json: each tool's command tree (subcommands, flags,
 * whether a flag takes a value, aliases) generated from the tool's own documentation or source at
 * the version of src/data/toolbox.yml, with that source (repository, paths, tag, commit) recorded.
 * Where the sources come from: scripts/specs/sources.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addAliases, cobraAliases, cobraTree } from './cobra.ts';
import { awsCommands, awsRoot, encodeCommand } from './aws.ts';
import { curlOptions, curlTree, CURL_OPTS, CURL_PARSER } from './curl.ts';
import { ghTree } from './gh.ts';
import { gitTree } from './git.ts';
import { jqTree } from './jq.ts';
import { kubectlTree } from './kubectl.ts';
import { NodeBinary, NodeDocs, nodeTree } from './node.ts';
import { npmTree } from './npm.ts';
import { openPackage } from './package-source.ts';
import { postgresTree } from './postgres.ts';
import { terraformTree } from './terraform.ts';
import { redisCliTree } from './redis-cli.ts';
import { opensslTree } from './openssl.ts';
import { argValue, NODE_DOCS_DEFAULT, openSource, PINNED, PINNED_PACKAGES } from './sources.ts';
import type { GeneratedSpec, GenNode } from './types.ts';
import type { GitSource } from './source.ts';

const OUT = new URL('../validate/commands/specs/', import.meta.url).pathname;
const HELM_DOCS = 'versioned_docs/version-3/helm';

/** The generator file of tools that share one. */
const GENERATOR_FILE: Record<string, string> = { helm: 'cobra', psql: 'postgres', pg_dump: 'postgres', pg_restore: 'postgres' };

const extraSources: Array<GitSource['info'] & { paths: string[] }> = [];

const GENERATORS: Record<string, (src: GitSource) => { spec: GenNode; paths: string[] }> = {
  git: (src) => {
    const t = gitTree(src);
    return { spec: t.root, paths: t.paths };
  },
  curl: (src) => ({ spec: curlTree(src, curlOptions(src)), paths: [CURL_PARSER, `${CURL_OPTS}/*.md`] }),
  helm: (src) => {
    const files = new Map(src.list(HELM_DOCS).filter((p) => /\/helm(_[\w-]+)*\.md$/.test(p)).map((p) => [p.slice(p.lastIndexOf('/') + 1), src.read(p)]));
    const spec = cobraTree('helm', files);
    const code = openSource('helm-src', argv);
    const go = new Map(code.list('cmd/helm').filter((p) => /^cmd\/helm\/[a-z_]+\.go$/.test(p) && !p.endsWith('_test.go')).map((p) => [p.slice(9), code.read(p)]));
    addAliases(spec, cobraAliases(go));
    extraSources.push({ ...code.info, paths: ['cmd/helm/*.go (Aliases)'] });
    return { spec, paths: [`${HELM_DOCS}/helm*.md`] };
  },
  kubectl: (src) => {
    const shared = openSource('cli-runtime', argv);
    const clientGo = openSource('client-go', argv);
    extraSources.push({ ...shared.info, paths: ['pkg/genericclioptions/*.go', 'pkg/printers/*.go', 'pkg/resource/*.go'] });
    extraSources.push({ ...clientGo.info, paths: ['tools/clientcmd/*.go (flag names)'] });
    return kubectlTree(src, shared, clientGo);
  },
  psql: (src) => postgresTree(src, 'psql'),
  pg_dump: (src) => postgresTree(src, 'pg_dump'),
  pg_restore: (src) => postgresTree(src, 'pg_restore'),
  gh: (src) => ghTree(src),
  terraform: (src) => terraformTree(src),
  jq: (src) => jqTree(src),
  'redis-cli': (src) => redisCliTree(src),
  openssl: (src) => opensslTree(src),
  aws: (src) => {
    const data = awsCommands(src);
    // The services, one compact entry each, decoded on use (scripts/validate/commands/aws-spec.ts).
    const services = Object.fromEntries([...data.services].sort(([a], [b]) => a.localeCompare(b)).map(([name, cmd]) => [name, encodeCommand(cmd)]));
    writeFileSync(join(OUT, 'aws.services.json'), `{\n${Object.entries(services).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
    console.log(`aws: ${data.counts.services} services, ${data.counts.operations} operations, ${data.counts.flags} flags (aws.services.json)`);
    return { spec: awsRoot(data), paths: data.paths };
  },
};

/** Tools read from a published artifact, not a clone: npm's registry tarball, a node release binary. */
/** What a generator made, and where from; `tree` (a git source's tree hash) is recorded for a source with a note. */
interface Made {
  spec: GenNode;
  paths: string[];
  info: GitSource['info'];
  tree?: () => string;
}

const ARTIFACTS: Record<string, () => Made> = {
  npm: () => {
    const src = openPackage('npm', PINNED_PACKAGES.npm!, argValue(argv, 'npm'), argValue(argv, 'sources') ?? process.env.SPEC_SOURCES);
    return { ...npmTree(src), info: src.info };
  },
  node: () => {
    const bin = new NodeBinary(argValue(argv, 'node') ?? process.execPath, PINNED.node!.version);
    const docs = argValue(argv, 'node-docs') ?? NODE_DOCS_DEFAULT;
    return { ...nodeTree(bin, existsSync(docs) ? new NodeDocs(docs, PINNED.node!.version) : undefined), info: bin.info };
  },
};

/** JSON with one line per option and per small value, so diffs between versions stay readable. */
function serialize(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (typeof value !== 'object' || value === null || flat.length <= 100 || (!Array.isArray(value) && 'name' in value && !('options' in value))) return flat;
  const inner = `${indent} `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + serialize(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${serialize(v, inner)}`).join(',\n')}\n${indent}}`;
}

const argv = process.argv.slice(2);
const only = argValue(argv, 'only')?.split(',');
mkdirSync(OUT, { recursive: true });
let failed = false;
for (const tool of [...Object.keys(GENERATORS), ...Object.keys(ARTIFACTS)]) {
  if (only && !only.includes(tool)) continue;
  try {
    const made: Made =
      ARTIFACTS[tool]?.() ??
      (() => {
        const src = openSource(tool, argv);
        return { ...GENERATORS[tool]!(src), info: src.info, tree: () => src.tree() };
      })();
    const { spec, paths, info } = made;
    const data: GeneratedSpec = {
      tool,
      version: PINNED[tool]!.version,
      source: { ...info, paths: [...new Set(paths)], ...(PINNED[tool]!.note ? { note: PINNED[tool]!.note, tree: made.tree?.() } : {}) },
      ...(extraSources.length ? { alsoFrom: extraSources.splice(0) } : {}),
      generator: `scripts/specs/${GENERATOR_FILE[tool] ?? tool}.ts`,
      spec,
    };
    writeFileSync(join(OUT, `${tool}.json`), `${serialize(data)}\n`);
    let nodes = 0;
    let flags = 0;
    const count = (n: GenNode) => {
      nodes++;
      flags += n.options.length;
      n.subcommands?.forEach(count);
    };
    count(spec);
    console.log(`${tool}: ${nodes} commands, ${flags} flags from ${info.repo} ${info.ref} (${info.commit.slice(0, 12)})`);
  } catch (error) {
    failed = true;
    console.error(`${tool}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
