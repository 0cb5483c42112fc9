import type { Html, Node, Parent } from 'mdast';
import { defineCheck } from '../engine/check.ts';
import { didYouMean, withHint } from '../engine/suggest.ts';
import { shellBlocks } from '../commands/blocks.ts';

const RULE = 'commands/opt-out';
const COMMAND_RULES = ['commands/syntax', 'commands/unknown-command', 'commands/flags', 'commands/catalog', 'commands/danger', 'commands/secrets', 'commands/placeholders', 'commands/hpa-scale', 'commands/confirmation', 'commands/helm-version', 'commands/platform', 'commands/*'];

export default defineCheck({
  id: RULE,
  description: 'Opt-out markers of shell blocks name a commands/* rule and give a reason; every opt-out is counted in the report.',
  severity: 'error',
  docs: {
    why:
      'Some blocks must break a rule on purpose (a destructive command in the page that explains it, a ' +
      'fictional host in a training page). The opt-out stays visible in the page and in every report, with ' +
      'its reason, so it is reviewed like code; a silent skip would hide real problems.',
    fix:
      'Write the marker right before the block as `<!-- commands-ignore commands/<rule>: <reason> -->`, ' +
      'or in the fence meta as ```` ```bash skip-check="commands/<rule>: <reason>" ````. `commands/*` skips ' +
      'every commands check of the block.',
    good: [
      {
        title: 'A comment marker and a fence meta marker, each with a reason',
        source:
          '# Training\n\n<!-- commands-ignore commands/catalog: the training cluster is not in the catalog -->\n```bash\nkubectl -n training get pods\n```\n\n' +
          '```bash skip-check="commands/syntax: shows the shell error on purpose"\necho "unclosed\n```\n',
      },
    ],
    bad: [
      {
        title: 'A marker without a reason, and an unknown rule',
        source: '# Training\n\n<!-- commands-ignore commands/catalog -->\n```bash\nkubectl -n training get pods\n```\n\n```bash skip-check="commands/flag: old kubectl"\nkubectl get pods\n```\n',
        problems: [
          { at: '3:1', message: 'needs a reason' },
          { at: '8:9', message: 'Did you mean `commands/flags`?' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok' || !file.tree) return;
    const attached = new Set<number>();
    for (const block of shellBlocks(file, project)) {
      for (const o of block.optOuts) {
        attached.add(o.offset);
        const unknown = o.rules.filter((r) => !COMMAND_RULES.includes(r));
        for (const r of unknown) report(file, { offset: o.offset }, withHint(`opt-out marker names \`${r}\`, which is not a commands rule`, didYouMean(r, COMMAND_RULES)));
        if (o.rules.length === 0) report(file, { offset: o.offset }, 'opt-out marker names no rule; write `commands-ignore commands/<rule>: <reason>`');
        else if (o.reason === '') report(file, { offset: o.offset }, `opt-out marker \`${o.text}\` needs a reason after a colon: \`commands-ignore ${o.rules.join(', ')}: <why>\``);
      }
    }
    // A comment marker that is not right before a shell block skips nothing.
    const visit = (node: Node) => {
      if (node.type === 'html' && /^<!--\s*commands-ignore\b/.test((node as Html).value)) {
        const offset = node.position?.start.offset ?? 0;
        if (!attached.has(offset)) report(file, { offset }, 'opt-out marker is not directly before a shell block, so it skips nothing');
      }
      if ('children' in node) for (const child of (node as Parent).children) visit(child);
    };
    visit(file.tree);
  },
  skipped(project) {
    return project.files.flatMap((file) =>
      file.status !== 'ok' || !project.targets.has(file.path)
        ? []
        : shellBlocks(file, project).flatMap((block) =>
            block.optOuts
              .filter((o) => o.reason !== '')
              .flatMap((o) => o.rules.filter((r) => COMMAND_RULES.includes(r)).map((rule) => ({ file: file.path, ...file.lines.position(o.offset), rule, reason: o.reason }))),
          ),
    );
  },
});
