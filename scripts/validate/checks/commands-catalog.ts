import { defineCheck } from '../engine/check.ts';
import { didYouMean } from '../engine/suggest.ts';
import { HOST, commandFacts, npmScripts } from '../commands/catalog-facts.ts';
import { blocksFor, closed } from '../commands/model.ts';
import { optionValue } from '../commands/specs.ts';
import type { Word } from '../commands/parse.ts';

/** Namespaces every Kubernetes cluster has; they are not in the catalog. */
/** What a name not in the catalog is, for its message. */
type Found = { id: 'unknownHost' | 'unknownName' | 'unknownDeployment' | 'unknownRelease' | 'unknownNpmScript'; what?: string; scope?: string; dir?: string };

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'default']);
const DEPLOYMENT = /^(?:deployment|deployments|deploy)(?:\.apps)?\/(.+)$/;
const RESOURCE_VERBS = new Set(['get', 'describe', 'delete', 'scale', 'edit', 'patch', 'label', 'annotate', 'rollout', 'autoscale', 'set', 'logs', 'exec', 'port-forward']);
const RELEASE_VERBS = new Set(['rollback', 'upgrade', 'uninstall', 'delete', 'del', 'un', 'status', 'history', 'hist', 'test', 'install', 'get']);

export default defineCheck({
  id: 'commands/catalog',
  description: 'Namespaces, kube contexts, deployments, Helm releases and hosts in commands exist in the service catalog; `npm run` names a script of package.json.',
  severity: 'error',
  local: true,
  messages: {
    unknownHost: 'host `{value}` is not in the service catalog (src/data/catalog.yml)',
    unknownName: '{what} `{value}` is not in the service catalog (src/data/catalog.yml)',
    unknownDeployment: 'deployment `{value}` is not in the service catalog{scope} (src/data/catalog.yml)',
    unknownRelease: 'Helm release `{value}` is not in the service catalog{scope} (src/data/catalog.yml)',
    unknownNpmScript: 'npm script `{value}` is not in {dir}package.json',
  },
  docs: {
    why:
      'A runbook that says `kubectl -n prod …` or `helm rollback platform-blu` fails when it is needed; ' +
      'worse, an old deployment name may still exist and be the wrong one. Commands name what ' +
      'src/data/catalog.yml says exists, so renaming something in the catalog shows every page to update.',
    fix:
      'Use the name from src/data/catalog.yml (the message suggests the closest), or a placeholder such as ' +
      '`<namespace>` explained on the page. If the catalog is out of date, update it in the same change.',
    good: [
      {
        title: 'Names from the catalog and placeholders',
        source:
          '# Roll back\n\n```bash\nkubectl --context production -n production rollout undo deployment/api-gateway-blue\n' +
          'helm -n production rollback platform-blue 3\ncurl -fsS https://api.example.com/healthz\nkubectl -n <namespace> get deploy <name>\nnpm run validate\n```\n',
      },
    ],
    bad: [
      {
        title: 'A wrong namespace, deployment, release, host and npm script',
        source:
          '# Roll back\n\n```bash\nkubectl -n prod rollout status deploy/api-gateway-blu\nhelm -n production rollback platform-blu 3\n' +
          'curl https://api.prod.example.com/healthz\nnpm run valdate\n```\n',
        problems: [
          { at: '4:12', message: 'Did you mean `production`?' },
          { at: '4:39', message: 'Did you mean `api-gateway-blue`?' },
          { at: '5:29', message: 'Did you mean `platform-blue`?' },
          { at: '6:14', message: 'host `api.prod.example.com` is not in the service catalog' },
          { at: '7:9', message: 'Did you mean `validate`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const facts = commandFacts(project);
    if (!facts) return;
    for (const a of blocksFor(file, project, 'commands/catalog')) {
      const bad = (w: { start: number } | Word, offset: number, { id, ...data }: Found, value: string, known: Iterable<string>) =>
        report(file, a.at(w.start + offset), id, { value, what: '', scope: '', dir: '', ...data }, { hint: didYouMean(value, known) });
      for (const c of a.commands) {
        const interp = c.interp;
        // Hosts, in any command's arguments.
        for (const w of c.command.args) {
          for (const m of w.raw.matchAll(HOST)) {
            const host = m[1]!.toLowerCase();
            const before = w.raw.slice(0, m.index);
            if (/@$/.test(before) && !before.includes('://')) continue; // an e-mail address
            if (!facts.hosts.has(host)) bad(w, m.index, { id: 'unknownHost' }, host, facts.hosts);
          }
        }
        if (!interp) continue;
        const check = (w: Word | undefined, known: Map<string, string> | string[], what: string) => {
          const value = closed(w);
          if (!w || value === undefined) return;
          const list = Array.isArray(known) ? known : [...known.keys()];
          if (!list.includes(value)) bad(w, 0, { id: 'unknownName', what }, value, list);
        };
        const nsOption = optionValue(interp, '-n', '--namespace');
        const ns = closed(nsOption?.value as Word | undefined);
        const env = ns !== undefined ? facts.namespaces.get(ns) : undefined;
        const scope = env ? ` for ${env}` : '';
        const scoped = (byEnv: Map<string, string[]>) => (env ? byEnv.get(env)! : [...new Set([...byEnv.values()].flat())]);
        if (interp.tool === 'kubectl' || interp.tool === 'helm') {
          if (!SYSTEM_NAMESPACES.has(ns ?? '')) check(nsOption?.value as Word | undefined, facts.namespaces, 'namespace');
          check(optionValue(interp, '--context', '--kube-context')?.value as Word | undefined, facts.contexts, 'kube context');
        }
        if (interp.tool === 'kubectl') {
          if (interp.path[0] === 'config' && interp.path[1] === 'use-context') check(interp.positionals[0], facts.contexts, 'kube context');
          if (!RESOURCE_VERBS.has(interp.path[0] ?? '')) continue;
          const deployments = scoped(facts.deployments);
          interp.positionals.forEach((w, i) => {
            const v = closed(w);
            if (v === undefined) return;
            const m = DEPLOYMENT.exec(v);
            if (m) {
              if (!deployments.includes(m[1]!)) bad(w, v.length - m[1]!.length, { id: 'unknownDeployment', scope }, m[1]!, deployments);
            } else if (i > 0 && /^(deployment|deployments|deploy)$/.test(closed(interp.positionals[0]) ?? '') && !v.includes('/')) {
              if (!deployments.includes(v)) bad(w, 0, { id: 'unknownDeployment', scope }, v, deployments);
            }
          });
        }
        if (interp.tool === 'helm' && RELEASE_VERBS.has(interp.path[0] ?? '') && !optionValue(interp, '--generate-name', '-g')) {
          const releases = scoped(facts.releases);
          const w = interp.positionals[0];
          const v = closed(w);
          if (w && v !== undefined && !releases.includes(v)) bad(w, 0, { id: 'unknownRelease', scope }, v, releases);
        }
        if (interp.tool === 'kubectx') check(interp.positionals[0], facts.contexts, 'kube context');
        if (interp.tool === 'npm' && (interp.path[0] === 'run' || interp.path[0] === 'run-script')) {
          const w = interp.positionals[0];
          const v = closed(w);
          const dir = closed(optionValue(interp, '--prefix')?.value as Word | undefined) ?? '.';
          const known = npmScripts(project, dir);
          if (w && v !== undefined && known && !known.has(v)) bad(w, 0, { id: 'unknownNpmScript', dir: dir === '.' ? '' : `${dir}/` }, v, known);
        }
      }
    }
  },
});
