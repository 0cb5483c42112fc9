/** The home page search logic, without a browser: what matches what, and in which order. */
import { describe, expect, test } from 'vitest';
import { indexEntries, search } from '../../src/components/HandbookSearch/search.ts';
import type { DocIndexEntry } from '../../src/plugins/doc-index/index.ts';

const entries: DocIndexEntry[] = [
  {
    permalink: '/docs/troubleshooting/pods',
    source: 'docs/troubleshooting/pods.md',
    title: 'Troubleshooting pods that crash-loop',
    description: 'Why pods end up in CrashLoopBackOff and how to tell the causes apart.',
    type: 'troubleshooting',
    services: ['api-gateway'],
    symptoms: ['CrashLoopBackOff'],
  },
  {
    permalink: '/docs/runbooks/rb-001',
    source: 'docs/runbooks/rb-001.md',
    title: 'Pods crash-looping',
    description: 'Pods restart over and over.',
    type: 'runbook',
    runbook_id: 'RB-001',
    severity: 'SEV2',
    services: ['api-gateway'],
    alerts: ['KubePodCrashLooping'],
    symptoms: ['Back-off restarting failed container', 'CrashLoopBackOff'],
  },
  {
    permalink: '/docs/runbooks/rb-002',
    source: 'docs/runbooks/rb-002.md',
    title: 'Image cannot be pulled',
    description: 'New pods stay Pending.',
    type: 'runbook',
    runbook_id: 'RB-002',
    severity: 'SEV3',
    services: ['web'],
    alerts: ['KubeImagePullBackOff'],
    symptoms: ['ImagePullBackOff', 'Error: connection refused: registry.example.com:443'],
  },
];
const index = indexEntries(entries);
const ids = (query: string) => search(index, query).map((hit) => hit.entry.runbook_id ?? hit.entry.type);

describe('search', () => {
  test.each([
    ['rb-001', 'RB-001'],
    ['RB001', 'RB-001'],
    ['rb 002', 'RB-002'],
    ['crashloop', 'RB-001'],
    ['ImagePullBackOff', 'RB-002'],
    ['imagepull', 'RB-002'],
    ['error:connection refused', 'RB-002'],
    ['registry.example.com', 'RB-002'],
    ['back off restarting', 'RB-001'],
    ['web', 'RB-002'],
  ])('%s finds %s first', (query, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  test('runbooks rank above other pages, even when the other page matches better', () => {
    expect(ids('CrashLoopBackOff')).toEqual(['RB-001', 'troubleshooting']);
    expect(ids('api-gateway')).toEqual(['RB-001', 'troubleshooting']);
  });

  test('every word must match; empty queries show nothing', () => {
    expect(ids('crashloop registry')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(ids('kubernetes-does-not-say-this')).toEqual([]);
  });

  test('the matching symptom or alert is shown with the result', () => {
    expect(search(index, 'connection refused')[0]?.matched).toBe('Error: connection refused: registry.example.com:443');
  });
});
