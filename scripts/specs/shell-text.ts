/** Shell text read as the corpus extractors read it: is a command still unfinished at this line? */

/** Is a quote still open (escaped quotes do not count)? */
export function openQuote(text: string): boolean {
  const bare = text.replace(/\\./g, '');
  return (bare.replace(/"[^"]*"/g, '').match(/'/g) ?? []).length % 2 === 1 || (bare.replace(/'[^']*'/g, '').match(/"/g) ?? []).length % 2 === 1;
}

/** Is the shell text unfinished: an open quote (outside comments), or a loop or `if` not yet closed? */
export function openShell(text: string): boolean {
  const code = text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  if (openQuote(code)) return true;
  const words = code.replace(/\\./g, '').split(/[\s;]+/);
  const count = (w: string) => words.filter((x) => x === w).length;
  return count('for') + count('while') + count('until') > count('done') || count('if') > count('fi');
}
