// Whether a chart version is already in an OCI repository, asked before a push: registries overwrite a tag silently
// (helm/helm#11000), so publishing 0.1.0 twice would replace what users already pulled. helm resolves the version's tag
// with the user's registry login, TLS and plain-HTTP settings, as the push will.
import { spawnSync } from 'node:child_process';

export interface RegistryOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
}

export type Lookup = { published: true } | { published: false } | { published: 'unknown'; said: string };

/** Looks `<repository>/<name>:<version>` up with `helm show chart`. */
export function lookUpVersion(helmBin: string, repository: string, name: string, version: string, options: RegistryOptions): Lookup {
  const args = ['show', 'chart', `${repository.replace(/\/+$/, '')}/${name}`, '--version', version];
  if (options.plainHttp === true) args.push('--plain-http');
  if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
  const r = spawnSync(helmBin, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status === 0) return { published: true };
  const said = `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim();
  // distribution answers an unknown tag or repository with MANIFEST_UNKNOWN / NAME_UNKNOWN (404): helm says "not found"
  if (/not found|manifest unknown|name unknown|\b404\b/i.test(said)) return { published: false };
  return { published: 'unknown', said };
}
