import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { didYouMean } from '../engine/suggest.ts';
import { blocksFor, closed, type BlockAnalysis, type ResolvedCommand } from '../commands/model.ts';
import { scriptsFor, silencedInScript } from '../commands/scripts.ts';
import type { Project } from '../engine/types.ts';
import { namePattern, resourceNames, written } from '../commands/names.ts';
import { optionValue } from '../commands/specs.ts';
import type { Word } from '../commands/parse.ts';
import { configMapKeys, expandColour, secretKeys, type Platform } from '../../../core/schemas/platform.ts';

const RULE = 'commands/platform';
const MODEL = 'src/data/platform.yml';
const OBJECT_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'patch', 'label', 'annotate']);
const ROLE_SQL = /\b(DROP|ALTER)\s+(?:ROLE|USER)\s+(?:IF\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?|\bGRANT\b[^;]*?\bTO\s+"?([a-z_][a-z0-9_]*)"?/gi;
const NEEDS: Array<[RegExp, string]> = [
  [/\bDROP\s+(?:DATABASE|TABLE|SCHEMA)\b|\bTRUNCATE\b/i, 'drop'],
  [/\b(?:CREATE|DROP|ALTER)\s+(?:ROLE|USER)\b/i, 'roles'],
];

const MESSAGES = {
  redisNeedsTls: 'Redis `{host}` only accepts TLS ({model}: redis): add `--tls`, e.g. `redis-cli -h {host} --tls …`',
  redisNoTls: 'Redis `{host}` does not use TLS ({model}: redis): remove `--tls`',
  redisPort: 'Redis `{host}` listens on port {port}, not {written} ({model})',
  unknownKeyPrefix: 'Redis key prefix `{prefix}` is not in the platform model ({model}: redis_key_prefixes: {prefixes})',
  unknownQueue: 'queue `{queue}` is not in the platform model ({model}: queues)',
  unknownObject: '{kind} `{name}` is not in the platform model ({model})',
  unknownObjectKey: '{kind} `{name}` has no key `{key}` ({model})',
  unknownRole: 'database role `{role}` is not in the platform model ({model}: database_roles)',
  roleMayNot: 'role `{role}` may not {what} ({model}: database_roles.{role}.may is {may}); the Database admin runs this as `postgres`',
} as const;

interface Found {
  at: number;
  id: keyof typeof MESSAGES;
  data: Record<string, string>;
  hint?: string;
}

function redis(c: ResolvedCommand, text: string, p: Platform, out: Found[]) {
  const args = c.command.args;
  const value = (flag: string) => {
    const k = args.findIndex((w) => closed(w) === flag);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const hostWord = value('-h');
  const host = closed(hostWord);
  const endpoint = host ? Object.values(p.redis).find((r) => r.host === host) : undefined;
  const tls = args.some((w) => closed(w) === '--tls');
  if (endpoint && endpoint.tls && !tls) out.push({ at: c.command.name.start, id: 'redisNeedsTls', data: { host: host!, model: MODEL } });
  if (endpoint && !endpoint.tls && tls) out.push({ at: c.command.name.start, id: 'redisNoTls', data: { host: host!, model: MODEL } });
  const port = closed(value('-p'));
  if (endpoint && port && port !== String(endpoint.port)) out.push({ at: value('-p')!.start, id: 'redisPort', data: { host: host!, port: String(endpoint.port), written: port, model: MODEL } });
  // Keys and patterns of the platform's Redis: their prefix must be one of the model's, and a queue must exist.
  if (!endpoint) return;
  const prefixes = Object.keys(p.redis_key_prefixes);
  const queues = Object.keys(p.queues);
  for (const w of args) {
    const v = written(w, text);
    const m = /^([a-z]+):/.exec(v);
    if (!m || /^[a-z]+:\/\//.test(v)) continue;
    const prefix = `${m[1]}:`;
    const offset = /^['"]/.test(text.slice(w.start, w.end)) ? 1 : 0;
    if (!prefixes.includes(prefix)) {
      const sameName = queues.find((q) => q === `queue:${v.slice(prefix.length)}`);
      const hint = sameName ? ` Did you mean \`${sameName}\`?` : didYouMean(prefix, prefixes);
      out.push({ at: w.start + offset, id: 'unknownKeyPrefix', data: { prefix, model: MODEL, prefixes: prefixes.map((x) => `\`${x}\``).join(', ') }, hint });
    } else if (prefix === 'queue:' && !/[*?[<$]/.test(v) && !queues.includes(v)) {
      out.push({ at: w.start + offset, id: 'unknownQueue', data: { queue: v, model: MODEL }, hint: didYouMean(v, queues) });
    }
  }
}

function kubectlObjects(c: ResolvedCommand, text: string, p: Platform, out: Found[]) {
  const i = c.interp!;
  if (!OBJECT_VERBS.has(i.path[0] ?? '')) return;
  const kinds: Array<{ kind: RegExp; what: string; names: Map<string, string[]> }> = [
    { kind: /^(secret|secrets)$/, what: 'Secret', names: new Map(Object.keys(p.secrets).map((s) => [s, secretKeys(p, s)])) },
    {
      kind: /^(configmap|configmaps|cm)$/,
      what: 'ConfigMap',
      names: new Map(Object.entries(p.config_maps).flatMap(([key, cm]) => [...new Set(Object.values(cm.names))].flatMap((n) => expandColour(n).map((concrete) => [concrete, configMapKeys(p, key)] as [string, string[]])))),
    },
  ];
  const jsonpath = closed(optionValue(i, '-o', '--output')?.value as Word | undefined) ?? '';
  const outputWord = optionValue(i, '-o', '--output')?.value as Word | undefined;
  for (const { kind, what, names } of kinds) {
    for (const { word, name, offset } of resourceNames(i, kind, text)) {
      // Helm keeps each release revision in a Secret of its own.
      if (name.startsWith('sh.helm.release.')) continue;
      const pattern = namePattern(name);
      const matching = [...names.keys()].filter((n) => pattern.test(n));
      if (matching.length === 0) {
        out.push({ at: word.start + offset, id: 'unknownObject', data: { kind: what, name, model: MODEL }, hint: didYouMean(name, names.keys()) });
        continue;
      }
      const keys = new Set(matching.flatMap((n) => names.get(n)!));
      if (keys.size === 0 || !outputWord) continue;
      for (const m of jsonpath.matchAll(/\{\.data\.((?:\\\.|[A-Za-z0-9_-])+)\}/g)) {
        const key = m[1]!.replace(/\\\./g, '.');
        if (keys.has(key)) continue;
        const rawOut = text.slice(outputWord.start, outputWord.end);
        const at = rawOut.indexOf(m[1]!);
        out.push({ at: outputWord.start + Math.max(0, at), id: 'unknownObjectKey', data: { kind: what, name, key, model: MODEL }, hint: didYouMean(key, keys) });
      }
    }
  }
}

function database(c: ResolvedCommand, text: string, p: Platform, out: Found[]) {
  const roles = Object.keys(p.database_roles);
  const i = c.interp;
  const userWord = i ? (optionValue(i, '-U', '--username')?.value as Word | undefined) : undefined;
  const user = closed(userWord);
  if (userWord && user !== undefined && !roles.includes(user)) out.push({ at: userWord.start, id: 'unknownRole', data: { role: user, model: MODEL }, hint: didYouMean(user, roles) });
  const sqlParts = [...c.command.args.map((w) => ({ text: text.slice(w.start, w.end), start: w.start })), ...c.command.heredocs.map((h) => ({ text: h.text, start: h.start }))];
  for (const part of sqlParts) {
    for (const m of part.text.matchAll(ROLE_SQL)) {
      const role = m[2] ?? m[3]!;
      if (roles.includes(role) || role === 'public') continue;
      const at = part.start + m.index + m[0].lastIndexOf(role);
      out.push({ at, id: 'unknownRole', data: { role, model: MODEL }, hint: didYouMean(role, roles) });
    }
    const spec = user ? p.database_roles[user] : undefined;
    if (!spec) continue;
    for (const [re, right] of NEEDS) {
      const m = re.exec(part.text);
      if (m && !spec.may.includes(right as never)) out.push({ at: part.start + m.index, id: 'roleMayNot', data: { role: user!, what: right === 'drop' ? 'drop or truncate' : 'manage roles', model: MODEL, may: spec.may.join(', ') } });
    }
  }
}

export default defineCheck({
  id: RULE,
  description: 'Commands agree with the platform model: `redis-cli` uses TLS where Redis does; Secrets, ConfigMaps and their keys, database roles, Redis key prefixes and queues exist.',
  severity: 'error',
  local: true,
  messages: MESSAGES,
  docs: {
    why:
      'One page says `redis-cli --tls`, another leaves it out, for the same Redis: one of them hangs at 3 a.m. A Secret or key that does not exist ' +
      '(`pg-admin` missing from the Secrets page, `queue:default` here and `jobs:default` there) sends the reader looking for the wrong thing. ' +
      'The platform model says once what exists; commands are held to it.',
    fix: `Write the names of ${MODEL} (the message suggests the closest; \`::platform-secrets\`, \`::platform-redis\` and \`::platform-database-roles\` render them). If the platform changed, change the model in the same pull request.`,
    good: [
      {
        title: 'TLS, a known Secret key, role and queue',
        source:
          '# Check\n\n```bash\nexport REDISCLI_AUTH="$(kubectl get secret platform-env -n production -o jsonpath=\'{.data.REDIS_PASSWORD}\' | base64 -d)"\n' +
          'redis-cli -h redis.production.example.com --tls LLEN queue:default\npsql -h pg-primary.production.example.com -U postgres -d platform -c "ALTER ROLE platform_app CONNECTION LIMIT 50;"\n```\n',
      },
    ],
    bad: [
      {
        title: 'No TLS, a missing key, an unknown queue and role',
        source:
          '# Check\n\n```bash\nexport REDISCLI_AUTH="$(kubectl get secret platform-env -n production -o jsonpath=\'{.data.REDIS_PASS}\' | base64 -d)"\n' +
          'redis-cli -h redis.production.example.com LLEN jobs:default\npsql -h pg-primary.production.example.com -U platform_ap -d platform\n```\n',
        problems: [
          { at: '4:91', message: 'Did you mean `REDIS_PASSWORD`?' },
          { at: '5:1', message: 'add `--tls`' },
          { at: '5:48', message: 'Did you mean `queue:default`?' },
          { at: '6:46', message: 'Did you mean `platform_app`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const f of scan(blocksFor(file, project, RULE), project)) report(file, f.at, f.id, f.data, { hint: f.hint ?? '' });
  },
  checkProject(project, report) {
    for (const { script, analyses } of scriptsFor(project)) for (const f of scan(analyses, project)) if (!silencedInScript(script, RULE, f.at.offset)) report(script, f.at, f.id, f.data, { hint: f.hint ?? '' });
  },
});

/** What the commands of one page or script contradict in the platform model, at source offsets. */
function scan(analyses: BlockAnalysis[], project: Project): Array<Omit<Found, 'at'> & { at: { offset: number } }> {
  const platform = platformOf(project);
  if (!platform) return [];
  const found: Array<Omit<Found, 'at'> & { at: { offset: number } }> = [];
  for (const a of analyses) {
    const out: Found[] = [];
    for (const c of a.commands) {
      if (c.name === 'redis-cli') redis(c, a.block.text, platform, out);
      else if (c.name === 'kubectl' && c.interp) kubectlObjects(c, a.block.text, platform, out);
      else if (c.name === 'psql' || c.name === 'pg_dump' || c.name === 'pg_restore' || c.name === 'pg_dumpall') database(c, a.block.text, platform, out);
    }
    for (const f of out) found.push({ ...f, at: a.at(f.at) });
  }
  return found;
}
