import { defineCheck } from '../engine/check.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import type { DocFile } from '../engine/types.ts';
import { RUNBOOK_ID_PATTERN } from '../../../core/schemas/frontmatter.ts';

const runbook = (id: string, title: string) =>
  `---\ntype: runbook\nrunbook_id: ${id}\ntitle: ${title}\n---\n`;

export default defineCheck({
  id: 'runbook/unique-id',
  description: 'No two runbooks share a runbook id.',
  severity: 'error',
  messages: {
    duplicateId: 'runbook id {id} is also used by {others}; ids are permanent, so give the newer runbook a new id (the next free id is {next})',
  },
  docs: {
    why:
      'Alerts, permalinks (`/rb/RB-007`), incident notes and people say "run `RB-007`". If two pages ' +
      'claim the same id, the link lands on the wrong procedure during an incident.',
    fix: 'Ids are permanent: keep the id on the older runbook and give the new one the next free id (the message names it).',
    good: [
      {
        title: 'Distinct ids',
        files: { 'docs/runbooks/rb-001.md': runbook('RB-001', 'Deployment fails') },
        path: 'docs/runbooks/rb-002.md',
        source: runbook('RB-002', 'High error rate'),
      },
    ],
    bad: [
      {
        title: 'The same id twice',
        files: { 'docs/runbooks/rb-001.md': runbook('RB-001', 'Deployment fails') },
        path: 'docs/runbooks/rb-001-copy.md',
        source: runbook('RB-001', 'High error rate'),
        problems: [{ at: '3:13', message: 'next free id is RB-002' }],
      },
    ],
  },
  checkProject(project, report) {
    const byId = new Map<string, DocFile[]>();
    for (const file of project.files) {
      const data = frontmatterData(file);
      const id = data?.['runbook_id'];
      if (data?.['type'] !== 'runbook' || typeof id !== 'string' || !RUNBOOK_ID_PATTERN.test(id)) continue;
      byId.set(id, [...(byId.get(id) ?? []), file]);
    }
    const highest = Math.max(0, ...[...byId.keys()].map((id) => Number(id.slice(3))));
    const next = `RB-${String(highest + 1).padStart(3, '0')}`;
    for (const [id, files] of byId) {
      if (files.length < 2) continue;
      for (const file of files) {
        const others = files.filter((f) => f !== file).map((f) => f.path).join(', ');
        report(
          file,
          { offset: frontmatterValueOffset(file, ['runbook_id']) },
          'duplicateId',
          { id, others, next },
        );
      }
    }
  },
});
