/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), for GitHub code scanning and any
 * other SARIF viewer: one run, the checks as rules (each with its docs page as `helpUri`), one
 * result per problem with its region. Validated against the official schema in the tests.
 */
import { SITE_SETTINGS } from '../../../core/site/settings.ts';
import type { Problem } from '../engine/types.ts';
import type { Reporter, RuleInfo } from './types.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL = 'ops-handbook-validate';

const helpUri = (rule: string) => `${SITE_SETTINGS.url}${SITE_SETTINGS.baseUrl.replace(/\/+$/, '')}${SITE_SETTINGS.checkPage(rule)}`;

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' };
}

/** The rules of the run: every check, plus each sub-rule id (`remark-lint:heading-increment`) that has results. */
function rulesOf(known: readonly RuleInfo[], problems: readonly Problem[]): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  const add = (id: string, description: string, severity: 'error' | 'warning') =>
    rules.set(id, { id, shortDescription: { text: description }, helpUri: helpUri(id), defaultConfiguration: { level: severity } });
  for (const r of known) add(r.id, r.description, r.severity);
  for (const p of problems) {
    if (rules.has(p.rule)) continue;
    const parent = known.find((r) => r.id === p.rule.split(':')[0]);
    add(p.rule, parent ? `${parent.description} (${p.rule.split(':').slice(1).join(':')})` : p.rule, p.severity);
  }
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function toSarif(problems: readonly Problem[], rules: readonly RuleInfo[], files?: number): object {
  const sarifRules = rulesOf(rules, problems);
  const index = new Map(sarifRules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL, informationUri: helpUri('index').replace(/\/index$/, ''), rules: sarifRules } },
        columnKind: 'utf16CodeUnits',
        ...(files === undefined ? {} : { properties: { files } }),
        results: problems.map((p) => ({
          ruleId: p.rule,
          ruleIndex: index.get(p.rule)!,
          level: p.severity,
          message: { text: p.message },
          ...(p.messageId ? { properties: { messageId: p.messageId } } : {}),
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file, uriBaseId: '%SRCROOT%' },
                region: { startLine: p.line, startColumn: p.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

export const sarif: Reporter = ({ problems, rules = [], files }) => `${JSON.stringify(toSarif(problems, rules, files), null, 2)}\n`;
