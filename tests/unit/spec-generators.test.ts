/**
 * The spec generators of aws, redis-cli and openssl (scripts/specs/{aws,redis-cli,openssl}.ts), run
 * on small source trees written in the tools' own formats, and the generated specs at work in the
 * commands/* checks.
 */
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../scripts/validate/checks/index.ts';
import { awsCommands, awsRoot, encodeCommand, handlerRegistry, mainTableOps, renameTable, xformName, xformSpecialCases } from '../../scripts/specs/aws.ts';
import { cMacros, opensslTree, progsList, providerNames, tableEntries } from '../../scripts/specs/openssl.ts';
import { cFunction, parseOptionsTable, redisCliTree, usageOptions } from '../../scripts/specs/redis-cli.ts';
import type { GitSource } from '../../scripts/specs/source.ts';
import type { GenNode } from '../../scripts/specs/types.ts';
import { decodeEntry } from '../../scripts/validate/commands/aws-spec.ts';
import { problemsInBashBlock } from '../helpers/examples.ts';

/** A source tree in memory, shaped like GitSource. */
function tree(files: Record<string, string>): GitSource {
  return {
    dir: '/nowhere',
    info: { repo: 'https://github.com/example/tool', ref: 'v1', commit: '0'.repeat(40) },
    list: (dir: string) => Object.keys(files).filter((p) => p.startsWith(`${dir}/`)),
    read: (path: string) => {
      if (!(path in files)) throw new Error(`no ${path}`);
      return files[path]!;
    },
    has: (path: string) => path in files,
    tree: () => '1'.repeat(40),
  } as unknown as GitSource;
}

const flags = (node: GenNode) => Object.fromEntries(node.options.map((o) => [o.name.join(','), o.args ? (o.args.isOptional ? 'optional' : 'value') : 'switch']));

describe('redis-cli generator (src/redis-cli.c)', () => {
  const c = `
static void usage(int err) {
    fprintf(target,
"Usage: redis-cli [OPTIONS] [cmd [arg [arg ...]]]\\n"
"  -h <hostname>      Server hostname (default: 127.0.0.1).\\n"
"  -a <password>      Password to use when connecting to the server.\\n"
"  --raw              Use raw formatting for replies.\\n"
"  -v, --version      Output version and exit.\\n");
}

static int parseOptions(int argc, char **argv) {
    int i;
    for (i = 1; i < argc; i++) {
        int lastarg = i==argc-1;
        if (!strcmp(argv[i],"-h") && !lastarg) {
            config.hostip = sdsnew(argv[++i]);
        } else if (!strcmp(argv[i],"-h") && lastarg) {
            usage(0);
        } else if ((!strcmp(argv[i],"-a") || !strcmp(argv[i],"--pass"))
                   && !lastarg)
        {
            config.auth = sdsnew(argv[++i]);
        } else if (!strcmp(argv[i],"--raw")) {
            config.output = OUTPUT_RAW;
        } else if (!strcmp(argv[i],"-v") || !strcmp(argv[i], "--version")) {
            exit(0);
        } else {
            break;
        }
    }
    return i;
}
`;

  it('reads each branch of parseOptions: names, and a value where it tests !lastarg', () => {
    const options = parseOptionsTable(cFunction(c, 'parseOptions'));
    expect(Object.fromEntries(options.map((o) => [o.name.join(','), o.args ? 'value' : 'switch']))).toEqual({
      '-h': 'value',
      '-a,--pass': 'value',
      '--raw': 'switch',
      '-v,--version': 'switch',
    });
    expect(usageOptions(cFunction(c, 'usage'))).toEqual(['-h', '-a', '--raw', '-v']);
  });

  it('builds a complete node whose arguments (the Redis command) follow the options', () => {
    const { spec } = redisCliTree(tree({ 'src/redis-cli.c': c }), 3);
    expect(spec).toMatchObject({ name: ['redis-cli'], complete: true, parserDirectives: { optionsMustPrecedeArguments: true }, args: { isVariadic: true } });
  });

  it('fails when the usage text documents an option the parser does not know', () => {
    const stale = c.replace('"  --raw  ', '"  --tls              TLS.\\n"\n"  --raw  ');
    expect(() => redisCliTree(tree({ 'src/redis-cli.c': stale }), 3)).toThrow(/usage\(\) lists --tls, which parseOptions\(\) does not parse/);
  });
});

