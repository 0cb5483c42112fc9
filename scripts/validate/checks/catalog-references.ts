import { defineCheck } from '../engine/check.ts';
import { catalogOf, serviceNames } from '../engine/catalog.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { didYouMean } from '../engine/suggest.ts';

export default defineCheck({
  id: 'catalog/references',
  description: 'Frontmatter `services`, `owner` and `environments` name entries of the service catalog.',
  severity: 'error',
  local: true,
  messages: {
    unknownService: '`{value}` is not in the service catalog (services and dependencies of src/data/catalog.yml)',
    unknownEnvironment: '`{value}` is not an environment of the service catalog',
    unknownOwner: 'owner `{owner}` is not a team of the service catalog',
  },
  docs: {
    why:
      'Runbook headers show the owner team\'s on-call contact and the services\' dashboards from the ' +
      'catalog; the runbook index filters by them. A name that is not in the catalog shows no contact ' +
      'and hides the page from its filter.',
    fix: 'Use the catalog key (`api-gateway`, `platform-sre`, `production`), or add the new entry to src/data/catalog.yml in the same PR.',
    good: [{ title: 'Catalog names', source: '---\ntype: runbook\nservices: [api-gateway, postgresql]\nowner: platform-sre\n---\n' }],
    bad: [
      {
        title: 'A renamed service and an unknown team',
        source: '---\ntype: deployment\nservices: [api]\nowner: sre\nenvironments: [prod]\n---\n',
        problems: [
          { at: '3:12', message: 'not in the service catalog' },
          { at: '4:8', message: 'not a team' },
          { at: '5:16', message: 'Did you mean `production`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    const data = frontmatterData(file);
    const catalog = catalogOf(project);
    if (!data || !catalog) return;
    const services = serviceNames(catalog);
    const lists = [
      ['services', services, 'unknownService'],
      ['environments', Object.keys(catalog.environments), 'unknownEnvironment'],
    ] as const;
    for (const [key, known, what] of lists) {
      const values = data[key];
      if (!Array.isArray(values)) continue;
      values.forEach((value, i) => {
        if (typeof value === 'string' && !known.includes(value)) {
          report(file, { offset: frontmatterValueOffset(file, [key, i]) }, what, { value }, { hint: didYouMean(value, known) });
        }
      });
    }
    const owner = data['owner'];
    const teams = Object.keys(catalog.teams);
    if (typeof owner === 'string' && !teams.includes(owner)) {
      report(file, { offset: frontmatterValueOffset(file, ['owner']) }, 'unknownOwner', { owner }, { hint: didYouMean(owner, teams) });
    }
  },
});
