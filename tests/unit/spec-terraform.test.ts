import { describe, expect, it } from 'vitest';
import { terraformTree } from '../../scripts/specs/terraform.ts';
import type { GenNode } from '../../scripts/specs/types.ts';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { parseShell } from '../../scripts/validate/commands/parse.ts';
import { interpret, specFor, type FigSpec } from '../../scripts/validate/commands/specs.ts';
import { gitRepo } from '../helpers/go-repo.ts';
import { problemsInBashBlock } from '../helpers/examples.ts';

// A small terraform-shaped source tree (written for this test): commands.go's map, main.go's global
// options, Meta's flag sets, the arguments package's parser with `if x != nil` blocks, and a helper
// handed the flag set that is not in the sources.
const FILES: Record<string, string> = {
  'commands.go': `package main

func initCommands() {
	Commands = map[string]cli.CommandFactory{
		"plan": func() (cli.Command, error) {
			return &command.PlanCommand{
				Meta: meta,
			}, nil
		},

		"state": func() (cli.Command, error) {
			return &command.StateCommand{}, nil
		},

		"state rm": func() (cli.Command, error) {
			return &command.StateRmCommand{
				Meta: meta,
			}, nil
		},
	}
}
`,
  'main.go': `package main

func realMain() int {
	for _, arg := range args {
		if arg == "-v" || arg == "-version" || arg == "--version" {
			newArgs[0] = "version"
		}
	}
	cliRunner := &cli.CLI{
		AutocompleteInstall:   "install-autocomplete",
		AutocompleteUninstall: "uninstall-autocomplete",
	}
	return 0
}

func extractChdirOption(args []string) (string, []string, error) {
	const argName = "-chdir"
	return "", args, nil
}
`,
  'internal/command/meta.go': `package command

func (m *Meta) defaultFlagSet(n string) *flag.FlagSet {
	f := flag.NewFlagSet(n, flag.ContinueOnError)
	return f
}

func (m *Meta) process(args []string) []string {
	for _, v := range args {
		if v == "-no-color" {
			m.color = false
		}
	}
	return args
}
`,
  'internal/command/plan.go': `package command

import "github.com/hashicorp/terraform/internal/command/arguments"

func (c *PlanCommand) Run(rawArgs []string) int {
	common, rawArgs := arguments.ParseView(rawArgs)
	args, diags := arguments.ParsePlan(rawArgs)
	return 0
}

func (c *PlanCommand) Help() string {
	helpText := \`
Usage: terraform [global options] plan [options]

Plan Customization Options:

  -out=path           Write a plan file to the given path.

  -var 'foo=bar'      Set a value for one of the input variables.
\`
	return strings.TrimSpace(helpText)
}
`,
  'internal/command/state_command.go': `package command

func (c *StateCommand) Run(args []string) int {
	return cli.RunResultHelp
}
`,
  'internal/command/state_rm.go': `package command

func (c *StateRmCommand) Run(args []string) int {
	args = c.Meta.process(args)
	var dryRun bool
	cmdFlags := c.Meta.defaultFlagSet("state rm")
	cmdFlags.BoolVar(&dryRun, "dry-run", false, "dry run")
	cmdFlags.StringVar(&c.backupPath, "backup", "-", "backup")
	c.addBackendFlags(cmdFlags)
	args = cmdFlags.Args()
	return 0
}
`,
  'internal/command/arguments/default.go': `package arguments

func defaultFlagSet(name string) *flag.FlagSet {
	f := flag.NewFlagSet(name, flag.ContinueOnError)
	return f
}
`,
  'internal/command/arguments/extended.go': `package arguments

func extendedFlagSet(name string, state *State, operation *Operation, vars *Vars) *flag.FlagSet {
	f := defaultFlagSet(name)
	if state != nil {
		f.BoolVar(&state.Lock, "lock", true, "lock")
		f.DurationVar(&state.LockTimeout, "lock-timeout", 0, "lock-timeout")
	}
	if operation != nil {
		f.IntVar(&operation.Parallelism, "parallelism", DefaultParallelism, "parallelism")
	}
	if vars != nil {
		f.Var(vars.vars, "var", "var")
		f.Var(vars.varFiles, "var-file", "var-file")
	}
	return f
}
`,
  'internal/command/arguments/plan.go': `package arguments

func ParsePlan(args []string) (*Plan, tfdiags.Diagnostics) {
	plan := &Plan{State: &State{}, Vars: &Vars{}}
	cmdFlags := extendedFlagSet("plan", plan.State, nil, plan.Vars)
	cmdFlags.BoolVar(&plan.DetailedExitCode, "detailed-exitcode", false, "detailed-exitcode")
	cmdFlags.StringVar(&plan.OutPath, "out", "", "out")
	if err := cmdFlags.Parse(args); err != nil {
		return plan, nil
	}
	args = cmdFlags.Args()
	return plan, nil
}
`,
  'internal/command/arguments/view.go': `package arguments

func ParseView(args []string) (*View, []string) {
	for _, v := range args {
		switch v {
		case "-no-color":
			common.NoColor = true
		case "-compact-warnings":
			common.CompactWarnings = true
		}
	}
	return common, args
}
`,
};

