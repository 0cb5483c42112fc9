import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import {
  fillPlaceholders,
  markPlaceholders,
  MARK,
  placeholderNames,
  splitMarked,
  stripMarkers,
} from '../../src/placeholders/text.ts';
import { planPlaceholderForm } from '../../src/remark/placeholder-form.ts';
import remarkChecklists, { keyTaskItems } from '../../src/remark/checklists.ts';
import { itemKey } from '../../src/checklists/key.ts';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

describe('placeholders in shell commands', () => {
  it('finds <names> of [a-z0-9-], in order, once each', () => {
    expect(placeholderNames('kubectl logs <pod-name> -n <namespace> && kubectl get pod <pod-name> -n <namespace>')).toEqual([
      'pod-name',
      'namespace',
    ]);
  });

  it('finds upper-case and dotted names too, as the validator does (one grammar, core/shell.ts)', () => {
    expect(placeholderNames('vault kv patch -mount=secret platform/<environment> <KEY>=- && echo <a.b>')).toEqual(['environment', 'KEY', 'a.b']);
  });

  it.each([
    ['heredoc', 'cat <<EOF > /tmp/x\nhello\nEOF'],
    ['heredoc, lower case', 'psql <<sql>'],
    ['redirections', 'openssl s_client -connect host:443 </dev/null 2>&1 | tee out.txt < in.txt'],
    ['process substitution', 'diff <(ls a) <(ls b)'],
    ['HTML', "curl -s https://app.example.com | grep -o '<title>.*</title>'"],
  ])('ignores %s', (_, code) => {
    expect(placeholderNames(code)).toEqual([]);
  });

  it('fills the ones with a value, keeps the others as written, copies without markers', () => {
    const code = 'kubectl get pods -n <namespace> -l app=<service> </dev/null';
    const marked = markPlaceholders(code, { namespace: 'production' });
    expect(marked).toBe(`kubectl get pods -n ${MARK.filledOpen}production${MARK.filledClose} -l app=${MARK.emptyOpen}<service>${MARK.emptyClose} </dev/null`);
    expect(stripMarkers(marked)).toBe('kubectl get pods -n production -l app=<service> </dev/null');
    expect(fillPlaceholders(code, { namespace: 'a\nb', service: '' })).toBe('kubectl get pods -n a b -l app=<service> </dev/null');
  });

  it('splits highlighted tokens at the markers, across tokens', () => {
    const state = { mark: null as 'filled' | 'empty' | null };
    expect(splitMarked(`-n ${MARK.filledOpen}prod`, state)).toEqual([
      { text: '-n ', mark: null },
      { text: 'prod', mark: 'filled' },
    ]);
    expect(splitMarked(`uction${MARK.filledClose} -l`, state)).toEqual([
      { text: 'uction', mark: 'filled' },
      { text: ' -l', mark: null },
    ]);
  });
});

describe('placeholders form (remark)', () => {
  const page = [
    'Intro.',
    '',
    '## Variables',
    '',
    '| Placeholder | Meaning | Example |',
    '| --- | --- | --- |',
    '| `<namespace>` | `staging` or `production` | `production` |',
    '| `<table>` | A table (SQL only) | `orders` |',
    '',
    '## Diagnosis',
    '',
    '1. Look:',
    '',
    '   ```bash',
    '   kubectl logs <pod-name> -n <namespace>',
    '   ```',
    '',
    '```sql',
    'SELECT * FROM <table>;',
    '```',
  ].join('\n');

  it('one field per placeholder of the shell blocks, hints from the Variables table, after the table', () => {
    const tree = parse(page);
    const plan = planPlaceholderForm(tree)!;
    expect(plan.fields).toEqual([
      { name: 'namespace', meaning: 'staging or production', example: 'production' },
      { name: 'pod-name' },
    ]);
    expect(tree.children[plan.index - 1]!.type).toBe('table');
  });

  it('without a Variables table, before the block holding the first command', () => {
    const tree = parse('Intro.\n\n## Steps\n\n- Run:\n\n  ```sh\n  kubectl get ns <namespace>\n  ```\n');
    const plan = planPlaceholderForm(tree)!;
    expect(tree.children[plan.index]!.type).toBe('list');
  });

  it('before a First response command that comes above the Variables table', () => {
    const tree = parse(
      '## First response\n\n1. Look:\n\n   ```bash\n   kubectl get pods -n <namespace>\n   ```\n\n## Variables\n\n| Placeholder | Meaning | Example |\n| --- | --- | --- |\n| `<namespace>` | staging or production | `production` |\n',
    );
    const plan = planPlaceholderForm(tree)!;
    expect(tree.children[plan.index]!.type).toBe('list');
    expect(plan.fields).toEqual([{ name: 'namespace', meaning: 'staging or production', example: 'production' }]);
  });

  it('no form without placeholders in shell commands', () => {
    expect(planPlaceholderForm(parse('```yaml\nname: <namespace>\n```\n\n```bash\ncat <<EOF\nx\nEOF\n```\n'))).toBeNull();
  });
});

describe('checklists (remark)', () => {
  const markdown = '## Before\n\n- [ ] One\n- [x] Two `code`\n  - [ ] Nested\n\n## After\n\n- [ ] One\n';

  it('keys items by position and text; an edit changes the key', () => {
    const items = keyTaskItems(parse(markdown));
    expect(items.map((item) => item.checked)).toEqual([false, true, false, false]);
    expect(items[0]!.key).toBe(itemKey(0, 'One'));
    expect(items[3]!.key).toBe(itemKey(3, 'One'));
    expect(items[1]!.key).toBe(itemKey(1, 'Two code'));
    expect(keyTaskItems(parse(markdown.replace('Two', 'Second')))[1]!.key).not.toBe(items[1]!.key);
  });

  it('adds the progress before the first task list’s heading on checklist pages only', () => {
    const transform = remarkChecklists();
    const tree = parse(markdown);
    transform(tree, { data: { frontMatter: { type: 'checklist' } } });
    expect((tree.children[0] as unknown as { name: string }).name).toBe('ChecklistProgress');
    const guide = parse(markdown);
    transform(guide, { data: { frontMatter: { type: 'guide' } } });
    expect(guide.children[0]!.type).toBe('heading');
  });
});
