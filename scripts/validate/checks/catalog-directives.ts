import type { LeafDirective, TextDirective, ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { defineCheck } from '../engine/check.ts';
import { catalogOf } from '../engine/catalog.ts';
import { didYouMean } from '../engine/suggest.ts';
import { CATALOG_DIRECTIVES, attributeValues } from '../../../core/catalog-directives.ts';

const names = Object.keys(CATALOG_DIRECTIVES);

export default defineCheck({
  id: 'catalog/directives',
  description: '`::catalog-*` directives have a known name, known attributes, and values that exist in the service catalog.',
  severity: 'error',
  local: true,
  messages: {
    unknownDirective: 'unknown directive `::{name}`',
    notLeaf: '`{name}` is a block on its own line: write `::{name}` (two colons)',
    unknownAttribute: '`::{name}` has no attribute `{attr}`',
    missingAttribute: '`::{name}` needs the attribute `{attr}`, e.g. `::{name}{{attr}=…}`',
    unknownValue: '`{attr}={value}`: no {kind} `{value}` in the service catalog',
  },
  docs: {
    why:
      'Contact tables, service facts and critical URLs are rendered from the catalog by these ' +
      'directives, so they are written once. A misspelt directive renders nothing, and the build ' +
      'fails on an unknown service; this check says where and what to write instead.',
    fix:
      `Use one of ${names.map((n) => `\`::${n}\``).join(', ')} with the attributes shown in the writing guide, ` +
      'and values that are keys of src/data/catalog.yml.',
    good: [{ title: 'Contacts and a service', source: '---\ntype: reference\n---\n\n::catalog-contacts\n\n::catalog-service{name=api-gateway}\n' }],
    bad: [
      {
        title: 'A misspelt directive, an unknown service and a missing attribute',
        source: '---\ntype: reference\n---\n\n::catalog-contact\n\n::catalog-service{name=api}\n\n::catalog-urls\n',
        problems: [
          { at: '5:1', message: 'Did you mean `::catalog-contacts`?' },
          { at: '7:1', message: 'Did you mean `api-gateway`?' },
          { at: '9:1', message: 'needs the attribute `env`' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    if (!file.tree) return;
    const catalog = catalogOf(project);
    visit(file.tree, (node) => {
      if (node.type !== 'leafDirective' && node.type !== 'textDirective' && node.type !== 'containerDirective') return;
      const directive = node as LeafDirective | TextDirective | ContainerDirective;
      if (!directive.name.startsWith('catalog')) return;
      const spec = CATALOG_DIRECTIVES[directive.name];
      if (!spec) {
        report(file, { node: directive }, 'unknownDirective', { name: directive.name }, { hint: didYouMean(directive.name, names).replace('`', '`::') });
        return;
      }
      if (directive.type !== 'leafDirective') {
        report(file, { node: directive }, 'notLeaf', { name: directive.name });
        return;
      }
      const attributes = directive.attributes ?? {};
      for (const attr of Object.keys(attributes)) {
        if (!(attr in spec.attributes)) report(file, { node: directive }, 'unknownAttribute', { name: directive.name, attr }, { hint: didYouMean(attr, Object.keys(spec.attributes)) });
      }
      for (const [attr, { kind, required }] of Object.entries(spec.attributes)) {
        const value = attributes[attr];
        if (value == null) {
          if (required) report(file, { node: directive }, 'missingAttribute', { name: directive.name, attr });
          continue;
        }
        if (!catalog) continue;
        const known = attributeValues(catalog, kind);
        if (!known.includes(value)) report(file, { node: directive }, 'unknownValue', { attr, value, kind }, { hint: didYouMean(value, known) });
      }
    });
  },
});
