import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { projectFromMemory } from '../../scripts/validate/engine/load.ts';
import { prepareChecks, runChecks } from '../../scripts/validate/engine/runner.ts';
import { BUILTINS, analyze } from '../../scripts/validate/commands/model.ts';
import { names, specFor, toolbox } from '../../scripts/validate/commands/specs.ts';
import { toSource } from '../../scripts/validate/commands/blocks.ts';
import { NOW, ROOT } from '../helpers/examples.ts';
import { mutations, optionNames } from '../../scripts/bench/commands-quality.ts';

const all = await loadChecks();
const commandChecks = all.filter((c) => c.id.startsWith('commands/'));
// The corpus uses the names of the upstream docs (nginx, kube-system, my-release), not the catalog's.
const corpusChecks = commandChecks.filter((c) => c.id !== 'commands/catalog');
const CORPUS = 'tests/fixtures/commands-corpus';

function project(files: Record<string, string>) {
  const p = projectFromMemory(ROOT, files, { strictReviews: false, now: NOW });
  p.targets = new Set(Object.keys(files));
  return p;
}

const corpus = Object.fromEntries(readdirSync(join(ROOT, CORPUS)).map((n) => [`${CORPUS}/${n}`, readFileSync(join(ROOT, CORPUS, n), 'utf8')]));

describe('real-world corpus (kubectl, Helm, git, psql, curl, openssl, redis-cli docs)', () => {
  it('validates with no problems', async () => {
    const p = project(corpus);
    await prepareChecks(p, corpusChecks);
    const problems = runChecks(p, corpusChecks).map((x) => `${x.file}:${x.line}:${x.column} ${x.rule} ${x.message}`);
    expect(problems).toEqual([]);
    const commands = p.files.flatMap((f) => analyze(f, p).flatMap((a) => a.commands));
    expect(commands.length).toBeGreaterThan(300);
  });
});


describe('typo mutations of the corpus', () => {
  it('catches every mutated command name, subcommand and flag', () => {
    const base = project(corpus);
    const known = new Set([...Object.keys(toolbox.tools), ...BUILTINS]);
    const mutants: Array<{ path: string; text: string; line: number; column: number; what: string }> = [];
    for (const file of base.files) {
      for (const a of analyze(file, base)) {
        for (const c of a.commands) {
          if (c.kind !== 'tool' || !c.interp || !c.name || !specFor(c.name) || c.wrappedBy) continue;
          const spec = specFor(c.name)!;
          const targets: Array<{ start: number; word: string; valid: (m: string) => boolean }> = [
            { start: c.command.name.start, word: c.name, valid: (m) => known.has(m) },
          ];
          const sub = c.interp.path[0];
          const subWord = c.command.args.find((w) => w.value === sub);
          if (sub && subWord && !spec.args) {
            targets.push({ start: subWord.start, word: sub, valid: (m) => (spec.subcommands ?? []).some((s) => names(s.name).includes(m)) });
          }
          const valid = optionNames(spec, c.interp.path);
          for (const o of c.interp.options) {
            if (!o.written.startsWith('--') || o.written.length < 5) continue;
            targets.push({ start: o.word.start, word: o.written, valid: (m) => valid.has(m) });
          }
          for (const t of targets) {
            for (const m of mutations(t.word)) {
              if (t.valid(m)) continue;
              const text = a.parsed.text.slice(0, t.start) + m + a.parsed.text.slice(t.start + t.word.length);
              const line = text.slice(0, t.start).split('\n').length;
              const lineText = text.split('\n')[line - 1]!;
              const md = `# Mutant\n\n:::danger\nReference.\n:::\n\n\`\`\`bash\n${lineText}\n\`\`\`\n`;
              const column = t.start - text.lastIndexOf('\n', t.start - 1);
              mutants.push({ path: `docs/mutant-${mutants.length}.md`, text: md, line: 8, column, what: `${t.word} → ${m}` });
            }
          }
        }
      }
    }
    expect(mutants.length).toBeGreaterThan(1000);
    const p = project(Object.fromEntries(mutants.map((m) => [m.path, m.text])));
    const checks = all.filter((c) => c.id === 'commands/unknown-command' || c.id === 'commands/flags');
    const problems = runChecks(p, checks);
    const at = new Set(problems.map((x) => `${x.file}:${x.line}:${x.column}`));
    const missed = mutants.filter((m) => !at.has(`${m.path}:${m.line}:${m.column}`)).map((m) => `${m.what} (${m.text.split('\n')[7]})`);
    expect(missed).toEqual([]);
  });
});

describe('robustness', () => {
  const shellish = fc.stringMatching(/^[a-z<>{}$"'`()|&;\\\-=. \n#*[\]]{0,80}$/);
  it('never crashes and reports inside the block, in lists and block quotes', () => {
    fc.assert(
      fc.property(shellish, fc.constantFrom('', '- ', '> ', '1. '), fc.constantFrom('bash', 'console', 'sh'), (body, container, lang) => {
        const indent = container === '' ? '' : container === '> ' ? '> ' : ' '.repeat(container.length);
        const lines = body.split('\n').map((l, i) => (i === 0 && container !== '> ' ? l : l));
        const fence = `${container}\`\`\`${lang}\n${lines.map((l) => `${indent}${l}`).join('\n')}\n${indent}\`\`\`\n`;
        const source = `# T\n\n${fence}`;
        const p = project({ 'docs/t.md': source });
        const problems = runChecks(p, commandChecks);
        expect(problems.filter((x) => x.rule === 'internal/check-crashed')).toEqual([]);
        const firstLine = 3;
        const lastLine = 3 + lines.length + 1;
        for (const x of problems) {
          expect(x.line).toBeGreaterThanOrEqual(firstLine);
          expect(x.line).toBeLessThanOrEqual(lastLine);
          const text = source.split('\n')[x.line - 1]!;
          expect(x.column).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps virtual offsets back through list indentation and quote markers exactly', () => {
    const source = '# T\n\n> - Step:\n>\n>   ```console\n>   $ kubectl get pods \\\n>       --namespce staging\n>   NAME READY\n>   ```\n';
    const p = project({ 'docs/t.md': source });
    const [a] = analyze(p.files[0]!, p);
    const word = a!.commands[0]!.command.args.find((w) => w.value === '--namespce')!;
    const offset = toSource(a!.block, word.start);
    expect(source.slice(offset, offset + 10)).toBe('--namespce');
    expect(a!.block.text.split('\n')[2]).toBe('');
  });
});