const sub = (node: GenNode, ...path: string[]): GenNode => path.reduce((n, p) => n.subcommands!.find((s) => s.name.includes(p))!, node);
const names = (node: GenNode) => node.options.map((o) => `${o.name.join('/')}${o.args ? '=' : ''}`);
const problems = (spec: GenNode, line: string) =>
  interpret(parseShell(line).commands[0]!, spec as FigSpec, 'terraform').problems.map((p) => ({ kind: p.kind, word: p.word, complete: p.complete }));

describe('terraform spec generator (scripts/specs/terraform.ts)', () => {
  const { spec } = terraformTree(gitRepo(FILES));

  it('builds the commands of commands.go, a space making a subcommand', () => {
    expect(spec.subcommands!.map((s) => s.name[0])).toEqual(['plan', 'state']);
    expect(sub(spec, 'state').subcommands!.map((s) => s.name[0])).toEqual(['rm']);
    // `state` itself reads no arguments: a word after it is a subcommand.
    expect(sub(spec, 'state').args).toBeUndefined();
    expect(problems(spec, 'terraform state lst')).toEqual([{ kind: 'subcommand', word: 'lst', complete: true }]);
  });

  it('collects the flags of the flag set, its maker (without the nil blocks) and the argument parsers', () => {
    expect(names(sub(spec, 'plan'))).toEqual(['-compact-warnings', '-detailed-exitcode', '-lock', '-lock-timeout=', '-no-color', '-out=', '-var=', '-var-file=']);
    expect(names(spec)).toEqual(['-h/-help/--help', '--version', '-chdir=', '-install-autocomplete', '-uninstall-autocomplete', '-v', '-version']);
    expect(sub(spec, 'plan').complete).toBe(true);
  });

  it('fails when a flag the command\'s help documents was not found', () => {
    const files = { ...FILES, 'internal/command/plan.go': FILES['internal/command/plan.go']!.replace('-var \'foo=bar\'', '-refresh=false') };
    expect(() => terraformTree(gitRepo(files))).toThrow('terraform plan: its help documents -refresh, which the generator did not find');
  });

  it('reads Go flag syntax: one dash, `--flag` the same, `-flag=value` or `-flag value`, no combined flags', () => {
    expect(spec.parserDirectives).toEqual({ flagsArePosixNoncompliant: true, goFlags: true });
    expect(problems(spec, "terraform --chdir=infra plan -out plan.tfplan --var-file=prod.tfvars -var 'a=b' -lock=false -no-color")).toEqual([]);
    expect(problems(spec, 'terraform plan -parallelism=2')).toEqual([{ kind: 'flag', word: '-parallelism', complete: true }]);
    expect(problems(spec, 'terraform plan -out')).toEqual([{ kind: 'value', word: '-out', complete: true }]);
    expect(problems(spec, 'terraform plan -nl')).toEqual([{ kind: 'flag', word: '-nl', complete: true }]);
  });

  it('names a helper handed the flag set that it cannot follow, so that node\'s unknown flags are warnings', () => {
    const rm = sub(spec, 'state', 'rm');
    expect(names(rm)).toEqual(['-backup=', '-dry-run', '-no-color']);
    expect(rm.complete).toBe(false);
    expect(rm.gap).toContain('c.addBackendFlags(…)');
    expect(problems(spec, 'terraform state rm -lock=false aws_instance.web')).toEqual([{ kind: 'flag', word: '-lock', complete: false }]);
  });
});

describe('terraform spec (scripts/validate/commands/specs/terraform.json, v1.9.8)', async () => {
  const checks = (await loadChecks()).filter((c) => c.id === 'commands/flags');
  const run = (body: string) => problemsInBashBlock(checks, body).map((x) => `${x.line - 3}:${x.column} ${x.severity} ${x.message}`);

  it('knows terraform\'s commands and flags, with the right values', () => {
    expect(
      run(
        'terraform init -backend-config=backend.hcl -upgrade -input=false\nterraform plan -var-file=staging.tfvars -target=module.web -out tfplan -detailed-exitcode\n' +
          'terraform apply -auto-approve -parallelism=5 tfplan\nterraform state mv -dry-run module.a module.b\nterraform workspace select -or-create staging\n' +
          'terraform output -raw endpoint\nterraform providers lock -platform=linux_amd64\nterraform fmt -recursive -check -diff\nterraform -chdir=infra validate -json\nterraform -version',
      ),
    ).toEqual([]);
    expect(specFor('terraform')?.complete).toBe(true);
  });

  it('reports misspelt commands and flags and a missing value as errors', () => {
    expect(run('terraform plan -var-fil=staging.tfvars\nterraform stat list\nterraform apply -auto-aprove\nterraform plan -out')).toEqual([
      '1:16 error unknown flag `-var-fil` for `terraform plan`. Did you mean `-var-file`?',
      '2:11 error unknown subcommand `stat` for `terraform`. Did you mean `state`?',
      '3:17 error unknown flag `-auto-aprove` for `terraform apply`. Did you mean `-auto-approve`?',
      '4:16 error flag `-out` needs a value',
    ]);
  });
});
