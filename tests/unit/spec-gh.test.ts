import { describe, expect, it } from 'vitest';
import { GROUP_GAP, ROOT_GAP, ghTree } from '../../scripts/specs/gh.ts';
import type { GenNode } from '../../scripts/specs/types.ts';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { parseShell } from '../../scripts/validate/commands/parse.ts';
import { interpret, specFor, type FigSpec } from '../../scripts/validate/commands/specs.ts';
import { gitRepo } from '../helpers/go-repo.ts';
import { problemsInBashBlock } from '../helpers/examples.ts';

// A small gh-shaped source tree (written for this test): the root, a command group with the
// inherited --repo, a leaf using cmdutil's flag helpers, and a helper from outside the sources.
const FILES: Record<string, string> = {
  'pkg/cmd/root/root.go': `package root

import (
	prCmd "github.com/cli/cli/v2/pkg/cmd/pr"
	"github.com/spf13/cobra"
)

func NewCmdRoot(f *cmdutil.Factory) (*cobra.Command, error) {
	cmd := &cobra.Command{
		Use: "gh <command> <subcommand> [flags]",
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return &AuthError{}
		},
	}
	cmd.PersistentFlags().Bool("help", false, "Show help for command")
	cmd.Flags().Bool("version", false, "Show gh version")
	cmd.AddCommand(prCmd.NewCmdPR(f))
	for _, ht := range HelpTopics {
		cmd.AddCommand(NewCmdHelpTopic(f.IOStreams, ht))
	}
	for _, e := range em.List() {
		cmd.AddCommand(NewCmdExtension(io, em, e))
	}
	for k, v := range cfg.Aliases().All() {
		parentCmd.AddCommand(NewCmdAlias(io, k, v))
	}
	return cmd, nil
}
`,
  'pkg/cmd/root/help_topic.go': `package root

var HelpTopics = []helpTopic{
	{
		name:  "environment",
		short: "Environment variables that can be used with gh",
	},
}
`,
  'pkg/cmd/pr/pr.go': `package pr

import (
	cmdList "github.com/cli/cli/v2/pkg/cmd/pr/list"
	"github.com/cli/cli/v2/pkg/cmdutil"
)

func NewCmdPR(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pr <command>",
		Short: "Manage pull requests",
	}
	cmdutil.EnableRepoOverride(cmd, f)
	cmdutil.AddGroup(cmd, "General commands",
		cmdList.NewCmdList(f, nil),
	)
	return cmd
}
`,
  'pkg/cmd/pr/list/list.go': `package list

import (
	"github.com/cli/cli/v2/pkg/cmdutil"
	"example.com/mystery"
)

func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		RunE: func(cmd *cobra.Command, args []string) error {
			return nil
		},
	}
	cmd.Flags().IntVarP(&opts.LimitResults, "limit", "L", 30, "Maximum number of items to fetch")
	cmdutil.StringEnumFlag(cmd, &opts.State, "state", "s", "open", []string{"open", "closed"}, "Filter by state")
	cmdutil.NilBoolFlag(cmd, &opts.Draft, "draft", "d", "Filter by draft state")
	mystery.AddSortFlags(cmd)
	return cmd
}
`,
  'pkg/cmdutil/flags.go': `package cmdutil

func NilBoolFlag(cmd *cobra.Command, p **bool, name string, shorthand string, usage string) *pflag.Flag {
	f := cmd.Flags().VarPF(newBoolValue(p), name, shorthand, usage)
	f.NoOptDefVal = "true"
	return f
}

func StringEnumFlag(cmd *cobra.Command, p *string, name, shorthand, defaultValue string, options []string, usage string) *pflag.Flag {
	f := cmd.Flags().VarPF(&enumValue{string: p, options: options}, name, shorthand, usage)
	return f
}

func EnableRepoOverride(cmd *cobra.Command, f *Factory) {
	cmd.PersistentFlags().StringP("repo", "R", "", "Select another repository")
}

func AddGroup(parent *cobra.Command, title string, cmds ...*cobra.Command) {
	for _, c := range cmds {
		parent.AddCommand(c)
	}
}
`,
};

