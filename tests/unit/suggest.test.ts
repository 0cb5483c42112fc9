import { describe, expect, it } from 'vitest';
import { closest, withHint, closestBySharedWords, typoDistance } from '../../scripts/validate/engine/suggest.ts';

describe('did you mean', () => {
  it('suggests the closest candidate for a typo, ignoring case', () => {
    expect(closest('descripton', ['description', 'title'])).toBe('description');
    expect(closest('sev2', ['SEV1', 'SEV2'])).toBe('SEV2');
    expect(closest('kubctl', ['kubectl', 'helm'])).toBe('kubectl');
  });
  it('counts two swapped letters as one typo, so the swapped word wins over a two-letter substitution', () => {
    expect(closest('lsit', ['create', 'edit', 'list', 'view'])).toBe('list');
    expect(closest('stauts', ['status', 'start'])).toBe('status');
    expect(typoDistance('lsit', 'list')).toBe(1);
    expect(typoDistance('lsit', 'edit')).toBe(2);
    expect(typoDistance('kubectl', 'kubectl')).toBe(0);
  });
  it('suggests nothing when nothing is close, or the input is already right', () => {
    expect(closest('zzzzzz', ['description', 'title'])).toBeUndefined();
    expect(closest('title', ['title'])).toBeUndefined();
  });
  it('joins hints as sentences', () => {
    expect(withHint('unknown key `x`', 'Did you mean `y`?')).toBe('unknown key `x`. Did you mean `y`?');
    expect(withHint('done.', '')).toBe('done.');
  });
});

describe('closestBySharedWords (renamed headings, moved files)', () => {
  it('finds the candidate that kept the most words', () => {
    expect(closestBySharedWords('switch-traffic', ['install-on-the-idle-colour', 'switch-the-services', 'canary'])).toBe('switch-the-services');
    expect(closestBySharedWords('rb-003-crashloopbackoff.md', ['rb-001-deployment-fails-to-start.md', 'rb-003-pods-crashlooping.md'])).toBe(
      'rb-003-pods-crashlooping.md',
    );
  });
  it('suggests nothing on a tie or without a shared word', () => {
    expect(closestBySharedWords('switch-traffic', ['switch-blue', 'switch-green'])).toBeUndefined();
    expect(closestBySharedWords('rollback', ['verification', 'escalation'])).toBeUndefined();
  });
});
