import { defineCheck } from '../engine/check.ts';
import { analyze, blocksFor } from '../commands/model.ts';
import { assignmentSecrets, commandSecrets, prepareSecretlint, secretlintFindings, type Finding } from '../commands/secrets.ts';

const RULE = 'commands/secrets';

export default defineCheck({
  id: RULE,
  description: 'No credentials in shell blocks: secretlint\'s recommended rules plus command-aware rules for passwords, tokens, `-u user:pass`, `Authorization:` headers and URLs with passwords.',
  severity: 'error',
  local: true,
  messages: {
    secret: '{text}',
  },
  docs: {
    why:
      'The handbook is published. A token pasted into a runbook while debugging is leaked to everyone who ' +
      'can read it and stays in git history. Placeholders (`<password>`, `$PGPASSWORD`, `$(kubectl get secret …)`) ' +
      'show where the secret comes from without revealing it.',
    fix:
      'Replace the value with a placeholder or variable and say where to get it (the secret store, ' +
      '`kubectl get secret`). Then rotate the leaked credential: removing it from the page does not remove it from history.',
    good: [
      {
        title: 'Placeholders and variables',
        source:
          '# Query\n\n```bash\nexport PGPASSWORD="$(kubectl -n staging get secret pg -o jsonpath=\'{.data.password}\' | base64 -d)"\n' +
          'psql "postgres://platform_app:$PGPASSWORD@pg.staging.example.com/platform"\n' +
          'curl -H "Authorization: Bearer $TOKEN" https://api.staging.example.com/healthz\nredis-cli -h redis.staging.example.com -a "<redis-password>" ping\n```\n',
      },
    ],
    bad: [
      {
        title: 'Literal credentials',
        source:
          '# Query\n\n```bash\ncurl -u admin:Tr0ub4dor3 https://api.staging.example.com/admin\n' +
          'redis-cli -h redis.staging.example.com -a s3cretR3dis ping\nPGPASSWORD=hunter22 psql -h pg.staging.example.com\n' +
          'curl -H "Authorization: token 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" https://api.example.com\n```\n',
        problems: [
          { at: '4:9', message: '`-u user:password` has a literal password' },
          { at: '5:43', message: '`-a` has a literal credential' },
          { at: '6:12', message: '`PGPASSWORD` is set to a literal secret' },
          { at: '7:10', message: '`Authorization:` header has a literal credential' },
          { at: '7:31', message: 'GitHub Token' },
        ],
      },
    ],
  },
  async prepare(project) {
    for (const file of project.files) {
      if (!project.targets.has(file.path) || file.status !== 'ok') continue;
      for (const a of analyze(file, project)) await prepareSecretlint(a.block.text);
    }
  },
  checkFile(file, project, report) {
    for (const a of blocksFor(file, project, RULE)) {
      const findings: Finding[] = [...(secretlintFindings(a.block.text) ?? []), ...assignmentSecrets(a.parsed.text)];
      for (const c of a.commands) findings.push(...commandSecrets(c, a.parsed));
      const seen = new Set<string>();
      for (const f of findings.sort((x, y) => x.start - y.start)) {
        const key = `${f.start}:${f.message.slice(0, 20)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report(file, a.at(f.start), 'secret', { text: f.message });
      }
    }
  },
});
