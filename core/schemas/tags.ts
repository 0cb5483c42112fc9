/** Schema of `docs/tags.yml`, Docusaurus' controlled tag list. */
import * as z from 'zod';

export const tagDefinitionSchema = z.strictObject({
  label: z.string().trim().min(1, { error: 'label must not be empty' }).meta({ description: 'Text shown on the tag.' }),
  description: z.string().trim().min(1).optional().meta({ description: 'Shown on the tag page.' }),
  permalink: z.string().startsWith('/').optional().meta({ description: 'URL of the tag page, relative to /docs/tags.' }),
});

export const tagsFileSchema = z.record(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'tag keys are lower-case kebab-case' }),
  tagDefinitionSchema,
);
