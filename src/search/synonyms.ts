/**
 * Schema and loader of docs/search-synonyms.yml, the operations vocabulary of the search: synonym
 * groups and query intents. Build time only (the search-index plugin, tests, bench): the browser
 * receives the validated data inside the index chunk, so zod never reaches it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';

const phrase = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.toLowerCase().replace(/\s+/g, ' '));

export const intentSchema = z
  .strictObject({
    starts: z.array(phrase).optional().meta({ description: 'The intent, when the query starts with one of these.' }),
    triggers: z.array(phrase).optional().meta({ description: 'The intent, when the query contains one of these words or phrases.' }),
    types: z.array(z.string()).optional().meta({ description: 'Frontmatter `type`s the intent prefers.' }),
    pages: z.array(z.string().regex(/^[a-z0-9][a-z0-9/-]*$/)).optional().meta({ description: 'Pages (paths under docs/, no extension) the intent prefers.' }),
  })
  .refine((i) => (i.starts?.length ?? 0) + (i.triggers?.length ?? 0) > 0, { error: 'an intent needs starts or triggers' })
  .refine((i) => (i.types?.length ?? 0) + (i.pages?.length ?? 0) > 0, { error: 'an intent needs types or pages' });

export const synonymsFileSchema = z.strictObject({
  synonyms: z.array(z.array(phrase).min(2, { error: 'a synonym group needs at least two entries' })),
  intents: z.record(z.string().regex(/^[a-z-]+$/), intentSchema),
});

export type Vocabulary = z.output<typeof synonymsFileSchema>;

export const SYNONYMS_FILE = 'docs/search-synonyms.yml';

/** Reads and validates the vocabulary; throws with every problem as `file: path: message`. */
export function loadVocabulary(siteDir: string): Vocabulary {
  const file = join(siteDir, SYNONYMS_FILE);
  const parsed = synonymsFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${SYNONYMS_FILE}: ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}
