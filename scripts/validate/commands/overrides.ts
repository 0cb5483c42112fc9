/**
 * Local corrections to the @withfig/autocomplete specs, and small local specs for tools the library
 * does not cover. Each entry says what is wrong or missing; nothing here copies a whole CLI.
 *
 * - kubectl: Fig's spec predates kubectl 1.34: the global flags (`--context`, `--kubeconfig`, …)
 *   are missing and `-n` is not inherited by subcommands; `top pod|node`, `events`, `debug` and a
 *   few newer flags are missing; `--dry-run`, `--cascade` and `--validate` take an optional value.
 * - git, helm, curl: their specs are generated from their own documentation (specs/<tool>.json,
 *   `npm run generate:specs`). Only curl's `--help` is corrected: its subject is optional.
 * - aws: the global options (`--region`, `--profile`, `--output`, `--query`, …) are missing and are
 *   accepted by every subcommand.
 * - pg_restore: no Fig spec; it shares pg_dump's connection and selection options (reused from
 *   Fig's pg_dump spec) plus its own.
 * - redis-cli, openssl: no Fig spec; the options of `redis-cli --help` (7.x) and of the openssl 3
 *   subcommands runbooks use. Other openssl subcommands are known but their flags are not checked.
 */
import type { FigOption, FigSpec } from './specs.ts';

const flag = (...name: string[]): FigOption => ({ name });
const val = (...name: string[]): FigOption => ({ name, args: { name: 'value' } });
const optVal = (...name: string[]): FigOption => ({ name, args: { name: 'value', isOptional: true } });
const persistent = (o: FigOption): FigOption => ({ ...o, isPersistent: true });
const names = (n: string | string[]) => (Array.isArray(n) ? n : [n]);

interface Patch {
  /** Subcommand path from the root (`['rollout', 'undo']`). */
  at: string[];
  addOptions?: FigOption[];
  addSubcommands?: FigSpec[];
  set?: Partial<FigSpec>;
}

const KUBECTL_GLOBALS: FigOption[] = [
  val('-n', '--namespace'), val('--context'), val('--kubeconfig'), val('--cluster'), val('--user'),
  val('-s', '--server'), val('--token'), val('--as'), val('--as-group'), val('--as-uid'),
  val('--certificate-authority'), val('--client-certificate'), val('--client-key'), val('--cache-dir'),
  val('--request-timeout'), val('--tls-server-name'), val('--profile'), val('--profile-output'),
  val('--username'), val('--password'), val('-v', '--v'), val('--vmodule'), val('--log-flush-frequency'),
  flag('--insecure-skip-tls-verify'), flag('--match-server-version'), flag('--warnings-as-errors'),
  flag('--disable-compression'), flag('-h', '--help'),
].map(persistent);

const TOP_COMMON = [flag('-A', '--all-namespaces'), val('-l', '--selector'), val('--sort-by'), flag('--no-headers'), flag('--use-protocol-buffers'), val('--field-selector')];

