/**
 * Schema of the toolbox (`src/data/toolbox.yml`): the commands shell blocks may run, the version the
 * docs are written against, and the completion spec their subcommands and flags are checked with.
 */
import * as z from 'zod';

export const toolSchema = z
  .strictObject({
    version: z.string().min(1).meta({ description: 'Version the docs are written against.' }),
    spec: z.string().min(1).meta({ description: '`generated` (scripts/validate/commands/specs/<tool>.json, from the tool\'s own docs or source), a @withfig/autocomplete spec name, `local` (overrides.ts) or `none`.' }),
    reason: z.string().min(1).optional().meta({ description: 'Why flags are not checked; required with `spec: none`.' }),
  })
  .refine((t) => t.spec !== 'none' || t.reason !== undefined, { error: '`spec: none` needs a `reason`' });

export const toolboxSchema = z.strictObject({
  tools: z.record(z.string().regex(/^[a-z0-9][a-z0-9_.+-]*$/), toolSchema),
});

export type Tool = z.infer<typeof toolSchema>;
export type Toolbox = z.infer<typeof toolboxSchema>;