const sub = (node: GenNode, ...path: string[]): GenNode => path.reduce((n, p) => n.subcommands!.find((s) => s.name.includes(p))!, node);
const problems = (spec: GenNode, line: string) => {
  const command = parseShell(line).commands[0]!;
  return interpret(command, spec as FigSpec, 'gh').problems.map((p) => ({ kind: p.kind, word: p.word, complete: p.complete }));
};

describe('gh spec generator (scripts/specs/gh.ts)', () => {
  const { spec } = ghTree(gitRepo(FILES));

  it('builds the tree from NewCmdRoot: groups, aliases, help topics, cobra\'s help command', () => {
    expect(spec.name).toEqual(['gh']);
    expect(spec.subcommands!.map((s) => s.name[0])).toEqual(['environment', 'help', 'pr']);
    expect(sub(spec, 'pr', 'ls').name).toEqual(['list', 'ls']);
  });

  it('knows which flags take a value, their short forms, and the inherited --repo', () => {
    expect(sub(spec, 'pr', 'list').options).toEqual([
      { name: ['-d', '--draft'] },
      { name: ['-L', '--limit'], args: { name: 'int' } },
      { name: ['-s', '--state'], args: { name: 'var' } },
    ]);
    expect(sub(spec, 'pr').options).toEqual([{ name: ['-R', '--repo'], args: { name: 'string' }, isPersistent: true }]);
    expect(spec.options).toEqual([{ name: ['-h', '--help'], isPersistent: true }, { name: ['--version'] }]);
    expect(problems(spec, 'gh pr ls -L 5 -d --state=open -R example/platform -h')).toEqual([]);
    expect(problems(spec, 'gh pr list --limit')).toEqual([{ kind: 'value', word: '--limit', complete: false }]);
  });

  it('marks the top level and command groups open for subcommands (extensions, aliases), not for flags', () => {
    expect(spec.subcommandsGap).toBe(ROOT_GAP);
    expect(sub(spec, 'pr').subcommandsGap).toBe(GROUP_GAP);
    expect(problems(spec, 'gh copilot suggest')).toEqual([{ kind: 'subcommand', word: 'copilot', complete: false }]);
    expect(problems(spec, 'gh pr mine')).toEqual([{ kind: 'subcommand', word: 'mine', complete: false }]);
    expect(problems(spec, 'gh pr --bogus list')).toEqual([{ kind: 'flag', word: '--bogus', complete: true }]);
  });

  it('names a flag helper it cannot follow as the node\'s gap, so its unknown flags are warnings', () => {
    const list = sub(spec, 'pr', 'list');
    expect(list.complete).toBe(false);
    expect(list.gap).toContain('mystery.AddSortFlags(…)');
    expect(problems(spec, 'gh pr list --sort created')).toEqual([{ kind: 'flag', word: '--sort', complete: false }]);
  });
});

describe('gh spec (scripts/validate/commands/specs/gh.json, cli/cli v2.60.0)', async () => {
  const checks = (await loadChecks()).filter((c) => c.id === 'commands/flags');
  const run = (body: string) => problemsInBashBlock(checks, body).map((x) => `${x.line - 3}:${x.column} ${x.severity} ${x.message.split(' (')[0]}`);

  it('knows gh\'s subcommands, aliases and flags, with the right values', () => {
    expect(
      run(
        'gh pr ls --state merged --json number,title -q ".[].number" -L 5\ngh pr create --fill --draft -B main\ngh cs ssh -c example-codespace\n' +
          'gh at verify artifact.tgz --owner example\ngh run view 42 --log-failed --exit-status\ngh issue list -R example/platform --label bug\n' +
          'gh release download v1.2.3 -p "*.tgz" -D dist\ngh api repos/example/platform/releases --paginate --jq ".[].tag_name"\ngh help environment',
      ),
    ).toEqual([]);
    expect(specFor('gh')?.complete).toBe(true);
  });

  it('reports a misspelt flag and a missing value as errors, an unknown subcommand (maybe an alias) as a warning', () => {
    expect(run('gh pr list --stat open\ngh pr list --limit\ngh pr lsit\ngh copilot suggest')).toEqual([
      '1:12 error unknown flag `--stat` for `gh pr list`. Did you mean `--state`?',
      '2:12 error flag `--limit` needs a value',
      '3:7 warning unknown subcommand `lsit` for `gh pr`',
      '4:4 warning unknown subcommand `copilot` for `gh`',
    ]);
  });
});
