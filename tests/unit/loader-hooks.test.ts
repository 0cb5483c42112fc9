/**
 * The validator's loader hook (scripts/validate/engine/loader-hooks.mjs) drops one statement of
 * unist-util-visit-parents: the naming of its closures. It must still apply to the installed
 * version, and the walk must be the package's own: same nodes, same order, same parents, same
 * actions, on any tree, test and visitor (fast-check), with and without the statement.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NAMING, withoutNaming } from '../../scripts/validate/engine/loader-hooks.mjs';
import { ROOT } from '../helpers/examples.ts';

const SOURCE_FILE = join(ROOT, 'node_modules', 'unist-util-visit-parents', 'lib', 'index.js');
const source = readFileSync(SOURCE_FILE, 'utf8');

type Node = { type: string; id: number; children?: Node[] };
type VisitParents = (tree: Node, test: unknown, visitor: (node: Node, parents: Node[]) => unknown, reverse?: boolean) => void;

// The patched module, loaded from a temporary folder that resolves the same packages.
const dir = mkdtempSync(join(tmpdir(), 'loader-hooks-'));
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
writeFileSync(join(dir, 'patched.mjs'), withoutNaming(source));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the unist-util-visit-parents hook', () => {
  it('applies to the installed version: the naming statement is there once, and only it goes', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'unist-util-visit-parents', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('6.1.0');
    expect(source.match(new RegExp(NAMING.source, 'g'))).toHaveLength(1);
    const patched = withoutNaming(source);
    expect(patched).not.toMatch(NAMING);
    expect(patched.length).toBeLessThan(source.length);
    expect(patched.replace('void 0', source.match(NAMING)![0])).toBe(source);
  });

  it('walks every tree exactly as the package does', async () => {
    const original = (await import(pathToFileURL(SOURCE_FILE).href)) as { visitParents: VisitParents; SKIP: unknown; EXIT: unknown; CONTINUE: unknown };
    const patched = (await import(pathToFileURL(join(dir, 'patched.mjs')).href)) as typeof original;
    let next = 0;
    const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.record({ type: fc.constantFrom('a', 'b', 'c'), kids: fc.option(fc.array(tie('node'), { maxLength: 4 }), { nil: undefined }) }).map(({ type, kids }) => ({ type, id: next++, ...(kids ? { children: kids } : {}) })),
    })).node;
    const tests = fc.constantFrom<unknown>(undefined, 'a', ['a', 'b'], { type: 'c' }, (n: Node) => n.id % 2 === 0);
    const actions = fc.array(fc.constantFrom('continue', 'skip', 'exit', 'none', 'jump'), { minLength: 1, maxLength: 6 });
    const walk = (mod: typeof original, root: Node, test: unknown, plan: string[], reverse: boolean) => {
      const seen: string[] = [];
      let step = 0;
      try {
        mod.visitParents(root, test, (node, parents) => {
          seen.push(`${node.type}${node.id}/${parents.map((p) => p.id).join('.')}`);
          const action = plan[step++ % plan.length];
          if (action === 'continue') return mod.CONTINUE;
          if (action === 'skip') return mod.SKIP;
          if (action === 'exit') return mod.EXIT;
          // Jump past the next sibling (an index result); never backwards, so every walk ends.
          if (action === 'jump') return [mod.CONTINUE, (parents.at(-1)?.children?.indexOf(node) ?? 0) + (reverse ? -2 : 2)];
          return undefined;
        }, reverse);
      } catch (error) {
        seen.push(`threw ${(error as Error).message}`);
      }
      return seen;
    };
    fc.assert(
      fc.property(tree, tests, actions, fc.boolean(), (root, test, plan, reverse) => {
        expect(walk(patched, root, test, plan, reverse)).toEqual(walk(original, root, test, plan, reverse));
      }),
      { numRuns: 500 },
    );
  });
});
