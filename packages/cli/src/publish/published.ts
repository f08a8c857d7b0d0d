// Whether a chart version is already in an OCI repository, asked before a push: registries overwrite a tag silently
// (helm/helm#11000), so publishing 0.1.0 twice would replace what users already pulled. helm resolves the version's tag
// with the user's registry login, TLS and plain-HTTP settings, as the push will.
import { spawnSync } from 'node:child_process';

export interface RegistryOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
}

/**
 * Whether helm finds `<repository>/<name>:<version>` (`helm show chart`). Any other failure (no login, no registry)
 * counts as not published: the push that follows meets the same problem and explains it.
 */
export function isPublished(helmBin: string, repository: string, name: string, version: string, options: RegistryOptions): boolean {
  const args = ['show', 'chart', `${repository.replace(/\/+$/, '')}/${name}`, '--version', version];
  if (options.plainHttp === true) args.push('--plain-http');
  if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
  return spawnSync(helmBin, args, { encoding: 'utf8', timeout: 120_000 }).status === 0;
}