const PATCHES: Record<string, Patch[]> = {
  kubectl: [
    { at: [], set: { options: KUBECTL_GLOBALS } },
    {
      at: ['top'],
      addSubcommands: [
        { name: ['pod', 'pods', 'po'], options: [...TOP_COMMON, flag('--containers'), flag('--sum')], args: { isOptional: true } },
        { name: ['node', 'nodes', 'no'], options: [...TOP_COMMON, flag('--show-capacity')], args: { isOptional: true } },
      ],
    },
    {
      at: [],
      addSubcommands: [
        {
          name: ['events', 'event', 'ev'],
          options: [flag('-A', '--all-namespaces'), val('--for'), val('-o', '--output'), val('--types'), flag('-w', '--watch'), flag('--no-headers'), val('--chunk-size'), flag('--allow-missing-template-keys'), val('--template'), flag('--show-managed-fields')],
          args: { isOptional: true },
        },
        {
          name: 'debug',
          options: [
            flag('-i', '--stdin'), flag('-t', '--tty'), val('--image'), val('--target'), val('--copy-to'), val('-c', '--container'),
            val('--profile'), optVal('--share-processes'), flag('-q', '--quiet'), optVal('--attach'), val('--env'), flag('--replace'),
            flag('--same-node'), val('--set-image'), val('--image-pull-policy'), val('--custom'), val('-f', '--filename'),
            val('-o', '--output'), flag('--keep-annotations'), flag('--keep-labels'), flag('--keep-liveness'), flag('--keep-readiness'),
            flag('--keep-startup'), flag('--keep-init-containers'),
          ],
          args: { isVariadic: true },
        },
      ],
    },
    { at: ['get'], addOptions: [val('--subresource'), flag('--show-managed-fields'), val('--output-watch-events')] },
    { at: ['logs'], addOptions: [flag('--all-pods'), optVal('--prefix'), flag('--timestamps')] },
    { at: ['exec'], addOptions: [flag('-q', '--quiet')] },
    { at: ['patch'], addOptions: [val('--subresource'), val('--field-manager')] },
    { at: ['delete'], addOptions: [optVal('--cascade'), flag('-i', '--interactive')] },
    { at: ['drain'], addOptions: [flag('--delete-emptydir-data'), val('--chunk-size')] },
    { at: ['rollout', 'undo'], addOptions: [val('--to-revision'), val('-o', '--output'), val('-l', '--selector')] },
    { at: ['rollout', 'restart'], addOptions: [val('-l', '--selector'), val('--field-manager')] },
    { at: ['rollout', 'history'], addOptions: [val('-l', '--selector')] },
    { at: ['rollout', 'status'], addOptions: [val('-l', '--selector')] },
    { at: ['scale'], addOptions: [val('-l', '--selector')] },
    { at: ['create', 'secret', 'generic'], addOptions: [val('--from-literal'), val('--from-file'), val('--from-env-file'), val('--type'), flag('--append-hash')] },
    { at: ['create', 'job'], addOptions: [val('--from'), val('--image')] },
    { at: ['port-forward'], addOptions: [val('--address')] },
    { at: ['auth', 'can-i'], addOptions: [flag('--list'), flag('-A', '--all-namespaces'), val('--subresource'), flag('-q', '--quiet'), flag('--no-headers')] },
  ],
  // Everything after the script belongs to the script: `node dist/migrate.js down --to 42`.
  node: [{ at: [], set: { parserDirectives: { optionsMustPrecedeArguments: true } } }],
  aws: [
    {
      at: [],
      addOptions: [
        val('--region'), val('--profile'), val('--output'), flag('--debug'), val('--endpoint-url'), flag('--no-verify-ssl'), flag('--no-paginate'),
        val('--query'), flag('--no-cli-pager'), val('--color'), val('--cli-read-timeout'), val('--cli-connect-timeout'), flag('--no-sign-request'),
        val('--ca-bundle'), val('--cli-binary-format'), flag('--cli-auto-prompt'), flag('--no-cli-auto-prompt'),
      ].map(persistent),
    },
  ],
};

/** Options whose value is optional in the real CLI although Fig's spec requires one. */
const OPTIONAL_VALUE: Record<string, string[]> = {
  kubectl: ['--dry-run', '--cascade', '--validate', '--all-namespaces'],
  // curl's option table says `--help` takes a subject; docs/cmdline-opts/help.md: without one it lists the important options.
  curl: ['--help'],
};

function findSub(spec: FigSpec, path: string[]): FigSpec | undefined {
  let node: FigSpec | undefined = spec;
  for (const part of path) {
    node = node?.subcommands?.find((s) => names(s.name).includes(part));
    if (!node) return undefined;
  }
  return node;
}

function walk(spec: FigSpec, visit: (s: FigSpec) => void) {
  visit(spec);
  for (const sub of spec.subcommands ?? []) walk(sub, visit);
}

const patched = new WeakSet<FigSpec>();

