import type { InlineCode, Nodes, Parents, TableRow } from 'mdast';
import { defineCheck } from '../engine/check.ts';
import { platformOf } from '../engine/platform.ts';
import { figuresIn } from '../policy/figures.ts';
import type { DocFile, ScriptFile } from '../engine/types.ts';

const RULE = 'policy/script-defaults';
const MODEL = 'src/data/platform.yml';

/** `NAME="value"` or `NAME=value` at the start of a line: the script's default. */
function assignment(script: ScriptFile, variable: string): { value: string; offset: number } | null {
  const m = new RegExp(`^${variable}=(["']?)([^"'\\s]*)\\1`, 'm').exec(script.text);
  return m ? { value: m[2]!, offset: m.index + variable.length + 1 + m[1]!.length } : null;
}

/** The default a policy's figure gives a variable: `above 1%` as a ratio is `0.01`; `5 minutes` is `5`. */
function expectedDefault(value: string, as: 'ratio' | 'minutes'): number | undefined {
  const figure = figuresIn(value).find((f) => f.kind === (as === 'ratio' ? 'percent' : 'duration'));
  if (!figure) return undefined;
  return as === 'ratio' ? Number(figure.key) / 100 : Number(figure.key.replace(/ min$/, ''));
}

/** Table rows whose first cell is the option (`--max-error-ratio <r>`): the inline code of their second cell. */
function documentedDefaults(file: DocFile, option: string): InlineCode[] {
  const out: InlineCode[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'tableRow') {
      const [first, second] = (node as TableRow).children;
      const name = first?.children.find((c): c is InlineCode => c.type === 'inlineCode');
      const value = second?.children.find((c): c is InlineCode => c.type === 'inlineCode');
      if (name && value && (name.value === option || name.value.startsWith(`${option} `))) out.push(value);
      return;
    }
    if ('children' in node) for (const child of (node as Parents).children) walk(child as Nodes);
  };
  if (file.tree) walk(file.tree);
  return out;
}

const SCRIPT = '#!/usr/bin/env bash\nMAX_ERROR_RATIO="0.01"\nSWITCH_BACK_RATIO="0.05"\nSWITCH_BACK_MINUTES=5\n';

export default defineCheck({
  id: RULE,
  description: 'The defaults of the shipped scripts that implement a policy (deploy.sh\'s `MAX_ERROR_RATIO`, `SWITCH_BACK_RATIO`, `SWITCH_BACK_MINUTES`) are the policy\'s figure in src/data/platform.yml, and so is the default the pages document for their option.',
  severity: 'error',
  messages: {
    disagrees: '`{variable}` defaults to `{value}` in {file}, but the policy `{id}` is {policy} ({model}): the default is `{expected}`',
    missing: '{file} sets no default for `{variable}`, which implements the policy `{id}` ({model}: policies.{id}.scripts)',
    documented: 'the default of `{option}` is written `{written}`, but {file} sets `{value}` (the policy `{id}`, {policy}, {model})',
  },
  docs: {
    why:
      'When deploy.sh aborts the canary at 1% and switches back at any bad minute while the decision matrix says "above 5% for 5 minutes", ' +
      'the on-call engineer cannot tell which rule protected the last deployment, and a reviewer who changes the policy forgets the script. ' +
      'A script default that implements a policy is bound to it in `policies.<id>.scripts` of src/data/platform.yml.',
    fix:
      'Set the default to the policy\'s figure (a ratio for a percentage: `0.01` for 1%), and write the same default where the option is documented. ' +
      'If the policy itself changed, change it in src/data/platform.yml, the script and its page in the same pull request.',
    good: [{ title: 'deploy.sh\'s defaults are the canary-abort and switch-back figures', path: 'static/scripts/deploy.sh', source: SCRIPT }],
    bad: [
      {
        title: 'A canary threshold that is not the policy\'s',
        path: 'static/scripts/deploy.sh',
        source: SCRIPT.replace('MAX_ERROR_RATIO="0.01"', 'MAX_ERROR_RATIO="0.02"'),
        problems: [{ at: '2:18', message: 'the policy `canary-abort` is above 1% (src/data/platform.yml): the default is `0.01`', messageId: 'disagrees' }],
      },
      {
        title: 'A page that documents another default than the script\'s',
        files: { 'static/scripts/deploy.sh': SCRIPT },
        source: '# Options\n\n| Option | Default | Meaning |\n| --- | --- | --- |\n| `--max-error-ratio <r>` | `0.05` | Highest 5xx ratio of the canary |\n',
        problems: [{ at: '5:30', message: 'the default of `--max-error-ratio` is written `0.05`, but static/scripts/deploy.sh sets `0.01`', messageId: 'documented' }],
      },
    ],
  },
  checkProject(project, report) {
    const platform = platformOf(project);
    if (!platform) return;
    for (const [id, policy] of Object.entries(platform.policies)) {
      for (const bound of policy.scripts ?? []) {
        const script = project.scripts.find((s) => s.path === bound.file);
        if (!script) continue;
        const set = assignment(script, bound.variable);
        if (!set) {
          report(script, { offset: 0 }, 'missing', { file: script.path, variable: bound.variable, id, model: MODEL });
          continue;
        }
        const expected = expectedDefault(policy.value, bound.as);
        if (expected !== undefined && Math.abs(Number(set.value) - expected) > 1e-9) {
          report(script, { offset: set.offset }, 'disagrees', { variable: bound.variable, value: set.value, file: script.path, id, policy: policy.value, model: MODEL, expected: String(expected) }, { hint: ` Did you mean \`${expected}\`?` });
        }
        if (!bound.option) continue;
        for (const file of project.files) {
          if (!project.targets.has(file.path) || file.status !== 'ok' || !file.source.includes(bound.option)) continue;
          for (const cell of documentedDefaults(file, bound.option)) {
            if (cell.value === set.value) continue;
            report(file, { offset: (cell.position?.start.offset ?? 0) + 1 }, 'documented', { option: bound.option, written: cell.value, file: script.path, value: set.value, id, policy: policy.value, model: MODEL }, { hint: ` Did you mean \`${set.value}\`?` });
          }
        }
      }
    }
  },
});