describe('aws generator (aws/aws-cli v2)', () => {
  it('names operations and members as botocore.xform_name does', () => {
    const special = xformSpecialCases("_xform_cache = {\n    ('CreateCachediSCSIVolume', '_'): 'create_cached_iscsi_volume',\n    ('CreateCachediSCSIVolume', '-'): 'create-cached-iscsi-volume',\n}");
    // Expected values printed by botocore's own regexes (Python 3).
    expect(['s3Bucket', 'ListDNSRecords', 'GatewayARNs', 'DescribeDBInstances', 'VpcIDs', 'GetObject', 'CreateCachediSCSIVolume'].map((n) => xformName(n, special))).toEqual([
      's3-bucket', 'list-dns-records', 'gateway-arns', 'describe-db-instances', 'vpc-ids', 'get-object', 'create-cached-iscsi-volume',
    ]);
  });

  const registry = `
PLUGIN_REGISTRY = {
    'building-argument-table.ec2.run-instances': [
        ('awscli.customizations.ec2.runinstances', 'register_runinstances')
    ],
    'building-argument-table.ec2.create-image': [
        ('awscli.customizations.argrename', 'register_arg_renames')
    ],
    'building-argument-table.ec2.*': [
        ('awscli.customizations.argrename', 'register_arg_renames'),
        ('awscli.customizations.toplevelbool', 'register_bool_params'),
    ],
    'building-command-table.eks': [
        ('awscli.customizations.eks', 'initialize')
    ],
}

MAIN_COMMAND_TABLE_OPS = [
    (CommandTableOp.RENAME, 's3', 's3api'),
    (CommandTableOp.ADD, 's3', 'awscli.customizations.s3.s3', 'S3'),
]
`;
  const model = (operations: Record<string, unknown>, shapes: Record<string, unknown>) => JSON.stringify({ operations, shapes });
  const files: Record<string, string> = {
    'awscli/botocore/__init__.py': "_xform_cache = {}\n",
    'awscli/handlers_registry.py': registry,
    'awscli/customizations/argrename.py': "ARGUMENT_RENAMES = {\n    'ec2.create-image.no-no-reboot': 'reboot',\n}\nHIDDEN_ALIASES = {\n}\n",
    'awscli/data/cli.json': JSON.stringify({ options: { region: {}, debug: { action: 'store_true' }, 'no-paginate': { action: 'store_false' } } }),
    'awscli/botocore/data/ec2/2015-01-01/service-2.json': '{}',
    'awscli/botocore/data/ec2/2016-11-15/service-2.json': model(
      {
        DescribeInstances: { name: 'DescribeInstances', input: { shape: 'DescribeInstancesRequest' } },
        RunInstances: { name: 'RunInstances', input: { shape: 'RunInstancesRequest' } },
        CreateImage: { name: 'CreateImage', input: { shape: 'CreateImageRequest' } },
      },
      {
        DescribeInstancesRequest: { type: 'structure', members: { InstanceIds: { shape: 'List' }, DryRun: { shape: 'Boolean' }, MaxResults: { shape: 'Integer' } } },
        RunInstancesRequest: { type: 'structure', members: { ImageId: { shape: 'String' } } },
        CreateImageRequest: { type: 'structure', members: { NoReboot: { shape: 'Boolean' }, SourceDestCheck: { shape: 'AttributeBooleanValue' } } },
        AttributeBooleanValue: { type: 'structure', members: { Value: { shape: 'Boolean' } } },
        List: { type: 'list' },
        Boolean: { type: 'boolean' },
        Integer: { type: 'integer' },
        String: { type: 'string' },
      },
    ),
    'awscli/botocore/data/ec2/2016-11-15/paginators-1.json': JSON.stringify({ pagination: { DescribeInstances: { limit_key: 'MaxResults' } } }),
    'awscli/botocore/data/ec2/2016-11-15/waiters-2.json': JSON.stringify({ waiters: { InstanceRunning: { operation: 'DescribeInstances' } } }),
    'awscli/botocore/data/s3/2006-03-01/service-2.json': model(
      { GetObject: { name: 'GetObject', input: { shape: 'GetObjectRequest' }, output: { shape: 'GetObjectOutput' } } },
      {
        GetObjectRequest: { type: 'structure', members: { Bucket: { shape: 'String' }, Key: { shape: 'String' } } },
        GetObjectOutput: { type: 'structure', members: { Body: { shape: 'Body', streaming: true } }, payload: 'Body' },
        Body: { type: 'blob' },
        String: { type: 'string' },
      },
    ),
    'awscli/botocore/data/eks/2017-11-01/service-2.json': model({}, {}),
    'awscli/customizations/ec2/runinstances.py': "def add(argument_table, **kwargs):\n    argument_table['secondary-private-ip-address-count'] = SecondaryPrivateIpAddressCountArgument()\n",
    'awscli/customizations/eks/__init__.py':
      "from awscli.customizations.eks.update_kubeconfig import UpdateKubeconfigCommand\n\ndef inject_commands(command_table, session, **kwargs):\n    command_table['update-kubeconfig'] = UpdateKubeconfigCommand(session)\n",
    'awscli/customizations/eks/update_kubeconfig.py':
      "class UpdateKubeconfigCommand(BasicCommand):\n    NAME = 'update-kubeconfig'\n    ARG_TABLE = [\n        {'name': 'name', 'required': True},\n        {\n            'name': 'dry-run',\n            'action': 'store_true',\n            'help_text': ('Print the merged kubeconfig, '\n                          'do not write it.'),\n        },\n    ]\n",
    'awscli/customizations/s3/s3.py':
      "from awscli.customizations.s3.subcommands import ListCommand, CpCommand\n\nclass S3(BasicCommand):\n    NAME = 's3'\n    SUBCOMMANDS = [\n        {'name': 'ls', 'command_class': ListCommand},\n        {'name': 'cp', 'command_class': CpCommand},\n    ]\n",
    'awscli/customizations/s3/subcommands.py':
      "RECURSIVE = {'name': 'recursive', 'action': 'store_true'}\nEXCLUDE = {'name': 'exclude', 'action': 'append'}\nTRANSFER_ARGS = [EXCLUDE]\n\nclass S3Command(BasicCommand):\n    pass\n\n" +
      "class ListCommand(S3Command):\n    NAME = 'ls'\n    ARG_TABLE = [\n        {'name': 'paths', 'nargs': '?', 'positional_arg': True},\n        RECURSIVE,\n    ]\n\n" +
      "class CpCommand(S3Command):\n    NAME = 'cp'\n    ARG_TABLE = (\n        [{'name': 'paths', 'nargs': 2, 'positional_arg': True}]\n        + TRANSFER_ARGS\n        + [RECURSIVE, {'name': 'expected-size'}]\n    )\n",
    // A class of the same name elsewhere must not be taken for the one s3.py imports.
    'awscli/customizations/configure/list.py': "class ListCommand(BasicCommand):\n    NAME = 'list'\n    ARG_TABLE = [{'name': 'other'}]\n",
  };

  it('reads the handler registry, the main command table and the renames', () => {
    expect(handlerRegistry(registry).get('building-command-table.eks')).toEqual(['awscli.customizations.eks']);
    expect(mainTableOps(registry)).toEqual({ renames: new Map([['s3', 's3api']]), adds: [{ name: 's3', module: 'awscli.customizations.s3.s3', cls: 'S3' }] });
    expect(renameTable(files['awscli/customizations/argrename.py']!, 'ARGUMENT_RENAMES')).toEqual([{ service: 'ec2', operation: 'create-image', from: 'no-no-reboot', to: 'reboot' }]);
  });

  const data = awsCommands(tree(files), { minServices: 1 });
  const services = Object.fromEntries([...data.services].map(([k, v]) => [k, decodeEntry(k, encodeCommand(v) as never)]));
  const sub = (s: { subcommands?: Array<{ name: unknown }> }, name: string) => s.subcommands?.find((x) => x.name === name) as (typeof services)[string];
  const optionSet = (s: { options?: Array<{ name: unknown; args?: unknown }> }) => Object.fromEntries((s.options ?? []).map((o) => [String(o.name), o.args ? ((o.args as { isOptional?: boolean }).isOptional ? 'optional' : 'value') : 'switch']));

  it('turns operations into subcommands and input members into flags, booleans with --no- forms, and adds the generic flags', () => {
    expect(Object.keys(services).sort()).toEqual(['ec2', 'eks', 's3', 's3api']);
    expect(optionSet(sub(services.ec2!, 'describe-instances'))).toEqual({
      '--instance-ids': 'value', '--dry-run': 'switch', '--no-dry-run': 'switch', '--max-results': 'value',
      '--cli-input-json': 'value', '--cli-input-yaml': 'value', '--generate-cli-skeleton': 'optional',
      '--starting-token': 'value', '--max-items': 'value', '--page-size': 'value',
    });
    expect(sub(services.ec2!, 'describe-instances').complete).toBe(true);
    // The newest api-version is read (the 2015 model is empty).
    expect(optionSet(sub(services.ec2!, 'create-image'))).toEqual({
      '--reboot': 'switch', '--no-reboot': 'switch',
      // toplevelbool.py: `--source-dest-check [Value=true]` and `--no-source-dest-check`.
      '--source-dest-check': 'optional', '--no-source-dest-check': 'switch',
      '--cli-input-json': 'value', '--cli-input-yaml': 'value', '--generate-cli-skeleton': 'optional',
    });
    expect(sub(services.ec2!, 'create-image').complete).toBe(true);
    expect(sub(sub(services.ec2!, 'wait'), 'instance-running').options?.map((o) => o.name)).toContain('--instance-ids');
    expect(sub(services.s3api!, 'get-object').args).toMatchObject({ name: 'outfile' });
  });

  it('marks an operation a handler changes as incomplete, naming the module, with the names it mentions', () => {
    const run = sub(services.ec2!, 'run-instances');
    expect(run.complete).toBe(false);
    expect(run.gap).toBe('arguments changed by awscli/customizations/ec2/runinstances.py');
    expect(optionSet(run)['--secondary-private-ip-address-count']).toBe('optional');
  });

  it('reads the hand-written commands: ARG_TABLE with constants and concatenation, SUBCOMMANDS, imports', () => {
    expect(optionSet(sub(services.eks!, 'update-kubeconfig'))).toEqual({ '--name': 'value', '--dry-run': 'switch' });
    expect(services.eks!.complete).toBe(true);
    const s3 = services.s3!;
    expect(s3.complete).toBe(true);
    expect(optionSet(sub(s3, 'ls'))).toEqual({ '--recursive': 'switch' });
    expect(sub(s3, 'ls').args).toMatchObject({ name: 'paths' });
    expect(optionSet(sub(s3, 'cp'))).toEqual({ '--exclude': 'value', '--recursive': 'switch', '--expected-size': 'value' });
  });

  it('takes the global options from cli.json, and lets argparse abbreviations through', () => {
    const root = awsRoot(data);
    expect(flags(root)).toEqual({ '--debug': 'switch', '--no-paginate': 'switch', '--region': 'value' });
    expect(root.parserDirectives).toEqual({ allowAbbreviations: true });
    expect(root.subcommands?.map((s) => s.loadSpec ?? s.name[0])).toEqual(['aws:ec2', 'aws:eks', 'aws:s3', 'aws:s3api', 'help']);
  });
});

