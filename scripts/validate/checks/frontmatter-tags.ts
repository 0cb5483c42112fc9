import { defineCheck } from '../engine/check.ts';
import { frontmatterData, frontmatterValueOffset } from '../engine/frontmatter.ts';
import { didYouMean } from '../engine/suggest.ts';
import { locateIssues } from '../engine/yaml-issues.ts';
import { tagsFileSchema } from '../../../core/schemas/tags.ts';
import { TAGS_FILE } from '../engine/load.ts';

const TAGS_YML = 'runbook:\n  label: Runbook\nkubernetes:\n  label: Kubernetes\n';

export default defineCheck({
  id: 'frontmatter/tags',
  description: 'Tags come from the controlled list in docs/tags.yml, which is itself well-formed.',
  severity: 'error',
  local: true,
  messages: {
    noTagList: 'tag `{tag}` cannot be checked: {tagsFile} does not exist',
    unknownTag: 'unknown tag `{tag}`; tags come from {tagsFile}',
    yaml: 'invalid YAML: {error}',
    schema: '{text}',
  },
  docs: {
    why:
      'Tags group pages on tag pages and in search filters. A free-form tag splits one topic in two ' +
      '(`k8s`, `kubernetes`), and the build throws on tags that are not in the list.',
    fix: 'Use a key from docs/tags.yml, or add the new tag there (with a label and a description) in the same PR.',
    good: [
      {
        title: 'A listed tag',
        files: { 'docs/tags.yml': TAGS_YML },
        source: '---\ntype: guide\ntags: [kubernetes]\n---\n',
      },
    ],
    bad: [
      {
        title: 'A misspelt tag',
        files: { 'docs/tags.yml': TAGS_YML },
        source: '---\ntype: guide\ntags:\n  - runbook\n  - kubernets\n---\n',
        problems: [{ at: '5:5', message: 'Did you mean `kubernetes`?' }],
      },
      {
        title: 'A tag definition without a label',
        path: 'docs/tags.yml',
        source: 'runbook:\n  description: Procedures\n',
        problems: [{ at: '2:3', message: 'missing required key `runbook.label`' }],
      },
    ],
  },
  checkFile(file, project, report) {
    const tags = frontmatterData(file)?.['tags'];
    if (!Array.isArray(tags)) return;
    tags.forEach((tag, index) => {
      if (typeof tag !== 'string' || project.tags.byKey.has(tag)) return;
      const where = { offset: frontmatterValueOffset(file, ['tags', index]) };
      if (!project.tags.doc) {
        report(file, where, 'noTagList', { tag, tagsFile: TAGS_FILE });
        return;
      }
      report(file, where, 'unknownTag', { tag, tagsFile: TAGS_FILE }, { hint: didYouMean(tag, project.tags.byKey.keys()) });
    });
  },
  checkProject(project, report) {
    const { doc } = project.tags;
    if (!doc) return;
    const tagsRef = project.tags;
    if (doc.errors.length > 0) {
      for (const error of doc.errors) report(tagsRef, { offset: error.pos[0] }, 'yaml', { error: error.message.split('\n')[0]! });
      return;
    }
    const data: unknown = doc.toJS();
    const result = tagsFileSchema.safeParse(data ?? {});
    if (result.success) return;
    for (const { offset, message } of locateIssues(doc, data, result.error.issues, { allowedKeys: () => ['label', 'description', 'permalink'] })) {
      report(tagsRef, { offset }, 'schema', { text: message });
    }
  },
});
