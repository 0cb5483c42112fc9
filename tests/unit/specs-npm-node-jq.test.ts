import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { specFor, toolbox } from '../../scripts/validate/commands/specs.ts';
import { jqManualOptions, jqOptions } from '../../scripts/specs/jq.ts';
import { NodeBinary, nodeTree, v8Flags } from '../../scripts/specs/node.ts';
import { branchGroups, npmCommandList, npmDefinitions, npmShorthands, valueOf } from '../../scripts/specs/npm.ts';
import { markdownCommands } from '../../scripts/specs/corpus-more.ts';
import type { GeneratedSpec, GenNode, GenOption } from '../../scripts/specs/types.ts';
import { problemsInBashBlock, ROOT } from '../helpers/examples.ts';

const checks = (await loadChecks()).filter((c) => c.id.startsWith('commands/') && c.id !== 'commands/catalog');

function run(lines: string) {
  return problemsInBashBlock(checks, lines).map((x) => `${x.line - 3}:${x.column} ${x.severity} ${x.rule} ${x.message}`);
}

const spec = (tool: string) => JSON.parse(readFileSync(join(ROOT, 'scripts/validate/commands/specs', `${tool}.json`), 'utf8')) as GeneratedSpec;
const option = (node: GenNode, name: string): GenOption | undefined => node.options.find((o) => o.name.includes(name));
const sub = (node: GenNode, name: string) => node.subcommands?.find((s) => s.name.includes(name));