describe('openssl generator (apps/*.c option tables)', () => {
  const header = `
#define OPT_R_OPTIONS                                                                           \\
    OPT_SECTION("Random state"),                                                                \\
        { "rand", OPT_R_RAND, 's', "Load the given file(s) into the random number generator" }, \\
        { "writerand", OPT_R_WRITERAND, '>', "Write random data to the specified file" }
#define OPT_SECTION(sec) { OPT_SECTION_STR, 1, '-', sec " options:\\n" }
`;
  const x509 = `
int x509_main(int argc, char **argv)
{
}
const OPTIONS x509_options[] = {
    OPT_SECTION("General"),
    { "help", OPT_HELP, '-', "Display this summary" },
    { "in", OPT_IN, '<',
        "Certificate input" },
    { "noout", OPT_NOOUT, 0, "No output" },
    { OPT_MORE_STR, 0, 0, "continued help" },
    OPT_R_OPTIONS,
    { "", OPT_MD, '-', "Any supported digest" },
    { NULL }
};
`;
  const dgst = `int dgst_main(int argc, char **argv)\n{\n}\nconst OPTIONS dgst_options[] = {\n    { "hex", OPT_HEX, '-', "Print as hex dump" },\n    { "", OPT_DIGEST, '-', "Any supported digest" },\n    { NULL }\n};\n`;
  const enc = `int enc_main(int argc, char **argv)\n{\n}\nconst OPTIONS enc_options[] = {\n    { "d", OPT_D, '-', "Decrypt" },\n    { "", OPT_CIPHER, '-', "Any supported cipher" },\n    { NULL }\n};\n`;
  const names = `/*-\n * Symmetric ciphers\n * -----------------\n */\n#define PROV_NAMES_AES_256_CBC "AES-256-CBC:AES256:2.16.840.1.101.3.4.1.42"\n/*-\n * Digests\n * -------\n */\n#define PROV_NAMES_SHA2_256 "SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1"\n/*-\n * KDFs / PRFs\n */\n#define PROV_NAMES_HKDF "HKDF"\n`;
  const progs = `    foreach my $cmd (\n        "md5", "sha256"\n    ) {\n        my $str = "    {FT_md, \\"$cmd\\", dgst_main, NULL, NULL},\\n";\n    }\n    foreach my $cmd (\n        "aes-256-cbc", "des3"\n    ) {\n        my $str = "    {FT_cipher, \\"$cmd\\", enc_main, enc_options, NULL},\\n";\n    }\n`;

  it('expands option macros and reads the value type of each entry', () => {
    const entries = tableEntries(x509.slice(x509.indexOf('{\n    OPT_SECTION')), cMacros(header)).entries;
    expect(entries.map((e) => `${e.name}:${e.type}`)).toEqual(['help:-', 'in:<', 'noout:0', 'rand:s', 'writerand:>', ':-']);
  });

  it('takes digest and cipher names from the providers and progs.pl', () => {
    expect(providerNames(names, 'Digests')).toEqual(['sha2-256', 'sha-256', 'sha256']);
    expect(providerNames(names, 'Symmetric ciphers')).toEqual(['aes-256-cbc', 'aes256']);
    expect(progsList(progs, 'md')).toEqual(['md5', 'sha256']);
    expect(progsList(progs, 'cipher')).toEqual(['aes-256-cbc', 'des3']);
  });

  const { spec } = opensslTree(
    tree({ 'apps/include/opt.h': header, 'apps/x509.c': x509, 'apps/dgst.c': dgst, 'apps/enc.c': enc, 'providers/implementations/include/prov/names.h': names, 'apps/progs.pl': progs }),
    { commands: 1, digests: 1, ciphers: 1 },
  );
  const node = (n: string) => spec.subcommands!.find((s) => s.name.includes(n))!;

  it('builds one complete node per command: single-dash flags, "-" and 0 as switches, any digest as a flag', () => {
    expect(flags(node('x509'))).toEqual({
      '-help': 'switch', '-in': 'value', '-noout': 'switch', '-rand': 'value', '-writerand': 'value',
      '-md5': 'switch', '-sha-256': 'switch', '-sha2-256': 'switch', '-sha256': 'switch',
    });
    expect(node('x509').complete).toBe(true);
    expect(spec.parserDirectives).toEqual({ flagsArePosixNoncompliant: true, optionsMustPrecedeArguments: true, allowDoubleDash: true });
  });

  it('makes the digest and cipher commands names of dgst and enc', () => {
    expect(node('dgst').name).toEqual(['dgst', 'md5', 'sha256']);
    expect(node('enc').name).toEqual(['enc', 'aes-256-cbc', 'des3']);
    expect(Object.keys(flags(node('enc')))).toEqual(expect.arrayContaining(['-d', '-aes-256-cbc', '-aes256', '-des3']));
  });
});

