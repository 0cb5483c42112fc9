import { platformSchema, type Platform } from '../../../core/schemas/platform.ts';
import type { Project } from './types.ts';
import { projectFact } from './facts.ts';
import { TextMemo } from './disk-cache.ts';

/** The validated model by the YAML text it came from: tests and examples build many projects on the same file. */
const VALIDATED = new TextMemo<{ platform: Platform | null }>('platform-model', 16);

/** The validated platform model, or null when it is missing or invalid (`platform/schema` reports why). */
export const PLATFORM = projectFact('platform', (project): Platform | null => {
  const file = project.platform;
  if (!file || file.data === undefined) return null;
  const known = VALIDATED.get(file.text);
  if (known) return known.platform;
  const result = platformSchema.safeParse(file.data);
  const platform = result.success ? result.data : null;
  VALIDATED.set(file.text, { platform });
  return platform;
});
export const platformOf = (project: Project): Platform | null => project.facts.get(PLATFORM);
