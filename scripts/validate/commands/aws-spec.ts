/**
 * The AWS CLI's services, decoded on use. specs/aws.json holds the root (global options, one stub
 * per service with `loadSpec: 'aws:<service>'`); specs/aws.services.json holds every service in a
 * compact form written by scripts/specs/aws.ts (about 1.6 MB for ~430 services and ~19,000
 * operations). The file is read the first time a document's `aws` command names a service, and only
 * that service's entry is turned into spec nodes.
 *
 * A service entry is an object: `""` is the service's own flags, `"#"` why its list is incomplete,
 * `"#<command>"` why a command's flags are incomplete, and every other key a command: a flags
 * string, or a nested object for commands with subcommands (`wait`, `s3`, `configure`). A flags
 * string is space-separated names without `--`: `name` takes a value, `!name` is a switch, `?name`
 * takes an optional value, `^name` is the switch pair `--name`/`--no-name`; after `|` come markers:
 * `o` (a model operation: --cli-input-json, --cli-input-yaml, --generate-cli-skeleton), `p1`/`p2`
 * (paginated: --starting-token, --max-items, and for p2 --page-size), `@name` (takes positional
 * arguments) and `x` (the list is incomplete).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FigOption, FigSpec } from './spec-types.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const AWS_SERVICES_FILE = join(here, 'specs', 'aws.services.json');

type Entry = string | { [key: string]: Entry };

let services: Record<string, Entry> | null | undefined;
const decoded = new Map<string, FigSpec | null>();

const value = (name: string, optional = false): FigOption => ({ name: `--${name}`, args: optional ? { name: 'value', isOptional: true } : { name: 'value' } });
const OPERATION: FigOption[] = [value('cli-input-json'), value('cli-input-yaml'), value('generate-cli-skeleton', true)];
const PAGING: FigOption[] = [value('starting-token'), value('max-items')];
/** `aws <command> help` works at every level. */
const HELP: FigSpec = { name: 'help', args: { name: 'topic', isVariadic: true, isOptional: true }, options: [], complete: true };

/** One flags string as options, markers and completeness. */
export function decodeFlags(text: string): Pick<FigSpec, 'options' | 'args' | 'complete'> {
  const bar = text.indexOf('|');
  const flags = (bar < 0 ? text : text.slice(0, bar)).split(' ').filter(Boolean);
  const marks = bar < 0 ? [] : text.slice(bar + 1).split(' ');
  const options: FigOption[] = [];
  for (const f of flags) {
    if (f.startsWith('!')) options.push({ name: `--${f.slice(1)}` });
    else if (f.startsWith('^')) options.push({ name: `--${f.slice(1)}` }, { name: `--no-${f.slice(1)}` });
    else if (f.startsWith('?')) options.push(value(f.slice(1), true));
    else options.push(value(f));
  }
  if (marks.includes('o')) options.push(...OPERATION);
  if (marks.includes('p1') || marks.includes('p2')) options.push(...PAGING);
  if (marks.includes('p2')) options.push(value('page-size'));
  const positional = marks.find((m) => m.startsWith('@'));
  return { options, args: positional ? { name: positional.slice(1), isVariadic: true, isOptional: true } : undefined, complete: !marks.includes('x') };
}

export function decodeEntry(name: string, entry: Entry, gap?: string): FigSpec {
  if (typeof entry === 'string') return { name, ...decodeFlags(entry), ...(gap ? { gap } : {}) };
  const own = decodeFlags(typeof entry[''] === 'string' ? entry[''] : '');
  const subcommands: FigSpec[] = [HELP];
  for (const [key, sub] of Object.entries(entry)) {
    if (key === '' || key.startsWith('#')) continue;
    const subGap = entry[`#${key}`];
    subcommands.push(decodeEntry(key, sub, typeof subGap === 'string' ? subGap : undefined));
  }
  const ownGap = typeof entry['#'] === 'string' ? entry['#'] : gap;
  return { name, ...own, subcommands, ...(ownGap ? { gap: ownGap } : {}) };
}

/** The spec of `aws <service>` (`loadSpec: 'aws:<service>'`), or null when there is none. */
export function awsService(service: string): FigSpec | null {
  if (decoded.has(service)) return decoded.get(service)!;
  if (services === undefined) {
    try {
      services = JSON.parse(readFileSync(AWS_SERVICES_FILE, 'utf8')) as Record<string, Entry>;
    } catch {
      services = null;
    }
  }
  const entry = services && Object.hasOwn(services, service) ? services[service]! : undefined;
  const spec = entry === undefined ? null : decodeEntry(service, entry);
  decoded.set(service, spec);
  return spec;
}
