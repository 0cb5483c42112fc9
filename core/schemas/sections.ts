/**
 * Section contracts: the level-2 headings each doc type must have, in this order. Other level-2
 * headings may sit between them. The `content/sections` check enforces them; the contributing
 * guide renders them. One source of truth: change a contract here only.
 */
import type { DocType } from './frontmatter.ts';

export interface SectionContract {
  /** Level-2 headings, in order. */
  required: readonly string[];
  /** The level-2 heading the page must open with, right after the title and the introduction. */
  first?: string;
  /** Why the reader needs them, shown in messages and docs. */
  why: string;
}

export const SECTION_CONTRACTS: Partial<Record<DocType, SectionContract>> = {
  runbook: {
    required: ['First response', 'Symptoms', 'Impact', 'Diagnosis', 'Mitigation', 'Verification', 'Rollback', 'Escalation'],
    first: 'First response',
    why: 'the safe first steps and when to escalate, then from the alert to a verified fix, with a way back and someone to call',
  },
  procedure: {
    required: ['Prerequisites', 'Procedure', 'Verification', 'Rollback'],
    why: 'a planned task: what is needed first, the steps, the proof it worked and how to undo it',
  },
  troubleshooting: {
    required: ['First response', 'Symptoms', 'Diagnosis', 'Fixes', 'Verification'],
    first: 'First response',
    why: 'the safe first steps and when to escalate, then from what is seen to the cause, the fix for each cause and the proof it worked',
  },
  rollback: {
    required: ['Before you start', 'Procedure', 'Verification', 'Undo the rollback'],
    why: 'what to check first, the steps, the proof the old version is back and how to go forward again',
  },
  deployment: {
    required: ['Prerequisites', 'Verification'],
    why: 'what must be true before starting and how to prove the deployment worked',
  },
};