export function applyOverrides(tool: string, spec: FigSpec, _load: (name: string) => FigSpec | null): FigSpec {
  if (patched.has(spec)) return spec;
  patched.add(spec);
  for (const patch of PATCHES[tool] ?? []) {
    const node = findSub(spec, patch.at);
    if (!node) continue;
    if (patch.set) Object.assign(node, patch.set);
    if (patch.addOptions) {
      const existing = new Set((node.options ?? []).flatMap((o) => names(o.name)));
      node.options = [...(node.options ?? []), ...patch.addOptions.filter((o) => !names(o.name).some((n) => existing.has(n)))];
    }
    if (patch.addSubcommands) {
      const existing = node.subcommands ?? [];
      for (const sub of patch.addSubcommands) {
        const current = existing.find((s) => names(s.name).some((n) => names(sub.name).includes(n)));
        if (current) Object.assign(current, { ...sub, options: [...(current.options ?? []), ...(sub.options ?? [])] });
        else existing.push(sub);
      }
      node.subcommands = existing;
    }
  }
  const optional = new Set(OPTIONAL_VALUE[tool] ?? []);
  if (optional.size) {
    walk(spec, (s) => {
      s.options = (s.options ?? []).map((o) => (names(o.name).some((n) => optional.has(n)) ? { ...o, args: { name: 'value', isOptional: true } } : o));
    });
  }
  return spec;
}

const REDIS_CLI: FigSpec = {
  name: 'redis-cli',
  parserDirectives: { optionsMustPrecedeArguments: true },
  args: { name: 'command', isVariadic: true, isOptional: true },
  options: [
    val('-h'), val('-p'), val('-s'), val('-a'), val('--user'), val('--pass'), flag('--askpass'), val('-u'), val('-r'), val('-i'),
    val('-n'), flag('-2'), flag('-3'), flag('-x'), val('-X'), val('-d'), val('-D'), flag('-e'), flag('-c'), val('-t'),
    flag('--tls'), val('--sni'), val('--cacert'), val('--cacertdir'), flag('--insecure'), val('--tls-ciphers'),
    val('--tls-ciphersuites'), val('--cert'), val('--key'), flag('--raw'), flag('--no-raw'), flag('--quoted-input'), flag('--csv'),
    flag('--json'), flag('--quoted-json'), flag('--show-pushes'), flag('--stat'), flag('--latency'), flag('--latency-history'),
    flag('--latency-dist'), val('--lru-test'), flag('--replica'), val('--rdb'), val('--functions-rdb'), flag('--pipe'),
    val('--pipe-timeout'), flag('--bigkeys'), flag('--memkeys'), val('--memkeys-samples'), flag('--keystats'),
    val('--keystats-samples'), flag('--hotkeys'), flag('--scan'), val('--pattern'), val('--quoted-pattern'), val('--count'),
    val('--intrinsic-latency'), val('--eval'), flag('--ldb'), flag('--ldb-sync-mode'), val('--cluster'), flag('--verbose'),
    flag('--no-auth-warning'), flag('--help'), flag('-v', '--version'),
  ],
};

const single = (list: string): FigOption[] => list.split(' ').map((n) => (n.endsWith('=') ? val(n.slice(0, -1)) : flag(n)));
const sub = (name: string, options?: string): FigSpec =>
  options === undefined ? { name, looseOptions: true, args: { isVariadic: true, isOptional: true } } : { name, options: single(`-help ${options}`), args: { isVariadic: true, isOptional: true } };

