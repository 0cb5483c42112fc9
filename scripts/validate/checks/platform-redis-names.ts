import type { InlineCode, Nodes, Parents } from 'mdast';
import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { didYouMean } from '../engine/suggest.ts';

const RULE = 'platform/redis-names';
const MODEL = 'src/data/platform.yml';
/** A Redis key or pattern as the model writes them: `queue:default`, `cache:api:*`, `cache:api:user:<id>`. */
const SHAPE = /^([a-z]+):([a-z0-9*<>_-]+(?::[a-z0-9*<>_-]+)*)$/;
/** Words that say a sentence or row is about Redis keys or queues. */
const ABOUT_REDIS = /\b(queues?|redis)\b/i;
/** Generated from the checks' own metadata, whose texts quote wrong names on purpose. */
const GENERATED = 'docs/contributing/checks/';

export default defineCheck({
  id: RULE,
  description: 'Queue names and Redis key patterns written as inline code in a page (`queue:default`, `cache:api:*`) exist in the platform model (`queues`, `redis_key_prefixes`).',
  severity: 'error',
  local: true,
  messages: {
    unknownQueue: 'queue `{name}` is not in the platform model ({model}: queues: {queues})',
    unknownPrefix: 'Redis key `{name}`: the prefix `{prefix}` is not in the platform model ({model}: redis_key_prefixes: {prefixes})',
  },
  docs: {
    why:
      'A page that names the job queue jobs:default while the worker reads queue:default sends the on-call engineer to `LLEN` a key that does not exist: ' +
      'the queue looks empty while jobs pile up. Commands are checked by commands/platform; names in prose and tables are checked here, against the same model.',
    fix:
      `Write the names of ${MODEL} (the message suggests the closest; \`::platform-redis\` renders the queues and key prefixes). ` +
      'If the platform changed, change the model in the same pull request. Only inline code shaped like a Redis key (`prefix:name`) is checked: ' +
      'a known prefix, a queue\'s name under another prefix, or a sentence about queues or Redis keys.',
    good: [
      {
        title: 'Queues and key patterns of the model',
        source: '# Queues\n\nThe worker reads `queue:default` and `queue:summaries`; failed summaries go to `queue:summaries:dead`. Caches are under `cache:api:*`.\n\nRun `check:links` before you push.\n',
      },
    ],
    bad: [
      {
        title: 'A queue under the wrong prefix, an unknown queue and an unknown key prefix',
        source: '# Queues\n\nThe worker reads `jobs:default`.\n\n| Queue | Holds |\n| --- | --- |\n| `queue:sumaries` | AI summaries |\n\nRedis keys of sign-in are under `sessions:*`.\n',
        problems: [
          { at: '3:19', message: 'Did you mean `queue:default`?', messageId: 'unknownPrefix' },
          { at: '7:4', message: 'Did you mean `queue:summaries`?', messageId: 'unknownQueue' },
          { at: '9:34', message: 'Did you mean `session:`?', messageId: 'unknownPrefix' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    if (!file.tree || file.path.startsWith(GENERATED) || !/`[a-z]+:[a-z0-9*<]/.test(file.source)) return;
    const platform = platformOf(project);
    if (!platform) return;
    const queues = Object.keys(platform.queues);
    const prefixes = Object.keys(platform.redis_key_prefixes);
    // `queue:` holds the queues: a name under it must be one of them.
    const queuePrefixes = new Set(prefixes.filter((p) => queues.length > 0 && queues.every((q) => q.startsWith(p))));
    const check = (node: InlineCode, unitText: string) => {
      const m = SHAPE.exec(node.value);
      if (!m) return;
      const prefix = `${m[1]}:`;
      const open = /[*<]/.test(node.value);
      const at = { offset: (node.position?.start.offset ?? 0) + 1 };
      if (prefixes.includes(prefix)) {
        if (queuePrefixes.has(prefix) && !open && !queues.includes(node.value)) {
          report(file, at, 'unknownQueue', { name: node.value, model: MODEL, queues: queues.map((q) => `\`${q}\``).join(', ') }, { hint: didYouMean(node.value, queues) });
        }
        return;
      }
      // Under another prefix: the name of a queue (`jobs:default`), or a sentence about Redis keys or queues.
      const sameName = queues.find((q) => q.slice(q.indexOf(':') + 1) === m[2]);
      if (!sameName && !ABOUT_REDIS.test(unitText)) return;
      const hint = sameName ? ` Did you mean \`${sameName}\`?` : didYouMean(prefix, prefixes);
      report(file, at, 'unknownPrefix', { name: node.value, prefix, model: MODEL, prefixes: prefixes.map((p) => `\`${p}\``).join(', ') }, { hint });
    };
    const text = (node: Nodes): string => ('value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? (node as Parents).children.map((c) => text(c as Nodes)).join(' ') : '');
    const walk = (node: Nodes, unit: string) => {
      if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return;
      const here = node.type === 'paragraph' || node.type === 'tableRow' || node.type === 'heading' ? text(node) : unit;
      if (node.type === 'inlineCode') check(node, unit);
      if ('children' in node) for (const child of (node as Parents).children) walk(child as Nodes, here);
    };
    walk(file.tree, '');
  },
});