describe('the generated aws, redis-cli and openssl specs in the checks', async () => {
  const checks = (await loadChecks()).filter((c) => c.id.startsWith('commands/') && c.id !== 'commands/catalog');
  const run = (lines: string[]) => problemsInBashBlock(checks, lines.join('\n')).map((x) => `${x.line}:${x.column} ${x.severity} ${x.message}`);

  it('accept real commands', () => {
    expect(
      run([
        'aws s3 cp ./backup.tar.gz s3://example-bucket/backups/ --sse aws:kms --only-show-errors',
        'aws s3 sync ./site s3://example-bucket --delete --exact-timestamps',
        'aws s3api get-object --bucket example-bucket --key backups/db.dump db.dump',
        'aws ec2 describe-instances --filters Name=tag:Role,Values=web --no-dry-run --max-items 5 --region eu-west-1 --output json',
        'aws eks update-kubeconfig --name platform --region eu-west-1 --alias staging',
        'aws ecr get-login-password --region eu-west-1',
        'aws ec2 wait instance-running --instance-ids i-0123',
        'aws sts get-caller-identity --query Account --output text',
        'aws configure set region eu-west-1',
        'aws codeartifact list-package-version-assets --domain d --repo r --format npm --package p --package-version 1',
        'redis-cli -h redis.example.com -p 6380 --tls --cacert ca.pem --askpass -n 2 GET key --not-an-option',
        'redis-cli --scan --pattern "session:*" --count 100',
        'openssl x509 -in cert.pem -noout -subject -enddate -sha256 -fingerprint',
        'openssl s_client -connect api.example.com:443 -servername api.example.com -showcerts',
        'openssl sha256 backup.tar.gz',
        'openssl x509 --in=cert.pem --noout -checkend 86400',
        'openssl aes-256-cbc -d -in secret.enc -out secret.txt -pbkdf2',
        'openssl req -new -newkey rsa:2048 -nodes -keyout key.pem -out req.csr -subj "/CN=example.com"',
      ]),
    ).toEqual([]);
  });

  it('report typos as errors where the source lists everything', () => {
    // (`--recursiv` would pass: argparse takes an unambiguous prefix, and so does the check.)
    const problems = run(['aws s3 cp a s3://example-bucket/a --recusive', 'aws ec2 describe-instancs', 'redis-cli --tsl PING', 'openssl x509 -in cert.pem -nout', 'openssl s_clinet -connect example.com:443']);
    expect(problems).toEqual([
      expect.stringMatching(/^4:35 error unknown flag `--recusive` for `aws s3 cp`\. Did you mean `--recursive`\?/),
      expect.stringMatching(/^5:9 error unknown subcommand `describe-instancs` for `aws ec2`\. Did you mean `describe-instances`\?/),
      expect.stringMatching(/^6:11 error unknown flag `--tsl` for `redis-cli`/),
      expect.stringMatching(/^7:27 error unknown flag `-nout` for `openssl x509`\. Did you mean `-noout`\?/),
      expect.stringMatching(/^8:9 error unknown subcommand `s_clinet` for `openssl`\. Did you mean `s_client`\?/),
    ]);
  });

  it('report an unknown flag where a customization changes the arguments as a warning naming it', () => {
    expect(run(['aws ec2 run-instances --image-id ami-1 --not-a-flag x'])).toEqual([
      expect.stringMatching(/^4:40 warning unknown flag `--not-a-flag` for `aws ec2 run-instances` .*awscli\/customizations\/ec2/),
    ]);
  });
});
