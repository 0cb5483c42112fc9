import { defineCheck } from '../engine/check.ts';
import { IGNORE_KEYWORD, ignoreMarkers, legacyMarkers, suppressible } from '../engine/ignore.ts';
import { didYouMean } from '../engine/suggest.ts';
import type { Project } from '../engine/types.ts';
import { projectFact } from '../engine/facts.ts';
import { loadLinter } from './remark-lint.ts';

/** Rule ids of the run's checks, loaded by `prepare` (the registry is asynchronous): a fact of the run. */
const CHECK_IDS = projectFact('check-ids', (): { ids?: string[] } => ({}));

/** Sub-rules of checks that wrap a rule set: remark-lint's configured rules. Loaded only when a marker needs them. */
function subRuleIds(project: Project): string[] {
  const loaded = loadLinter(project.root);
  const rules = loaded && 'linter' in loaded ? [...loaded.linter.known] : [];
  return [...rules, 'message-control', 'config'].map((r) => `remark-lint:${r}`);
}

export default defineCheck({
  id: IGNORE_KEYWORD,
  description:
    '`validate-ignore` markers name known rule ids, give a reason and cover a block; every problem they silence is counted in the report.',
  severity: 'error',
  local: true,
  messages: {
    unknownRule: '`validate-ignore` names `{rule}`, which is not a rule id of `npm run validate`',
    unsilenceable: '`validate-ignore` names `{rule}`, whose problems cannot be silenced',
    noRule: '`validate-ignore` names no rule; write `<!-- validate-ignore <rule id>: <reason> -->`',
    noReason: '`{marker}` needs a reason after a colon and a space: `validate-ignore {rules}: <why>`',
    coversNothing: '`validate-ignore` is not followed by a block in the same container, so it silences nothing',
    inline: '`validate-ignore` inside a paragraph silences nothing; put the marker on its own line, with blank lines around it, before the block',
    legacy: '`{marker}` is the old opt-out syntax and silences nothing; write `<!-- validate-ignore <rule id>: <reason> -->` before the block, or `validate-ignore="<rule id>: <reason>"` in the fence',
  },
  docs: {
    why:
      'Some spots must break a rule on purpose: a destructive command in the page that explains it, a fictional host ' +
      'in a training page, a heading level copied from a vendor manual. The opt-out stays visible in the page and in ' +
      'every report, with its reason, so it is reviewed like code; a silent or misspelt opt-out would hide real problems ' +
      'or silence nothing.',
    fix:
      'Put the marker on its own line right before the block it covers: `<!-- validate-ignore <rule id>: <reason> -->` ' +
      '(the next block: a code block, paragraph, list, table or heading), or, for a code block, in the fence meta as ' +
      '```` ```bash validate-ignore="<rule id>: <reason>" ````. Name rule ids as reports print them ' +
      '(`commands/flags`, `remark-lint:heading-increment`), several separated by commas; a check id covers its ' +
      'sub-rules (`remark-lint`) and `commands/*` covers a category. The reason starts after the first colon followed ' +
      'by a space. Markers silence only problems inside the block they cover.',
    good: [
      {
        title: 'A comment marker and a fence meta marker, each with a reason',
        source:
          '# Training\n\n<!-- validate-ignore commands/catalog: the training cluster is not in the catalog -->\n```bash\nkubectl -n training get pods\n```\n\n' +
          '```bash validate-ignore="commands/syntax: shows the shell error on purpose"\necho "unclosed\n```\n',
      },
      {
        title: 'A remark-lint rule and a whole category, for one block each',
        source:
          '# Vendor notes\n\n<!-- validate-ignore remark-lint:heading-increment: the vendor manual goes from h1 to h3 -->\n\n### Vendor step\n\n' +
          '<!-- validate-ignore commands/*: a transcript from another platform -->\n\n```bash\nlegacyctl --purge-all\n```\n',
      },
    ],
    bad: [
      {
        title: 'A marker without a reason, a misspelt rule id, and the old syntax',
        source:
          '# Training\n\n<!-- validate-ignore commands/catalog -->\n```bash\nkubectl -n training get pods\n```\n\n' +
          '```bash validate-ignore="commands/flag: old kubectl"\nkubectl get pods\n```\n\n' +
          '<!-- commands-ignore commands/syntax: shown on purpose -->\n```bash\necho "unclosed\n```\n',
        problems: [
          { at: '3:1', messageId: 'noReason', message: 'needs a reason' },
          { at: '8:9', messageId: 'unknownRule', message: 'Did you mean `commands/flags`?' },
          { at: '12:1', messageId: 'legacy', message: 'old opt-out syntax' },
        ],
      },
      {
        title: 'A marker that covers nothing',
        source: '# Steps\n\n- Restart the pod.\n\n  <!-- validate-ignore commands/danger: reviewed -->\n',
        problems: [{ at: '5:3', messageId: 'coversNothing', message: 'silences nothing' }],
      },
    ],
  },
  async prepare(project) {
    const { loadChecks } = await import('./index.ts');
    project.facts.get(CHECK_IDS).ids = (await loadChecks()).map((c) => c.id);
  },
  checkFile(file, project, report) {
    if (file.status !== 'ok' || !file.tree) return;
    for (const old of legacyMarkers(file)) report(file, { offset: old.offset }, 'legacy', { marker: old.text });
    const markers = ignoreMarkers(file);
    if (markers.length === 0) return;
    const checks = project.facts.get(CHECK_IDS).ids;
    let all: string[] | undefined;
    for (const m of markers) {
      const at = { offset: m.offset };
      if (m.inline) {
        report(file, at, 'inline');
        continue;
      }
      if (m.rules.length === 0) report(file, at, 'noRule');
      else if (m.reason === '') report(file, at, 'noReason', { marker: m.text.trim(), rules: m.rules.join(', ') });
      if (m.covers === null) report(file, at, 'coversNothing');
      // Without the registry (a run that skipped `prepare`), rule ids cannot be checked.
      if (!checks) continue;
      for (const rule of m.rules) {
        if (!suppressible(rule)) {
          report(file, at, 'unsilenceable', { rule });
          continue;
        }
        const known =
          checks.includes(rule) ||
          (rule.endsWith('/*') && checks.some((id) => id.startsWith(rule.slice(0, -1)))) ||
          (rule.includes(':') && (all ??= [...checks, ...subRuleIds(project)]).includes(rule));
        if (known) continue;
        all ??= [...checks, ...subRuleIds(project)];
        const categories = [...new Set(checks.filter((id) => id.includes('/')).map((id) => `${id.split('/')[0]}/*`))];
        report(file, at, 'unknownRule', { rule }, { hint: didYouMean(rule, [...all, ...categories]) });
      }
    }
  },
});
