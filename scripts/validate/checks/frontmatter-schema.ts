import { defineCheck } from '../engine/check.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { isoDay } from '../../../core/dates.ts';
import { didYouMean } from '../engine/suggest.ts';
import { locateIssues } from '../engine/yaml-issues.ts';
import { DOC_TYPES, isDocType, isoDate, schemas, type DocType } from '../../../core/schemas/frontmatter.ts';

const keysOf = (type: DocType) => Object.keys(schemas[type].shape);

/** " (`symptoms` is a key of: runbook, troubleshooting)" when another type allows the key. */
function otherTypesHint(key: string, type: DocType): string {
  const others = DOC_TYPES.filter((t) => t !== type && keysOf(t).includes(key));
  return others.length > 0 ? `\`${key}\` belongs to these types: ${others.join(', ')}.` : '';
}

export default defineCheck({
  id: 'frontmatter/schema',
  description: 'Frontmatter matches the schema of its `type`: required keys, value formats, no unknown keys.',
  severity: 'error',
  local: true,
  messages: {
    missingType: 'missing required key `type` (one of {types})',
    unknownType: 'unknown doc type `{type}`; use one of {types}',
    schema: '{text}',
    futureReview: '`last_reviewed` {reviewed} is in the future (today is {today}); use the date of the review',
  },
  docs: {
    why:
      'The site renders runbook headers, the runbook index and search results from frontmatter, and ' +
      'the other checks rely on it. A typo in a key silently drops data: a misspelt `alerts` means the ' +
      'alert no longer leads to its runbook.',
    fix:
      'Follow the frontmatter reference for the page type. The message names the key, the rule it ' +
      'breaks and, for typos, the closest allowed key or value.',
    good: [
      {
        title: 'A complete runbook',
        source: [
          '---',
          'type: runbook',
          'runbook_id: RB-003',
          'title: Pods crashing (CrashLoopBackOff)',
          'description: A pod restarts again and again.',
          'severity: SEV2',
          'services: [api-gateway]',
          'owner: platform-sre',
          'alerts: [KubePodCrashLooping]',
          'symptoms: ["CrashLoopBackOff"]',
          'last_reviewed: 2026-11-01',
          'review_interval: 90d',
          '---',
          '',
        ].join('\n'),
      },
    ],
    bad: [
      {
        title: 'An unknown key, a bad date and a bad id',
        source: [
          '---',
          'type: runbook',
          'runbook_id: RB-3',
          'title: Pods crashing',
          'descripton: A pod restarts again and again.',
          'severity: sev2',
          'services: [api-gateway]',
          'owner: platform-sre',
          'symptoms: ["CrashLoopBackOff"]',
          'last_reviewed: 2026-02-30',
          'review_interval: 90d',
          '---',
          '',
        ].join('\n'),
        problems: [
          { at: '1:1', message: 'missing required key `description`' },
          { at: '3:13', message: 'RB-007' },
          { at: '5:1', message: 'Did you mean `description`?' },
          { at: '6:11', message: 'Did you mean `SEV2`?' },
          { at: '10:16', message: 'not a real calendar date' },
        ],
      },
      {
        title: 'An unknown type',
        source: '---\ntype: runbok\ntitle: T\n---\n',
        problems: [{ at: '2:7', message: 'Did you mean `runbook`?' }],
      },
      {
        title: 'A review date in the future',
        source: '---\ntype: guide\ntitle: T\ndescription: D\nowner: platform-sre\nlast_reviewed: 2999-01-01\nreview_interval: 90d\n---\n',
        problems: [{ at: '6:16', message: 'in the future' }],
      },
    ],
  },
  checkFile(file, project, report) {
    const data = frontmatterData(file);
    const fm = file.frontmatter;
    if (!data || !fm) return;
    const type = data['type'];
    if (type === undefined) {
      report(file, { line: 1, column: 1 }, 'missingType', { types: DOC_TYPES.join(', ') });
      return;
    }
    if (!isDocType(type)) {
      report(
        file,
        { offset: frontmatterValueOffset(file, ['type']) },
        'unknownType',
        { type: String(type), types: DOC_TYPES.join(', ') },
        { hint: didYouMean(String(type), DOC_TYPES) },
      );
      return;
    }
    const result = schemas[type].safeParse(data);
    if (!result.success) {
      const located = locateIssues(fm.doc, data, result.error.issues, {
        allowedKeys: (path) => (path.length === 0 ? keysOf(type) : []),
        unknownKeyHint: (key) => otherTypesHint(key, type),
      });
      for (const { offset, message } of located) {
        report(file, offset === 0 ? { line: 1, column: 1 } : { offset: fm.offset + offset }, 'schema', { text: message });
      }
    }
    const reviewed = data['last_reviewed'];
    if (typeof reviewed === 'string' && isoDate.safeParse(reviewed).success && reviewed > isoDay(project.options.now)!) {
      report(
        file,
        { offset: frontmatterValueOffset(file, ['last_reviewed']) },
        'futureReview',
        { reviewed, today: isoDay(project.options.now)! },
      );
    }
  },
});
