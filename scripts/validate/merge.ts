/**
 * npm run validate:merge -- <report>... [--format json|sarif|pretty|github] [--output <file>]
 *
 * Combines the reports of `validate --shard k/n` jobs (JSON or SARIF, told apart by content) into
 * one, as if one job had checked every file: problems sorted and de-duplicated, counts added up.
 * Exit status: 0 no errors, 1 errors, 2 usage error (an unreadable or foreign report).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareProblems } from './engine/runner.ts';
import type { Problem, Severity } from './engine/types.ts';
import { FORMATS, reporters, type Format } from './reporters/index.ts';
import type { RuleInfo, RunResult } from './reporters/types.ts';

interface JsonReport {
  files: number;
  problems: Problem[];
  suppressed?: number;
  skipped?: RunResult['skipped'];
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; shortDescription?: { text: string }; defaultConfiguration?: { level?: string } }> } };
    results: Array<{
      ruleId: string;
      level?: string;
      message: { text: string };
      properties?: { messageId?: string };
      locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } } }>;
    }>;
    properties?: { files?: number };
  }>;
}

/** One report read back: its problems, rules and file count. */
function read(path: string): { problems: Problem[]; rules: RuleInfo[]; files: number; suppressed: number; skipped: NonNullable<RunResult['skipped']> } {
  const data = JSON.parse(readFileSync(path, 'utf8')) as JsonReport | SarifLog;
  if ('runs' in data && data.version === '2.1.0') {
    const problems: Problem[] = [];
    const rules: RuleInfo[] = [];
    let files = 0;
    for (const run of data.runs) {
      files += run.properties?.files ?? 0;
      for (const r of run.tool.driver.rules ?? []) {
        rules.push({ id: r.id, description: r.shortDescription?.text ?? r.id, severity: r.defaultConfiguration?.level === 'warning' ? 'warning' : 'error' });
      }
      for (const r of run.results) {
        const region = r.locations?.[0]?.physicalLocation?.region;
        problems.push({
          file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
          line: region?.startLine ?? 1,
          column: region?.startColumn ?? 1,
          rule: r.ruleId,
          ...(r.properties?.messageId ? { messageId: r.properties.messageId } : {}),
          severity: (r.level === 'warning' ? 'warning' : 'error') as Severity,
          message: r.message.text,
        });
      }
    }
    return { problems, rules, files, suppressed: 0, skipped: [] };
  }
  if ('problems' in data && Array.isArray(data.problems) && typeof data.files === 'number') {
    return { problems: data.problems, rules: [], files: data.files, suppressed: data.suppressed ?? 0, skipped: data.skipped ?? [] };
  }
  throw new Error(`${path} is neither a validate JSON report nor a SARIF 2.1.0 log`);
}

export function mergeReports(paths: string[]): RunResult {
  const parts = paths.map(read);
  const seen = new Set<string>();
  const problems = parts
    .flatMap((p) => p.problems)
    .filter((p) => {
      const key = `${p.file}\0${p.line}\0${p.column}\0${p.rule}\0${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort(compareProblems);
  const rules = new Map<string, RuleInfo>();
  for (const part of parts) for (const r of part.rules) if (!r.id.includes(':')) rules.set(r.id, r);
  const suppressed = parts.reduce((n, p) => n + p.suppressed, 0);
  return {
    files: parts.reduce((n, p) => n + p.files, 0),
    problems,
    ...(suppressed > 0 ? { suppressed: { merged: suppressed } } : {}),
    ...(parts.some((p) => p.skipped.length > 0) ? { skipped: parts.flatMap((p) => p.skipped) } : {}),
    ...(rules.size > 0 ? { rules: [...rules.values()] } : {}),
    elapsedMs: 0,
  };
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { format: { type: 'string', default: 'json' }, output: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`validate:merge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format) || parsed.positionals.length === 0) {
    process.stderr.write(`Usage: npm run validate:merge -- <report.json|report.sarif>... [--format ${FORMATS.join('|')}] [--output <file>]\n`);
    process.exit(2);
  }
  let merged: RunResult;
  try {
    merged = mergeReports(parsed.positionals);
  } catch (error) {
    process.stderr.write(`validate:merge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const text = reporters[format](merged, { color: false });
  if (parsed.values.output) writeFileSync(parsed.values.output, text);
  else process.stdout.write(text);
  process.exitCode = merged.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
