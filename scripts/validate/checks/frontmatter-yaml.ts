import { defineCheck } from '../engine/check.ts';

const REFERENCE = 'see docs/contributing/frontmatter-reference.md';

export default defineCheck({
  id: 'frontmatter/yaml',
  description: 'Every doc starts with a closed frontmatter block holding a YAML mapping.',
  severity: 'error',
  local: true,
  messages: {
    emptyFile: 'file is empty; a doc needs frontmatter (type, title, description, owner, ...) and content ({reference})',
    unclosed: 'frontmatter opened with `---` on line 1 is never closed; add a `---` line after the last key',
    noFrontmatter: 'no frontmatter; every doc starts with a `---` line, its keys (type, title, ...) and a closing `---` ({reference})',
    duplicateKey: 'invalid YAML: this key is set more than once; keep one',
    yaml: 'invalid YAML: {error}',
    emptyFrontmatter: 'frontmatter is empty; add at least `type`, `title`, `description`, `owner`, `last_reviewed` and `review_interval`',
    notMapping: 'frontmatter must be a mapping of `key: value` lines, found {found}',
  },
  docs: {
    why:
      'The frontmatter says what a page is (its type, owner, runbook id, alerts, symptoms). Without ' +
      'it, or with YAML that does not parse, the page has no title, is missing from the runbook ' +
      'index and cannot be found by alert name or symptom.',
    fix:
      'Start the file with a line `---`, then `key: value` lines, then another `---`. Quote values ' +
      'that contain `: ` or start with a special character (`"Error: connection refused"`). ' +
      'A key may appear only once.',
    good: [
      {
        title: 'A closed block with a mapping',
        source: '---\ntype: guide\ntitle: "Error: quoting a colon"\n---\n\nBody.\n',
      },
    ],
    bad: [
      {
        title: 'No frontmatter',
        source: '# Restart the worker\n',
        problems: [{ at: '1:1', messageId: 'noFrontmatter', message: 'no frontmatter' }],
      },
      {
        title: 'Frontmatter never closed',
        source: '---\ntype: guide\ntitle: Restart the worker\n\n# Restart\n',
        problems: [{ at: '1:1', messageId: 'unclosed', message: 'never closed' }],
      },
      {
        title: 'An unquoted colon in a value',
        source: '---\ntype: runbook\nsymptoms:\n  - Error: connection refused: db\n---\n',
        problems: [{ at: '4:12', messageId: 'yaml', message: 'quote' }],
      },
      {
        title: 'A key written twice',
        source: '---\ntype: guide\ntitle: One\ntitle: Two\n---\n',
        problems: [{ at: '4:1', messageId: 'duplicateKey', message: 'more than once' }],
      },
      {
        title: 'A list instead of a mapping',
        source: '---\n- type: guide\n---\n',
        problems: [{ at: '2:1', messageId: 'notMapping', message: 'must be a mapping' }],
      },
    ],
  },
  checkFile(file, _project, report) {
    if (file.status !== 'ok') return;
    const start = { line: 1, column: 1 };
    if (file.source.trim() === '') {
      report(file, start, 'emptyFile', { reference: REFERENCE });
      return;
    }
    if (file.frontmatterUnclosed) {
      report(file, start, 'unclosed');
      return;
    }
    const fm = file.frontmatter;
    if (!fm) {
      report(file, start, 'noFrontmatter', { reference: REFERENCE });
      return;
    }
    if (fm.doc.errors.length > 0) {
      for (const error of fm.doc.errors) {
        const at = { offset: fm.offset + error.pos[0] };
        if (error.code === 'DUPLICATE_KEY') {
          report(file, at, 'duplicateKey');
          continue;
        }
        let message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        if (/Nested mappings|Implicit map keys|BLOCK_AS_IMPLICIT_KEY|MULTILINE_IMPLICIT_KEY/.test(`${error.code} ${message}`))
          message = `${message}; if the value contains \`: \`, quote it ("...")`;
        else if (error.code === 'BAD_INDENT' || error.code === 'TAB_AS_INDENT') message = `${message}; indent with spaces, consistently`;
        report(file, at, 'yaml', { error: message });
      }
      return;
    }
    const data = fm.data;
    if (data === null || data === undefined) {
      report(file, start, 'emptyFrontmatter');
    } else if (typeof data !== 'object' || Array.isArray(data)) {
      const found = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
      const node = fm.doc.contents;
      report(file, { offset: fm.offset + (node?.range?.[0] ?? 0) }, 'notMapping', { found });
    }
  },
});
