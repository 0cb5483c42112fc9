import { github } from './github.ts';
import { json } from './json.ts';
import { pretty } from './pretty.ts';
import { sarif } from './sarif.ts';
import type { Reporter } from './types.ts';

export const reporters = { pretty, github, json, sarif } satisfies Record<string, Reporter>;
export type Format = keyof typeof reporters;
export const FORMATS = Object.keys(reporters) as Format[];
