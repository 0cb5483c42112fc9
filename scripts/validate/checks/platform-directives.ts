import type { LeafDirective, TextDirective, ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { defineCheck } from '../engine/check.ts';
import { catalogOf } from '../engine/catalog.ts';
import { platformOf } from '../engine/platform.ts';
import { didYouMean } from '../engine/suggest.ts';
import { PLATFORM_DIRECTIVES, isPlatformDirective, platformAttributeValues } from '../../../core/platform-directives.ts';

const names = Object.keys(PLATFORM_DIRECTIVES);

export default defineCheck({
  id: 'platform/directives',
  description: '`::platform-*`, `:policy` and `:severity` directives have a known name, known attributes, and values that exist in the platform model.',
  severity: 'error',
  local: true,
  messages: {
    unknownDirective: 'unknown directive `::{name}`',
    leafForm: '`{name}` is a block on its own line: write `::{name}` (two colons)',
    textForm: '`{name}` goes inside a sentence: write `:{name}` and its attributes in braces (one colon)',
    unknownAttribute: '`{name}` has no attribute `{attribute}`',
    missingAttribute: '`{name}` needs the attribute `{attribute}`, e.g. `{name}{{attribute}=…}`',
    unknownValue: '`{attribute}={value}`: no {kind} `{value}` in the platform model (src/data/platform.yml)',
  },
  docs: {
    why:
      'Metrics, HPA bounds, Secret keys, Redis endpoints and policy figures are rendered from src/data/platform.yml ' +
      'by these directives, so they are written once. A misspelt directive or policy id fails the build; this check says where and what to write instead.',
    fix:
      `Use one of ${names.filter((n) => n !== 'policy' && n !== 'severity').map((n) => `\`::${n}\``).join(', ')} on a line of its own, or ` +
      '`:policy{id=…}` or `:severity{situation=…}` inside a sentence, with ids that are keys of `policies` or `situations` in src/data/platform.yml.',
    good: [{ title: 'HPAs of production and a policy figure', source: '---\ntype: reference\n---\n\n::platform-hpas{env=production}\n\nThe page is not acknowledged within :policy{id=ack-sev1}.\n' }],
    bad: [
      {
        title: 'A misspelt directive, an unknown environment, policy and situation',
        source: '---\ntype: reference\n---\n\n::platform-metric\n\n::platform-hpas{env=prod}\n\nWithin :policy{id=ack-sev9}.\n\nRedis down is :severity{situation=redis-dwon}.\n',
        problems: [
          { at: '5:1', message: 'Did you mean `::platform-metrics`?' },
          { at: '7:1', message: 'Did you mean `production`?' },
          { at: '9:8', message: 'Did you mean `ack-sev1`?' },
          { at: '11:15', message: 'Did you mean `redis-down`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    // Only pages that write a directive of this family are walked.
    if (!file.tree || !/:(?:platform|policy|severity)/.test(file.source)) return;
    const platform = platformOf(project);
    const catalog = catalogOf(project);
    visit(file.tree, (node) => {
      if (node.type !== 'leafDirective' && node.type !== 'textDirective' && node.type !== 'containerDirective') return;
      const directive = node as LeafDirective | TextDirective | ContainerDirective;
      if (!isPlatformDirective(directive.name)) return;
      const spec = PLATFORM_DIRECTIVES[directive.name];
      if (!spec) {
        report(file, { node: directive }, 'unknownDirective', { name: directive.name }, { hint: didYouMean(directive.name, names).replace('`', '`::') });
        return;
      }
      const wanted = spec.form === 'leaf' ? 'leafDirective' : 'textDirective';
      if (directive.type !== wanted) {
        report(file, { node: directive }, spec.form === 'leaf' ? 'leafForm' : 'textForm', { name: directive.name });
        return;
      }
      const attributes = directive.attributes ?? {};
      for (const attr of Object.keys(attributes)) {
        if (!(attr in spec.attributes)) report(file, { node: directive }, 'unknownAttribute', { name: directive.name, attribute: attr }, { hint: didYouMean(attr, Object.keys(spec.attributes)) });
      }
      for (const [attr, { kind, required }] of Object.entries(spec.attributes)) {
        const value = attributes[attr];
        if (value == null) {
          if (required) report(file, { node: directive }, 'missingAttribute', { name: directive.name, attribute: attr });
          continue;
        }
        if (!platform || !catalog) continue;
        const known = platformAttributeValues(platform, Object.keys(catalog.environments), Object.keys(catalog.services), kind);
        if (!known.includes(value)) report(file, { node: directive }, 'unknownValue', { attribute: attr, value, kind }, { hint: didYouMean(value, known) });
      }
    });
  },
});
