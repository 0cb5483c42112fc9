/**
 * Credentials in commands: secretlint's recommended rules over each block's text (async, run in the
 * check's `prepare` and cached by block text), plus command-aware rules: `--password`, `-a`
 * (redis-cli), `--from-literal`, `-u user:pass`, `Authorization:` headers, URLs with passwords and
 * secret-named variables, which accept placeholders and reject real-looking values.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { TextMemo } from '../engine/disk-cache.ts';
import { closed, type ResolvedCommand } from './model.ts';
import type { ParsedShell, Word } from './parse.ts';
import { patchSecretlintProfiler, type PatchResult } from './secretlint-profiler-patch.ts';

export interface Finding {
  start: number;
  message: string;
}

const requireHere = createRequire(import.meta.url);
const coreVersion = (requireHere('@secretlint/core/package.json') as { version: string }).version;

/** Whether the profiler patch applied in this process (undefined until secretlint is loaded). */
export let profilerPatch: PatchResult | undefined;

/** secretlint is imported on the first block not in the disk cache: a warm run never loads it. */
let secretlint: Promise<{ lintSource: typeof import('@secretlint/core').lintSource; config: Parameters<typeof import('@secretlint/core').lintSource>[0]['options']['config'] }> | undefined;
const loadSecretlint = () =>
  (secretlint ??= Promise.all([
    // The profiler instance @secretlint/core itself imports (resolved from core, not from here).
    import(pathToFileURL(createRequire(requireHere.resolve('@secretlint/core')).resolve('@secretlint/profiler')).href) as Promise<typeof import('@secretlint/profiler')>,
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
  ]).then(([profiler, core, preset]) => {
    // secretlint 12's always-on profiler is quadratic: see secretlint-profiler-patch.ts.
    profilerPatch = patchSecretlintProfiler(profiler, coreVersion);
    return {
      lintSource: core.lintSource,
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] },
    };
  }));
/** Unbounded: `secretlintFindings` must find every text `prepareSecretlint` ran on. */
const memo = new TextMemo<Finding[]>('secretlint', Infinity);

/** Runs secretlint on `text` (once per distinct text; across runs, the findings come from the disk cache). */
export async function prepareSecretlint(text: string): Promise<void> {
  if (memo.get(text)) return;
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({ source: { content: text, filePath: 'block.sh', ext: '.sh', contentType: 'text' }, options: { config, maskSecrets: true } });
  memo.set(text, result.messages.map((m) => ({ start: m.range[0], message: `${m.message} (secretlint ${m.ruleId.replace('@secretlint/secretlint-rule-', '')})` })));
}

/** secretlint's findings for `text`, or null when `prepareSecretlint` did not run for it. */
export function secretlintFindings(text: string): Finding[] | null {
  return memo.peek(text) ?? null;
}

const PLACEHOLDER = /^(?:<[^>]*>|\{\{.*\}\}|\$\{?\w+\}?|\$\(.*\)|x+|X+|\*+|\.+|…|redacted|placeholder|example|changeme|password|secret|token|your[-_][\w-]+|my[-_][\w-]+|\w+[-_](?:password|token|secret|key))$/i;

/** A value that is not a placeholder, an expansion or an obvious dummy. */
export function realLooking(value: string): boolean {
  const v = value.trim().replace(/^['"]|['"]$/g, '');
  if (v === '' || PLACEHOLDER.test(v) || v.includes('$')) return false;
  return v.length >= 4;
}

const SECRET_FLAGS = new Set(['--password', '--pass', '--token', '--kube-token', '--client-secret', '--secret', '--api-key', '--access-key', '--secret-key', '--passphrase']);
const SECRET_NAME = /(PASS(WORD)?|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|AUTH|CREDENTIALS?)$/i;

const valueOf = (w: Word | { value: string | null; raw: string; start: number; open: boolean } | undefined) =>
  w ? (w.open ? null : w.value) : null;

export function commandSecrets(c: ResolvedCommand, parsed: ParsedShell): Finding[] {
  const out: Finding[] = [];
  const i = c.interp;
  if (i) {
    for (const o of i.options) {
      const v = valueOf(o.value);
      if (v === null) continue;
      const flag = o.written;
      const redisAuth = i.tool === 'redis-cli' && (flag === '-a' || flag === '--pass');
      if ((SECRET_FLAGS.has(flag) || redisAuth) && realLooking(v)) {
        out.push({ start: o.value!.start, message: `\`${flag}\` has a literal credential; use a placeholder or a variable (\`"$PASSWORD"\`) and say where to get it` });
      }
      if (flag === '--from-literal') {
        const eq = v.indexOf('=');
        if (eq > 0 && SECRET_NAME.test(v.slice(0, eq)) && realLooking(v.slice(eq + 1))) {
          out.push({ start: o.value!.start, message: `\`--from-literal=${v.slice(0, eq)}=…\` has a literal secret; use \`--from-file\` or a variable` });
        }
      }
      if (i.tool === 'helm' && (flag === '--set' || flag === '--set-string')) {
        for (const pair of v.split(',')) {
          const eq = pair.indexOf('=');
          if (eq > 0 && SECRET_NAME.test(pair.slice(0, eq).split('.').pop()!) && realLooking(pair.slice(eq + 1))) {
            out.push({ start: o.value!.start, message: `\`--set ${pair.slice(0, eq)}=…\` has a literal secret; use a variable or a values file kept out of the docs` });
          }
        }
      }
      if (i.tool === 'curl' && (flag === '-u' || flag === '--user')) {
        const colon = v.indexOf(':');
        if (colon >= 0 && realLooking(v.slice(colon + 1))) out.push({ start: o.value!.start, message: '`-u user:password` has a literal password; use `-u "$USER:$PASSWORD"` or a placeholder' });
      }
    }
  }
  for (const w of c.command.args) {
    // `-H "Authorization: Bearer …"` (also as a dynamic string: check what follows the scheme).
    const auth = /Authorization:\s*(?:Bearer|Basic|token|Token)?\s*([^"'\s]+)/.exec(w.raw);
    if (auth && realLooking(auth[1]!)) out.push({ start: w.start + auth.index, message: '`Authorization:` header has a literal credential; use `"Authorization: Bearer $TOKEN"`' });
    // URLs with a password: scheme://user:pass@host
    const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/i.exec(w.raw);
    if (url && realLooking(url[1]!)) out.push({ start: w.start + url.index, message: 'URL has a literal password; use a variable (`$PGPASSWORD`) or `<password>`' });
  }
  // `PGPASSWORD=… psql`, `export API_TOKEN=…`
  for (const w of c.command.args) {
    const m = /^([A-Za-z_]\w*)=(.+)$/s.exec(w.raw);
    if ((c.name === 'export' || c.name === 'env') && m && SECRET_NAME.test(m[1]!) && realLooking(m[2]!)) {
      out.push({ start: w.start + m[1]!.length + 1, message: `\`${m[1]}\` is set to a literal secret; read it from the secret store instead` });
    }
  }
  void parsed;
  return out;
}

/** `PGPASSWORD=… psql …` assignments before a command, found in the block text. */
export function assignmentSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w*)=("[^"]*"|'[^']*'|[^\s;&|]+)/g)) {
    const name = m[1]!;
    if (!SECRET_NAME.test(name) || !realLooking(m[2]!)) continue;
    out.push({ start: m.index + m[0].indexOf(name) + name.length + 1, message: `\`${name}\` is set to a literal secret; read it from the secret store instead` });
  }
  return out;
}

export { closed };
