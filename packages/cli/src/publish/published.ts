// Whether a chart version is already in an OCI repository, asked before a push: registries overwrite a tag silently
// (helm/helm#11000), so publishing 0.1.0 twice would replace what users already pulled. helm resolves the version's tag
// with the user's registry login, TLS and plain-HTTP settings, as the push will.
export interface RegistryOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  /** Stop helm after this long: a registry that accepts connections and never answers would hold it for ever. */
  timeoutMs: number;
}

/**
 * Whether helm finds `<repository>/<name>:<version>` (`helm show chart`), or `no answer` when the registry did not reply
 * within the timeout. Any other failure (no login, no registry) counts as not published: the push that follows meets
 * the same problem and explains it.
 */
export async function isPublished(helmBin: string, repository: string, name: string, version: string, options: RegistryOptions): Promise<boolean | 'no answer'> {
  const args = ['show', 'chart', `${repository.replace(/\/+$/, '')}/${name}`, '--version', version];
  if (options.plainHttp === true) args.push('--plain-http');
  if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
  // the validator's helm runner: bounded, with its own temporary folder, killed if this process ends
  const { runHelm } = await import('@helmforge/validator');
  const r = await runHelm(helmBin, args, { timeoutMs: options.timeoutMs });
  return r.timedOut ? 'no answer' : r.code === 0;
}
