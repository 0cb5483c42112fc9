/**
 * Interactive confirmations (`read -r -p "Type yes: " answer`) and whether their answer gates what
 * follows: a test of the variable (`[[ $answer == yes ]] &&`, `if [ "$answer" = yes ]`, `case $answer`)
 * between the prompt and the command. A prompt whose answer nobody tests confirms nothing.
 */
import { closed, type BlockAnalysis, type ResolvedCommand } from './model.ts';

/** Options of bash's `read` that take a value. */
const READ_VALUE_FLAGS = new Set(['-p', '-n', '-N', '-t', '-d', '-u', '-a', '-i', '-e']);

/** The variable a prompting `read` stores the answer in (`REPLY` when none is named), or null when it does not prompt. */
export function promptVariable(c: ResolvedCommand): string | null {
  if (c.name !== 'read') return null;
  let prompts = false;
  const names: string[] = [];
  const args = c.command.args;
  for (let k = 0; k < args.length; k++) {
    const v = closed(args[k]) ?? '';
    if (/^-[a-zA-Z]+$/.test(v)) {
      if (v.includes('p')) prompts = true;
      const last = `-${v.slice(-1)}`;
      if (READ_VALUE_FLAGS.has(last) && last !== '-e') k++;
      continue;
    }
    if (/^[A-Za-z_]\w*$/.test(v)) names.push(v);
  }
  if (!prompts) return null;
  return names[names.length - 1] ?? 'REPLY';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` (shell between the prompt and a command) tests `variable`. */
export function testsVariable(text: string, variable: string): boolean {
  const ref = `\\$\\{?${escape(variable)}\\b`;
  return new RegExp(`\\[\\[?[^\\]\\n]*${ref}|\\btest\\b[^\\n]*${ref}|\\bcase\\s+"?${ref}|\\(\\([^)]*${ref}`).test(text);
}

/** Whether the answer of the prompting `read` `c` is tested later in its block. */
export function answerIsTested(a: BlockAnalysis, c: ResolvedCommand): boolean {
  const variable = promptVariable(c);
  return variable !== null && testsVariable(a.block.text.slice(c.command.end), variable);
}
