import { catalogSchema, type Catalog } from '../../../core/schemas/catalog.ts';
import type { Project } from './types.ts';
import { projectFact } from './facts.ts';

/** The validated catalog, or null when it is missing or invalid (`catalog/schema` reports why). */
export const CATALOG = projectFact('catalog', (project): Catalog | null => {
  const result = project.catalog?.data === undefined ? null : catalogSchema.safeParse(project.catalog.data);
  return result?.success ? result.data : null;
});
export const catalogOf = (project: Project): Catalog | null => project.facts.get(CATALOG);

/** Everything a page may name in `services`: catalog services and external dependencies. */
export const serviceNames = (c: Catalog) => [...Object.keys(c.services), ...Object.keys(c.dependencies)];
