/**
 * Local corrections to the @withfig/autocomplete specs, and small local specs for tools the library
 * does not cover. Each entry says what is wrong or missing; nothing here copies a whole CLI.
 *
 * - kubectl: its spec is generated from its Go source (specs/kubectl.json); only the logging flags
 *   (`-v`, `--vmodule`), which kubectl's main adds from another module, are added here.
 * - git, helm, curl: their specs are generated from their own documentation (specs/<tool>.json,
 *   `npm run generate:specs`). Only curl's `--help` is corrected: its subject is optional.
 * - aws: generated from the AWS CLI v2 source (specs/aws.json, specs/aws.services.json); nothing is
 *   corrected here.
 * - psql, pg_dump, pg_restore: generated from PostgreSQL's reference pages (specs/<tool>.json);
 *   nothing is corrected here.
 * - redis-cli: generated from redis-cli.c's option parser (specs/redis-cli.json); nothing is corrected here.
 * - openssl: no Fig spec; the options of the openssl 3 subcommands runbooks use. Other openssl
 *   subcommands are known but their flags are not checked.
 */
import type { FigOption, FigSpec } from './spec-types.ts';

const flag = (...name: string[]): FigOption => ({ name });
const val = (...name: string[]): FigOption => ({ name, args: { name: 'value' } });
const persistent = (o: FigOption): FigOption => ({ ...o, isPersistent: true });
const names = (n: string | string[]) => (Array.isArray(n) ? n : [n]);

interface Patch {
  /** Subcommand path from the root (`['rollout', 'undo']`). */
  at: string[];
  addOptions?: FigOption[];
  addSubcommands?: FigSpec[];
  set?: Partial<FigSpec>;
}

// kubectl's logging flags are added by k8s.io/component-base (cli.Run), outside the sources the
// kubectl spec is generated from; `kubectl options` lists them.
const KUBECTL_LOGGING: FigOption[] = [val('-v', '--v'), val('--vmodule'), val('--log-flush-frequency')].map(persistent);

const PATCHES: Record<string, Patch[]> = {
  kubectl: [{ at: [], addOptions: KUBECTL_LOGGING }],
  // Everything after the script belongs to the script: `node dist/migrate.js down --to 42`.
  node: [{ at: [], set: { parserDirectives: { optionsMustPrecedeArguments: true } } }],
};

/** Options whose value is optional in the real CLI although Fig's spec requires one. */
const OPTIONAL_VALUE: Record<string, string[]> = {
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

/** Local specs for `spec: local` tools of the toolbox. */
export const LOCAL_SPECS: Record<string, () => FigSpec | null> = {
  openssl: () => OPENSSL,
};
