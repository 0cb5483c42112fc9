import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durationPattern, parseDuration } from '../../core/duration.ts';
import { intervalDays, isOverdue } from '../../core/review.ts';
import { isDocPath } from '../../core/files.ts';
import { reviewInterval } from '../../core/schemas/frontmatter.ts';
import { loadConfig } from '../../scripts/links/config.ts';
import { walk } from '../../scripts/validate/engine/load.ts';
import { placeholderNames } from '../../src/placeholders/text.ts';
import { rewritePlaceholders } from '../../scripts/validate/commands/placeholders.ts';

describe('one duration grammar (core/duration.ts)', () => {
  it('reads `m` as minutes in the link checker and in procedure durations alike', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    const dir = mkdtempSync(join(tmpdir(), 'links-config-'));
    writeFileSync(join(dir, 'links.config.yml'), 'timeout: 2m\n');
    const loaded = loadConfig(dir);
    expect(loaded.config?.timeout).toBe(120_000);
  });

  it('refuses `6m` as a review interval, explaining that it would be six minutes', () => {
    const result = reviewInterval.safeParse('6m');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('`m` means minutes');
    expect(intervalDays('6m')).toBeUndefined();
    expect(intervalDays('12w')).toBe(84);
    expect(isOverdue('2026-01-01', '6m', new Date('2027-01-01'))).toBe(false);
    expect(isOverdue('2026-01-01', '180d', new Date('2027-01-01'))).toBe(true);
  });

  it('exports the same grammar as a JSON Schema pattern', () => {
    const pattern = durationPattern(['d', 'w']);
    for (const text of ['90d', '12w', '1w2d']) expect(pattern.test(text), text).toBe(true);
    for (const text of ['6m', '2d1w', 'd', '']) expect(pattern.test(text), text).toBe(false);
  });
});

describe('which files are docs (core/files.ts, Docusaurus rules)', () => {
  it('leaves out partials and test files as Docusaurus does', () => {
    expect(isDocPath('runbooks/rb-001.md')).toBe(true);
    expect(isDocPath('runbooks/_shared-steps.md')).toBe(false);
    expect(isDocPath('_partials/steps.mdx')).toBe(false);
    const root = mkdtempSync(join(tmpdir(), 'docs-walk-'));
    mkdirSync(join(root, 'docs', '_partials'), { recursive: true });
    writeFileSync(join(root, 'docs', 'page.md'), '# Page\n');
    writeFileSync(join(root, 'docs', '_snippet.md'), '# Snippet\n');
    writeFileSync(join(root, 'docs', '_partials', 'steps.md'), '# Steps\n');
    expect(walk(root, 'docs')).toEqual(['docs/page.md']);
  });
});

describe('one placeholder grammar (core/shell.ts)', () => {
  it('gives the site form and the validator the same placeholders', () => {
    const command = 'vault kv patch -mount=secret platform/<environment> <KEY>=- && cat <<EOF\nx\nEOF';
    expect(placeholderNames(command)).toEqual(['environment', 'KEY']);
    expect(rewritePlaceholders(command).placeholders.filter((p) => p.kind === 'angle').map((p) => p.name)).toEqual(['environment', 'KEY']);
  });
});
