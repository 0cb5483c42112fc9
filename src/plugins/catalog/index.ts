/**
 * catalog: publishes the service catalog (src/data/catalog.yml, validated by its zod schema) as
 * global data, so that theme components render contacts, dashboards and logs from the one source
 * (`usePluginData('catalog')`). The build fails with the schema's message if the catalog is invalid;
 * `npm run validate` reports the same problem with its position.
 */
import type { Plugin } from '@docusaurus/types';
import { loadCatalog } from '../../remark/catalog-directives.ts';
import type { Catalog } from '../../../core/schemas/catalog.ts';

export type CatalogData = Pick<Catalog, 'platform' | 'environments' | 'teams' | 'services'>;

export default function catalogPlugin(): Plugin<CatalogData> {
  return {
    name: 'catalog',
    async loadContent() {
      const { platform, environments, teams, services } = loadCatalog();
      return { platform, environments, teams, services };
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content);
    },
    getPathsToWatch() {
      return ['src/data/catalog.yml'];
    },
  };
}