describe('generated specs of npm, node and jq', () => {
  it('record their source and exact version, and the toolbox uses them', () => {
    const expected: Record<string, { repo: RegExp; commit: RegExp }> = {
      npm: { repo: /^https:\/\/registry\.npmjs\.org\/npm\/-\/npm-11\.19\.1\.tgz$/, commit: /^sha512-/ },
      node: { repo: /^https:\/\/github\.com\/nodejs\/node$/, commit: /^sha256:[0-9a-f]{64}$/ },
      jq: { repo: /^https:\/\/github\.com\/jqlang\/jq$/, commit: /^[0-9a-f]{40}$/ },
    };
    for (const [tool, want] of Object.entries(expected)) {
      const data = spec(tool);
      expect(data.source.repo).toMatch(want.repo);
      expect(data.source.commit).toMatch(want.commit);
      expect(data.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(toolbox.tools[tool]).toMatchObject({ spec: 'generated', version: data.version });
      expect(specFor(tool)?.complete).toBe(true);
    }
  });

  it('npm: commands with their aliases, subcommands, config flags with their values', () => {
    const npm = spec('npm').spec;
    expect(sub(npm, 'install')!.name).toEqual(expect.arrayContaining(['i', 'add']));
    expect(sub(sub(npm, 'cache')!, 'clean')!.name).toEqual(expect.arrayContaining(['rm', 'clear']));
    expect(sub(npm, 'cache')!.args).toBeUndefined(); // `npm cache <other>` is a usage error
    expect(sub(npm, 'dist-tag')!.args).toBeDefined(); // `npm dist-tag <pkg>` lists the tags
    expect(option(npm, '--save-dev')).toMatchObject({ name: expect.arrayContaining(['-D']), isPersistent: true });
    expect(option(npm, '--save-dev')!.args).toBeUndefined();
    expect(option(npm, '--no-audit')).toBeDefined();
    expect(option(npm, '--omit')!.args).toEqual({ name: 'value' });
    expect(option(npm, '-w')!.name).toContain('--workspace');
    expect(option(npm, '--browser')!.args).toEqual({ name: 'value', isOptional: true }); // [null, Boolean, String]
    expect(option(sub(sub(npm, 'trust')!, 'github')!, '--repo')!.name).toContain('--repository');
  });

  it('node: options before the script, values as the option table says', () => {
    const node = spec('node').spec;
    expect(node.parserDirectives).toEqual({ optionsMustPrecedeArguments: true });
    expect(option(node, '--max-old-space-size')!.args).toBeDefined(); // a V8 option
    expect(option(node, '-e')!.name).toContain('--eval');
    expect(option(node, '-e')!.args).toBeDefined();
    expect(option(node, '-p')!.args).toBeDefined(); // `--print <arg>` → `-pe`
    expect(option(node, '--no-warnings')!.args).toBeUndefined();
    expect(option(node, '--inspect')!.args).toBeUndefined(); // `--inspect=9229` is written inline
    expect(option(node, '--env-file')!.args).toBeDefined();
    expect(option(node, '--max-old-space-size')!.name).toContain('--max_old_space_size'); // `_` for `-`, as node accepts
  });

  it('jq: flags from main.c, values where the parser reads the next argument', () => {
    const jq = spec('jq').spec;
    expect(option(jq, '-r')!.name).toContain('--raw-output');
    expect(option(jq, '--raw-output0')).toBeDefined();
    expect(option(jq, '--arg')!.args).toBeDefined();
    expect(option(jq, '--indent')!.args).toBeDefined();
    expect(option(jq, '-f')!.args).toBeUndefined(); // the program file is the first positional
    expect(option(jq, '-L')!.args).toBeDefined();
    expect(option(jq, '--run-tests')!.args).toEqual({ name: 'value', isOptional: true });
  });

  it('every node of the three is complete, so a typo is an error, never a gap warning', () => {
    const walk = (n: GenNode): boolean => n.complete && (n.subcommands ?? []).every(walk);
    for (const tool of ['npm', 'node', 'jq']) expect(walk(spec(tool).spec)).toBe(true);
    expect(run('npm install --sav-dev express\nnpm cache clena\nnode --inspct app.js\njq --raw-ouput . f.json')).toEqual([
      expect.stringMatching(/^1:13 error commands\/flags unknown flag `--sav-dev` for `npm install`\. Did you mean `--save-dev`\?/),
      expect.stringMatching(/^2:11 error commands\/flags unknown subcommand `clena` for `npm cache`\. Did you mean `clean`\?/),
      expect.stringMatching(/^3:6 error commands\/flags unknown flag `--inspct` for `node`\. Did you mean `--inspect`\?/),
      expect.stringMatching(/^4:4 error commands\/flags unknown flag `--raw-ouput` for `jq`\. Did you mean `--raw-output`\?/),
    ]);
  });

  it('accept what the tools accept', () => {
    expect(
      run(
        'npm ci --omit=dev --no-audit\nnpm i -D vitest\nnpm run test --workspace=api --if-present -- --watch\nnpm config set registry https://registry.example.com\n' +
          'npm exec --package=foo -- bar --baz\nnpm dist-tag ls my-pkg\nnpm --ws run build\n' +
          'node --max-old-space-size=4096 dist/server.js --port 3000\nnode -e "console.log(1)"\nnode -p process.version\nnode --inspect=0.0.0.0:9229 app.js\n' +
          "node --no-warnings --enable-source-maps --test\njq -rc '.items[]' data.json --arg name web\njq -n --argjson x 1 '$x'\njq --indent 4 . f.json",
      ),
    ).toEqual([]);
  });
});

describe('the generators read their sources', () => {
  it('jq: options and their values from the shape of main.c; the manual’s list with optional values', () => {
    const main = `int main(int argc, char* argv[]) {
  for (int i=1; i<argc; i++, short_opts = 0) {
      if (argv[i][1] == 'L') { i++; continue; }
      if (isoption(argv[i], 's', "slurp", &short_opts)) {
        options |= SLURP;
        if (!short_opts) continue;
      }
      if (isoption(argv[i], 0, "indent", &short_opts)) {
        int indent = atoi(argv[i+1]);
        i++;
        continue;
      }
      if (isoption(argv[i], 0, "rawfile", &short_opts) ||
          isoption(argv[i], 0, "slurpfile", &short_opts)) {
        i += 2;
        continue;
      }
${Array.from({ length: 18 }, (_, k) => `      if (isoption(argv[i], 0, "flag${k}", &short_opts)) {\n        continue;\n      }`).join('\n')}
  }
}`;
    const list = jqOptions(main);
    expect(list.find((o) => o.name.includes('--slurp'))).toEqual({ name: ['--slurp', '-s'] });
    expect(list.find((o) => o.name.includes('--indent'))!.args).toBeDefined();
    expect(list.find((o) => o.name.includes('--slurpfile'))!.args).toBeDefined();
    expect(list.find((o) => o.name.includes('-L'))!.args).toBeDefined();
    expect(jqManualOptions('      * `--run-tests [filename]`:\n      * `-f filename` / `--from-file filename`:\n')).toEqual([
      { name: '--run-tests', optionalValue: true },
      { name: '-f', optionalValue: false },
      { name: '--from-file', optionalValue: false },
    ]);
  });

  it('npm: definitions, their types, shorthands, commands and branch aliases from the shape of its JavaScript', () => {
    const defs = npmDefinitions(`module.exports = {
  'save-dev': new Definition('save-dev', {
    default: false,
    type: Boolean,
    short: 'D',
    description: \`Save as a devDependency, not { a brace }\`,
  }),
  browser: new Definition('browser', { default: null, type: [null, Boolean, String] }),
  omit: new Definition('omit', {
    // a comment, with a comma
    type: [Array, 'dev', 'optional', 'peer'],
  }),
}`);
    expect([...defs.keys()]).toEqual(['save-dev', 'browser', 'omit']);
    expect(defs.get('save-dev')).toMatchObject({ type: 'Boolean', short: ['D'] });
    expect(['Boolean', '[null, Boolean]', '[null, Boolean, String]', "['always', Boolean]", '[null, String]', 'path', '[null, false, url]'].map(valueOf)).toEqual([
      'none', 'none', 'optional', 'optional', 'required', 'required', 'required',
    ]);
    expect(npmShorthands("const shorthands = {\n  'enjoy-by': ['--before'],\n  dd: ['--loglevel', 'verbose'],\n  ...definitionProps.shorthands,\n}")).toEqual(
      new Map([['enjoy-by', ['--before']], ['dd', ['--loglevel', 'verbose']]]),
    );
    expect(npmCommandList("const commands = [\n  'access',\n  'install',\n]\nconst aliases = {\n  i: 'install',\n  'add-user': 'adduser',\n}")).toEqual({
      commands: ['access', 'install'],
      aliases: new Map([['i', 'install'], ['add-user', 'adduser']]),
    });
    expect(branchGroups("switch (cmd) {\n  case 'rm': case 'clear':\n  case 'clean':\n    return x\n  case 'ls':\n}\nif (['add', 'a'].includes(c)) {}")).toEqual([
      ['rm', 'clear', 'clean'],
      ['ls'],
      ['add', 'a'],
    ]);
  });

  // The generator is pinned to a Node 20 binary; other majors may add option types it does not know.
  it.runIf(process.versions.node.startsWith('20.'))('node: the running binary’s option table and V8 flags make a spec', () => {
    const { spec: node } = nodeTree(new NodeBinary(process.execPath, process.versions.node));
    expect(option(node, '--max-old-space-size')!.args).toBeDefined();
    expect(option(node, '--require')!.name).toContain('-r');
    expect(option(node, '--no-deprecation')).toBeDefined();
    expect(v8Flags('  --jitless (disable JIT)\n        type: bool  default: --no-jitless\n  --stack-size (stack size)\n        type: int  default: --stack-size=984\n')).toEqual([
      { name: '--jitless', bool: true },
      { name: '--stack-size', bool: false },
    ]);
  });

  it('corpus: commands of code blocks, without Synopsis notation, output or unprompted lines of prompted blocks', () => {
    const md = '### Synopsis\n\n```bash\nnpm install [<package-spec> ...]\n```\n\n### Example\n\n```bash\nnpm install \\\n  --save-dev vitest\nnpm notice PONG 255ms\n```\n\n```bash\n$ npm outdated\nnpm  3.5.1  3.5.2\n```\n';
    expect(markdownCommands(md, 'p.md', 'npm', /^Synopsis$/, /^npm notice /)).toEqual([
      { command: 'npm install --save-dev vitest', path: 'p.md', line: 10 },
      { command: 'npm outdated', path: 'p.md', line: 16 },
    ]);
    // An open quote joins the next lines, unless the block ends with it still open (then the line is the command as printed).
    expect(markdownCommands("```sh\n$ jq -n '1,\n  2'\n$ jq -n '1 | if . then 1 end\n1\n```\n", 'NEWS.md', 'jq').map((c) => c.command)).toEqual([
      "jq -n '1,\n2'",
      "jq -n '1 | if . then 1 end",
    ]);
  });
});
