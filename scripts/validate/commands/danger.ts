/**
 * Which commands destroy something, and which target production.
 */
import type { CommandFacts } from './catalog-facts.ts';
import { closed, type ResolvedCommand } from './model.ts';
import type { Word } from './parse.ts';
import { optionValue } from './specs.ts';

const SQL_DESTRUCTIVE = /\b(DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|ROLE|USER)|TRUNCATE)\b/i;
const REDIS_DESTRUCTIVE = /^(FLUSHALL|FLUSHDB)$/i;

/** `kubectl delete`, `rm -rf`… : the command's description when it is destructive, else null. */
export function destructive(c: ResolvedCommand): { what: string; at: number } | null {
  const i = c.interp;
  const name = c.name;
  if (!name) return null;
  const at = c.command.name.start;
  const words = c.command.args;
  const flags = (w: Word) => closed(w) ?? '';
  if (i && optionValue(i, '--dry-run')) return null;
  if (name === 'kubectl' && i) {
    const verb = i.path[0];
    if (verb === 'delete' || verb === 'drain') return { what: `kubectl ${verb}`, at };
    if (verb === 'scale') {
      const replicas = closed(optionValue(i, '--replicas')?.value as Word | undefined);
      if (replicas === '0') return { what: 'kubectl scale --replicas=0', at };
    }
  }
  if (name === 'helm' && i && ['uninstall', 'delete', 'del', 'un'].includes(i.path[0] ?? '')) return { what: 'helm uninstall', at };
  if (name === 'terraform' && words.some((w) => closed(w) === 'destroy')) return { what: 'terraform destroy', at };
  if (name === 'rm' && words.some((w) => /^-[a-zA-Z]*[rR]/.test(flags(w)) || flags(w) === '--recursive')) return { what: 'rm -r', at };
  if (name === 'git' && i && i.path[0] === 'push') {
    if (optionValue(i, '--force', '-f') || i.positionals.some((w) => closed(w)?.startsWith('+'))) return { what: 'git push --force', at };
  }
  if (name === 'redis-cli' && words.some((w) => REDIS_DESTRUCTIVE.test(closed(w) ?? ''))) return { what: 'redis-cli FLUSHALL/FLUSHDB', at };
  if (name === 'psql' || name === 'pg_restore') {
    const sql = [...words.map((w) => w.raw), ...c.command.heredocs.map((h) => h.text)].join('\n');
    const m = SQL_DESTRUCTIVE.exec(sql);
    if (m) return { what: `${m[1]!.replace(/\s+/g, ' ').toUpperCase()} in SQL passed to ${name}`, at };
    if (name === 'pg_restore' && i && optionValue(i, '-c', '--clean')) return { what: 'pg_restore --clean', at };
  }
  return null;
}

/** Why a command targets production (its namespace, context, release or host), or null. */
export function targetsProduction(c: ResolvedCommand, facts: CommandFacts): string | null {
  const p = facts.production;
  const i = c.interp;
  if (i) {
    const ns = closed(optionValue(i, '-n', '--namespace')?.value as Word | undefined);
    if (ns !== undefined && ns === p.namespace) return `namespace \`${ns}\``;
    const ctx = closed(optionValue(i, '--context', '--kube-context')?.value as Word | undefined);
    if (ctx !== undefined && ctx === p.context) return `context \`${ctx}\``;
    if (i.tool === 'helm') {
      const release = closed(i.positionals[0]);
      if (release && p.releases.includes(release)) return `release \`${release}\``;
    }
  }
  for (const w of c.command.args) {
    const host = p.hosts.find((h) => w.raw.includes(h));
    if (host) return `host \`${host}\``;
  }
  return null;
}

/** A dry run or an explicit confirmation: `--dry-run`, `kubectl diff`, `read -p`, `-i/--interactive`. */
export function isSafetyStep(c: ResolvedCommand): boolean {
  const i = c.interp;
  if (i && optionValue(i, '--dry-run')) return true;
  if (c.name === 'kubectl' && i?.path[0] === 'diff') return true;
  if (c.name === 'read' && c.command.args.some((w) => /^-\w*p/.test(closed(w) ?? ''))) return true;
  return false;
}

export function confirmsItself(c: ResolvedCommand): boolean {
  return !!(c.interp && optionValue(c.interp, '-i', '--interactive') && c.name === 'kubectl');
}
