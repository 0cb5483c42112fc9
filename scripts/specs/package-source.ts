/**
 * A source the spec generator reads that is not a git clone: a package published to the npm
 * registry (`npm pack npm@11.19.1` writes npm-11.19.1.tgz), as the .tgz itself or unpacked. The
 * published tarball is what users install, with the same lib/ and docs/ as the tag of its
 * repository. A .tgz is checked against the pinned integrity (sha512, as the registry records it)
 * and unpacked into a temporary folder; an unpacked folder is checked by its package.json version.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { SourceInfo } from './source.ts';

/** The same reading interface as GitSource. */
export interface ReadableSource {
  readonly info: SourceInfo;
  list(dir: string): string[];
  read(path: string): string;
  has(path: string): boolean;
}

export interface PinnedPackage {
  name: string;
  version: string;
  /** `dist.integrity` of the registry's record for name@version. */
  integrity: string;
}

export class PackageSource implements ReadableSource {
  readonly info: SourceInfo;
  readonly root: string;
  constructor(path: string, pin: PinnedPackage) {
    let root = path;
    if (statSync(path).isFile()) {
      const integrity = `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
      if (integrity !== pin.integrity) throw new Error(`${path} is not ${pin.name}@${pin.version}: integrity ${integrity}, expected ${pin.integrity}`);
      root = mkdtempSync(join(tmpdir(), `${pin.name}-`));
      execFileSync('tar', ['xzf', path, '-C', root, '--strip-components=1']);
    }
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
    if (manifest.name !== pin.name || manifest.version !== pin.version) throw new Error(`${root} holds ${manifest.name}@${manifest.version}, expected ${pin.name}@${pin.version}`);
    this.root = root;
    // repo: the tarball's registry address; ref: name@version; commit: the tarball's integrity.
    this.info = { repo: `https://registry.npmjs.org/${pin.name}/-/${pin.name}-${pin.version}.tgz`, ref: `${pin.name}@${pin.version}`, commit: pin.integrity };
  }

  list(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(relative(this.root, p));
      }
    };
    if (existsSync(join(this.root, dir))) walk(join(this.root, dir));
    return out.sort();
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  has(path: string): boolean {
    return existsSync(join(this.root, path));
  }
}

/** The package for `tool`: `--<tool> PATH` (a .tgz or a folder), or `<name>-<version>.tgz` / `<name>-<version>/` in the `--sources` folder. */
export function openPackage(tool: string, pin: PinnedPackage, explicit: string | undefined, root: string | undefined): PackageSource {
  const file = `${pin.name}-${pin.version}`;
  const candidates = explicit ? [explicit] : root ? [join(root, `${file}.tgz`), join(root, file)] : [];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `no ${pin.name}@${pin.version} package for ${tool} (looked in ${candidates.join(', ') || 'nothing'}; \`npm pack ${pin.name}@${pin.version}\` in the --sources folder writes ${file}.tgz)`,
    );
  }
  return new PackageSource(found, pin);
}