const OPENSSL: FigSpec = {
  name: 'openssl',
  parserDirectives: { flagsArePosixNoncompliant: true },
  subcommands: [
    sub('s_client', '-connect= -servername= -showcerts -verify_return_error -CAfile= -CApath= -cert= -key= -tls1_2 -tls1_3 -alpn= -starttls= -brief -crlf -quiet -ign_eof -no_ign_eof -status -verify= -proxy= -host= -port= -noservername -msg -debug -state -ciphersuites= -cipher= -sess_out= -sess_in= -reconnect -prexit -4 -6'),
    sub('x509', '-in= -out= -noout -text -subject -issuer -dates -enddate -startdate -fingerprint -sha256 -sha1 -md5 -serial -ext= -checkend= -inform= -outform= -pubkey -modulus -email -purpose -nameopt= -hash -req -signkey= -days= -CA= -CAkey= -CAcreateserial -extfile= -extensions= -key= -set_serial= -copy_extensions='),
    sub('req', '-new -x509 -newkey= -key= -keyout= -out= -in= -nodes -noenc -days= -subj= -config= -text -noout -verify -sha256 -addext= -extensions= -reqexts= -batch -pubkey -inform= -outform='),
    sub('rand', '-hex -base64 -out= -rand= -writerand='),
    sub('genrsa', '-out= -aes256 -aes128 -passout= -verbose -quiet'),
    sub('genpkey', '-algorithm= -out= -pkeyopt= -outform= -pass= -quiet -text -genparam -paramfile='),
    sub('rsa', '-in= -out= -noout -text -check -pubout -pubin -inform= -outform= -passin= -passout= -modulus'),
    sub('pkey', '-in= -out= -pubout -pubin -noout -text -inform= -outform= -passin= -passout= -check'),
    sub('dgst', '-sha256 -sha1 -sha512 -md5 -sign= -verify= -prverify= -signature= -hex -binary -hmac= -out= -r -c -keyform= -mac= -macopt='),
    sub('verify', '-CAfile= -CApath= -untrusted= -verbose -show_chain -purpose= -crl_check -partial_chain -no-CAfile -no-CApath'),
    sub('version', '-a -v -b -o -f -p -d -c -r'),
    sub('ciphers', '-v -V -s -tls1_2 -tls1_3 -stdname -psk -srp -ciphersuites= -convert='),
    sub('base64', '-d -e -in= -out= -A'),
    sub('enc'), sub('pkcs12'), sub('ec'), sub('ecparam'), sub('passwd'), sub('crl'), sub('ocsp'), sub('s_server'), sub('list'),
    sub('speed'), sub('asn1parse'), sub('pkcs7'), sub('pkeyutl'), sub('kdf'), sub('mac'), sub('cms'), sub('smime'), sub('ca'),
    sub('crl2pkcs7'), sub('dhparam'), sub('errstr'), sub('prime'), sub('sess_id'), sub('storeutl'), sub('ts'), sub('help'),
  ],
};

function pgRestore(load: (name: string) => FigSpec | null): FigSpec | null {
  const dump = load('pg_dump');
  if (!dump) return null;
  const skip = new Set(['-f', '--file', '-Z', '--compress', '--inserts', '--column-inserts', '-b', '--blobs', '-B', '--no-blobs']);
  const shared = (dump.options ?? []).filter((o) => !names(o.name).some((n) => skip.has(n)));
  const own = [
    val('-d', '--dbname'), val('-f', '--file'), flag('-l', '--list'), val('-L', '--use-list'), flag('-1', '--single-transaction'),
    flag('-e', '--exit-on-error'), val('-I', '--index'), val('-P', '--function'), val('-T', '--trigger'), flag('-C', '--create'),
    flag('-c', '--clean'), flag('--if-exists'), val('-j', '--jobs'), flag('--no-data-for-failed-tables'), val('--transaction-size'),
    val('-N', '--exclude-schema'), flag('--no-table-access-method'), val('--section'), val('--filter'),
  ];
  const ownNames = new Set(own.flatMap((o) => names(o.name)));
  return {
    name: 'pg_restore',
    options: [...own, ...shared.filter((o) => !names(o.name).some((n) => ownNames.has(n)))],
    args: { name: 'filename', isOptional: true },
  };
}

let requireFigForLocal: ((name: string) => FigSpec | null) | null = null;
export function setFigLoader(load: (name: string) => FigSpec | null) {
  requireFigForLocal = load;
}

/** Local specs for `spec: local` tools of the toolbox. */
export const LOCAL_SPECS: Record<string, () => FigSpec | null> = {
  'redis-cli': () => REDIS_CLI,
  openssl: () => OPENSSL,
  pg_restore: () => (requireFigForLocal ? pgRestore(requireFigForLocal) : null),
};
