import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { commandFacts } from '../commands/catalog-facts.ts';
import { blocksFor, closed, type BlockAnalysis } from '../commands/model.ts';
import { scriptsFor, silencedInScript } from '../commands/scripts.ts';
import type { Project } from '../engine/types.ts';
import { environmentOf, isOnlyPlaceholder, namePattern, resourceNames } from '../commands/names.ts';
import { optionValue } from '../commands/specs.ts';
import type { Word } from '../commands/parse.ts';

const RULE = 'commands/hpa-scale';
/** A colour placeholder that says the colour is not serving traffic (its worker is at 0, where the HPA does nothing). */
const NOT_LIVE = /<(?:previous|idle|new|old|bad|target|stopped)-colou?r>/;

export default defineCheck({
  id: RULE,
  description: '`kubectl scale` is not run on a deployment that an HPA manages (src/data/platform.yml `autoscaling`); the fix is to patch the HPA\'s bounds.',
  severity: 'error',
  local: true,
  messages: {
    scaleUnderHpa: '`kubectl scale` is undone by the HPA at its next sync: {what}. Patch the HPA\'s bounds instead: `{patch}` (docs/runbooks/tasks/scaling.md)',
  },
  docs: {
    why:
      'The HorizontalPodAutoscaler owns the replica count of its deployment: `kubectl scale` is undone at its next sync (about 15 seconds), ' +
      'so the engineer who scaled up for an incident watches the new pods disappear and believes the extra capacity is there. ' +
      'Only a deployment at 0 replicas (the idle colour\'s worker, or one the page stopped), where an HPA does nothing, is started or stopped with `kubectl scale`.',
    fix:
      'Raise the HPA\'s bounds instead: `kubectl patch hpa <deployment> -n <namespace> -p \'{"spec":{"minReplicas":<min>,"maxReplicas":<max>}}\'`, ' +
      'and record them in the release\'s values (docs/runbooks/tasks/scaling.md). For the idle colour\'s worker, name the colour for what it is (`worker-<previous-colour>`). ' +
      'Where an HPA is blind or missing, say so and opt out: `<!-- commands-ignore commands/hpa-scale: the HPA is missing -->`. ' +
      'The shipped scripts (static/scripts/*.sh) are checked too, through their `k()`/`change()` wrappers; in a script, the opt-out is a ' +
      '`# validate-ignore commands/hpa-scale: <reason>` comment on the line above the command.',
    good: [
      {
        title: 'Patch the HPA; start the idle colour\'s worker from 0',
        source:
          '# Scale\n\n```bash\nkubectl patch hpa api-gateway-<live-colour> -n production -p \'{"spec":{"minReplicas":6}}\'\n' +
          'kubectl scale deployment/worker-<previous-colour> -n production --replicas=2\n```\n',
      },
    ],
    bad: [
      {
        title: 'Scaling deployments an HPA manages',
        source:
          '# Scale\n\n```bash\nkubectl scale deployment/api-gateway-<live-colour> -n production --replicas=8\n' +
          'kubectl scale deployment worker-blue -n production --replicas=4\nkubectl scale deployment/<deployment> -n <namespace> --replicas=<replicas>\n```\n',
        problems: [
          { at: '4:26', message: 'the HPAs `api-gateway-blue` (min 3, max 10)' },
          { at: '5:26', message: 'kubectl patch hpa worker-blue' },
          { at: '6:26', message: 'every deployment' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    scan(blocksFor(file, project, RULE), project, (at, data) => report(file, at, 'scaleUnderHpa', data));
  },
  checkProject(project, report) {
    for (const { script, analyses } of scriptsFor(project)) scan(analyses, project, (at, data) => void (silencedInScript(script, RULE, at.offset) || report(script, at, 'scaleUnderHpa', data)));
  },
});

/** Reports each `kubectl scale` of an HPA-managed deployment in the blocks of one page or script. */
function scan(analyses: BlockAnalysis[], project: Project, emit: (at: { offset: number }, data: { what: string; patch: string }) => void) {
  const platform = platformOf(project);
  const facts = commandFacts(project);
  if (!platform || !facts) return;
  // Deployments the page stopped (`--replicas=0`): an HPA does nothing at 0, so starting them again is `kubectl scale`.
  const stopped = new Set<string>();
  for (const a of analyses) {
    for (const c of a.commands) {
      const i = c.interp;
      if (c.name !== 'kubectl' || !i || i.path[0] !== 'scale') continue;
      if (closed(optionValue(i, '--replicas')?.value as Word | undefined) === '0') {
        if (!optionValue(i, '--dry-run')) for (const r of resourceNames(i, /^(deployment|deployments|deploy)(\.apps)?$/, a.block.text)) stopped.add(r.name);
        continue;
      }
      const env = environmentOf(i, facts);
      const envs = env === undefined ? Object.keys(platform.autoscaling) : env === null ? [] : [env];
      const ns = closed(optionValue(i, '-n', '--namespace')?.value as Word | undefined) ?? '<namespace>';
      for (const { word, name, offset } of resourceNames(i, /^(deployment|deployments|deploy)(\.apps)?$/, a.block.text)) {
        // Started again after the page stopped it: by name, or a colour placeholder over stopped names.
        if (stopped.has(name) || [...stopped].some((s) => namePattern(name).test(s) || namePattern(s).test(name))) continue;
        const pattern = namePattern(name);
        const managed = envs.flatMap((e) => Object.entries(platform.autoscaling[e] ?? {}).filter(([d]) => pattern.test(d)).map(([d, h]) => ({ env: e, d, h })));
        if (managed.length === 0) continue;
        if (managed.every((m) => m.h.idle_at_zero) && NOT_LIVE.test(name)) continue;
        const patch = `kubectl patch hpa ${name} -n ${ns} -p '{"spec":{"minReplicas":<min>,"maxReplicas":<max>}}'`;
        const what = isOnlyPlaceholder(name)
          ? `\`${name}\` may be any deployment, and every deployment of the platform has an HPA (${managed.map((m) => m.d).join(', ')})`
          : `\`${name}\` is managed by ${managed.length === 1 ? `HPA \`${managed[0]!.d}\` (min ${managed[0]!.h.min}, max ${managed[0]!.h.max})` : `the HPAs ${managed.map((m) => `\`${m.d}\` (min ${m.h.min}, max ${m.h.max})`).join(', ')}`}`;
        emit(a.at(word.start + offset), { what, patch });
      }
    }
  }
}
