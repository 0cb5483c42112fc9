import { catalogSchema, type Catalog } from '../../../core/schemas/catalog.ts';
import type { Project } from './types.ts';

const memo = new WeakMap<Project, Catalog | null>();

/** The validated catalog, or null when it is missing or invalid (`catalog/schema` reports why). */
export function catalogOf(project: Project): Catalog | null {
  if (memo.has(project)) return memo.get(project)!;
  const result = project.catalog?.data === undefined ? null : catalogSchema.safeParse(project.catalog.data);
  const catalog = result?.success ? result.data : null;
  memo.set(project, catalog);
  return catalog;
}

/** Everything a page may name in `services`: catalog services and external dependencies. */
export const serviceNames = (c: Catalog) => [...Object.keys(c.services), ...Object.keys(c.dependencies)];
