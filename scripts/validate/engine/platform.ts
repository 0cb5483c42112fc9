import { platformSchema, type Platform } from '../../../core/schemas/platform.ts';
import type { Project } from './types.ts';
import { projectFact } from './facts.ts';

/** The validated platform model, or null when it is missing or invalid (`platform/schema` reports why). */
export const PLATFORM = projectFact('platform', (project): Platform | null => {
  const result = project.platform?.data === undefined ? null : platformSchema.safeParse(project.platform.data);
  return result?.success ? result.data : null;
});
export const platformOf = (project: Project): Platform | null => project.facts.get(PLATFORM);
