import { defineCheck } from '../engine/check.ts';
import { closest } from '../engine/suggest.ts';
import { blocksFor } from '../commands/model.ts';
import { specOrigin } from '../commands/specs.ts';

export default defineCheck({
  id: 'commands/flags',
  description:
    'Subcommands and flags exist, and flags that need a value have one, per each tool\'s spec, generated from its own docs or source (git, helm, curl, kubectl, psql, pg_dump, pg_restore, npm, node, jq, gh, terraform, aws, redis-cli, openssl); gaps in a spec are warnings.',
  severity: 'error',
  local: true,
  messages: {
    unknownFlag: 'unknown flag `{word}` for `{command}`',
    unknownSubcommand: 'unknown subcommand `{word}` for `{command}`',
    missingValue: 'flag `{word}` needs a value',
    unknownFlagGap: 'unknown flag `{word}` for `{command}` ({gap}; if {tool} documents it, add it in scripts/validate/commands/overrides.ts)',
    unknownSubcommandGap: 'unknown subcommand `{word}` for `{command}` ({gap}; if {tool} documents it, add it in scripts/validate/commands/overrides.ts)',
    missingValueGap: 'flag `{word}` needs a value ({gap}; if {tool} documents it, add it in scripts/validate/commands/overrides.ts)',
  },
  docs: {
    why:
      '`kubectl get pods --namespce production` fails with "unknown flag"; `helm rolback` prints the help ' +
      'page. During an incident the reader then has to debug the runbook instead of the system. The specs of ' +
      'git, helm, curl, kubectl, psql, pg_dump, pg_restore, npm, node, jq, gh, terraform, aws, redis-cli and openssl are ' +
      'generated from their own documentation or source at the version of src/data/toolbox.yml (git\'s Documentation/ and ' +
      'command-list.txt, Helm\'s cobra reference, curl\'s option table, kubectl\'s and gh\'s cobra commands in their Go source, ' +
      'the Options of PostgreSQL\'s reference pages, the npm package\'s command list, commands and config definitions, the ' +
      'option table of the Node.js binary and its V8 flags, jq\'s option parser, Terraform\'s commands.go and flag sets, the ' +
      'AWS CLI v2\'s botocore service models, customizations and global options, redis-cli.c\'s option parser, the option ' +
      'tables of openssl\'s apps), so their lists are complete and an unknown subcommand or flag there is an error; where a ' +
      'list may have gaps (an aws operation whose arguments a hand-written customization changes) it is a warning that names ' +
      'the gap. gh also runs installed extensions and aliases as commands (at the top level and in command groups such as ' +
      '`gh issue`), so an unknown gh subcommand there is a warning, an unknown flag an error. Terraform flags take one dash ' +
      '(`-var-file=prod.tfvars`); Go\'s flag package reads `--flag` as `-flag` too. The AWS CLI, like argparse, also takes ' +
      'an unambiguous prefix of a long option (`--repo` for `--repository`). A tool without a generated spec may use a maintained ' +
      'completion spec (@withfig/autocomplete, with corrections in scripts/validate/commands/overrides.ts) that ' +
      'may lag the version: what is missing from it is a warning that names where the list comes from.',
    fix:
      'Use the subcommand or flag the message suggests. A warning means the spec may have a gap: if the tool ' +
      'documents the flag, add it in scripts/validate/commands/overrides.ts. Generated specs are rebuilt from ' +
      'the tools\' sources with `npm run generate:specs -- --sources DIR` (a folder of clones; the pinned tags ' +
      'are in scripts/specs/sources.ts); change the pin there with the version in src/data/toolbox.yml.',
    good: [
      {
        title: 'Long, short, combined and `=` flags, persistent flags and `--`',
        source:
          '# Debug\n\n```bash\nkubectl -n staging get pods -o wide --sort-by=.status.startTime\n' +
          'kubectl -n staging exec -it deploy/worker -- psql -h pg.staging.example.com -c "select 1"\n' +
          'helm --kube-context staging -n staging history platform --max 5\ngit log --oneline -5\n```\n',
      },
      {
        title: 'Terraform\'s one-dash flags and gh\'s inherited `--repo`',
        source:
          '# Plan\n\n```bash\nterraform -chdir=infra plan -var-file=staging.tfvars -var \'replicas=3\' -lock=false -out=tfplan\n' +
          'terraform apply --auto-approve tfplan\ngh pr list -R example/platform --state open --json number,title\n```\n',
      },
      {
        title: 'npm flags on any command, node flags before the script, jq flags anywhere',
        source:
          '# Build\n\n```bash\nnpm ci --omit=dev --no-audit\nnpm run build -w api --if-present\n' +
          'node --max-old-space-size=4096 --env-file=.env dist/migrate.js down --to 42\n' +
          'jq \'.items[].metadata.name\' pods.json -r\n```\n',
      },
    ],
    bad: [
      {
        title: 'A misspelt flag, a misspelt subcommand and a flag without its value',
        source: '# Roll back\n\n```bash\nkubectl get pods --namespce staging\nhelm rolback platform 3\nkubectl -n staging logs deploy/web --tail\n```\n',
        problems: [
          { at: '4:18', messageId: 'unknownFlag', message: 'Did you mean `--namespace`?' },
          { at: '5:6', messageId: 'unknownSubcommand', message: 'unknown subcommand `rolback` for `helm`. Did you mean `rollback`?' },
          { at: '6:36', messageId: 'missingValue', message: 'flag `--tail` needs a value' },
        ],
      },
      {
        title: 'Typos in generated specs are errors',
        source: '# Check\n\n```bash\ngit log --max-cout=5\nnpm ci --ommit=dev\nnode --max-old-space-sise=4096 server.js\n```\n',
        problems: [
          { at: '4:9', message: 'unknown flag `--max-cout` for `git log`. Did you mean `--max-count`?' },
          { at: '5:8', message: 'unknown flag `--ommit` for `npm ci`. Did you mean `--omit`?' },
          { at: '6:6', message: 'unknown flag `--max-old-space-sise` for `node`. Did you mean `--max-old-space-size`?' },
        ],
      },
      {
        title: 'Misspelt terraform and gh flags; a gh subcommand that may be an alias',
        source: '# Release\n\n```bash\nterraform plan -var-fil=staging.tfvars\ngh pr list --stat open\ngh pr lsit\n```\n',
        problems: [
          { at: '4:16', message: 'unknown flag `-var-fil` for `terraform plan`. Did you mean `-var-file`?' },
          { at: '5:12', message: 'unknown flag `--stat` for `gh pr list`. Did you mean `--state`?' },
          { at: '6:7', messageId: 'unknownSubcommandGap', message: 'gh aliases may be defined under a command group' },
        ],
      },
    ],
  },
  checkFile(file, project, report) {
    for (const a of blocksFor(file, project, 'commands/flags')) {
      for (const c of a.commands) {
        if (!c.interp) continue;
        c.interp.problems.forEach((p, i) => {
          const candidates = c.interp!.candidates.get(i);
          const suggestion = candidates ? closest(p.word, candidates) : undefined;
          const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
          const id = p.kind === 'flag' ? 'unknownFlag' : p.kind === 'subcommand' ? 'unknownSubcommand' : 'missingValue';
          if (p.complete) report(file, a.at(p.start), id, { word: p.word, command: p.command }, { hint });
          else {
            // The spec may have gaps here: a warning that says where the list comes from.
            const gap = p.gap ?? `not in ${specOrigin(c.interp!.tool)}`;
            const gapId = p.kind === 'flag' ? 'unknownFlagGap' : p.kind === 'subcommand' ? 'unknownSubcommandGap' : 'missingValueGap';
            report(file, a.at(p.start), gapId, { word: p.word, command: p.command, gap, tool: c.interp!.tool }, { hint, severity: 'warning' });
          }
        });
      }
    }
  },
});
