import { defineCheck } from '../engine/check.ts';
import { commandFacts } from '../commands/catalog-facts.ts';
import { blocksFor, closed, type BlockAnalysis } from '../commands/model.ts';
import { scriptsFor, silencedInScript } from '../commands/scripts.ts';
import type { Project } from '../engine/types.ts';
import { environmentOf, namePattern, written } from '../commands/names.ts';
import { optionValue } from '../commands/specs.ts';

const RULE = 'commands/helm-version';

export default defineCheck({
  id: RULE,
  description: '`helm upgrade` and `helm install` of a release that is, or may be, a production release pin the chart with `--version`.',
  severity: 'error',
  local: true,
  messages: {
    unpinned: '`helm {verb}` of `{release}` ({which}) without `--version` takes the newest chart, outside the canary. Pin the running chart: `--version "$(helm status {release} -n {namespace} -o json | jq -r \'.chart.metadata.version\')"`',
  },
  docs: {
    why:
      'Without `--version`, Helm takes the newest chart in the repository. A "small" `helm upgrade --reuse-values --set …` to change one ' +
      'setting then also ships whatever chart was published last, onto the live colour, outside the canary and the deployment log.',
    fix:
      'Pin the chart the release already runs: `--version "$(helm status <release> -n <namespace> -o json | jq -r \'.chart.metadata.version\')"`, ' +
      'or the version of the deployment (`--version <version>`).',
    good: [
      {
        title: 'Pinned to the running chart; a staging release may float',
        source:
          '# Change a setting\n\n```bash\nhelm upgrade platform-blue oci://registry.example.com/charts/platform -n production \\\n' +
          '  --version "$(helm status platform-blue -n production -o json | jq -r \'.chart.metadata.version\')" --reuse-values --set env.LOG_LEVEL=debug\n' +
          'helm upgrade platform oci://registry.example.com/charts/platform -n staging --reuse-values\n```\n',
      },
    ],
    bad: [
      {
        title: 'Upgrades that take the newest chart',
        source:
          '# Change a setting\n\n```bash\nhelm upgrade platform-blue oci://registry.example.com/charts/platform -n production --reuse-values\n' +
          'helm upgrade <release> oci://registry.example.com/charts/platform -n <namespace> --reuse-values\n```\n',
        problems: [
          { at: '4:1', message: '`helm upgrade` of `platform-blue` (production) without `--version`' },
          { at: '5:1', message: '`helm upgrade` of `<release>` (may be production) without `--version`' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    scan(blocksFor(file, project, RULE), project, (at, data) => report(file, at, 'unpinned', data));
  },
  checkProject(project, report) {
    for (const { script, analyses } of scriptsFor(project)) scan(analyses, project, (at, data) => void (silencedInScript(script, RULE, at.offset) || report(script, at, 'unpinned', data)));
  },
});

/** Reports each unpinned `helm upgrade`/`install` of a (possibly) production release in one page or script. */
function scan(analyses: BlockAnalysis[], project: Project, emit: (at: { offset: number }, data: { verb: string; release: string; which: string; namespace: string }) => void) {
  const facts = commandFacts(project);
  if (!facts) return;
  const production = [...facts.namespaces].find(([, env]) => env === 'production')?.[1] ?? 'production';
  const productionReleases = facts.releases.get(production) ?? [];
  for (const a of analyses) {
    for (const c of a.commands) {
      const i = c.interp;
      if (c.name !== 'helm' || !i || (i.path[0] !== 'upgrade' && i.path[0] !== 'install')) continue;
      if (optionValue(i, '--version') || optionValue(i, '--dry-run')) continue;
      const [releaseWord, chartWord] = i.positionals;
      if (!releaseWord) continue;
      // A chart from a local directory has the version of its files.
      const chart = chartWord ? written(chartWord, a.block.text) : '';
      if (/^(\.{1,2}\/|\/)/.test(chart)) continue;
      const release = written(releaseWord, a.block.text);
      const env = environmentOf(i, facts);
      if (env !== undefined && env !== null && env !== production) continue;
      const pattern = namePattern(release);
      const isProduction = env === production || productionReleases.some((r) => pattern.test(r));
      if (!isProduction && !(env === undefined && closed(releaseWord) === undefined)) continue;
      const sure = env === production || productionReleases.includes(release);
      emit(
        a.at(c.command.start),
        { verb: i.path[0] ?? 'upgrade', release, which: sure ? 'production' : 'may be production', namespace: closed(optionValue(i, '-n', '--namespace')?.value as never) ?? '<namespace>' },
      );
    }
  }
}
