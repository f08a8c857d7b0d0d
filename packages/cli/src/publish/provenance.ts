// The provenance file `helm verify` checks (<chart>.tgz.prov): a PGP clear-signed message holding the chart's
// Chart.yaml, the YAML document-end marker and the archive's sha256 (Helm's layout, pkg/provenance). Signed with
// OpenPGP.js from a keyring file, as `helm package --sign --key … --keyring …` reads one: GnuPG 2 keeps keys in its own
// store, so export them first (`gpg --export-secret-keys > secring.gpg`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface SigningOptions {
  /** Name (or part of it) of the key's user id, as helm's --key. */
  key: string;
  /** File with the secret key(s), binary or ASCII-armoured. */
  keyring: string;
  /** File whose first line is the key's passphrase (for a protected key). */
  passphraseFile?: string;
}

/** A problem with the key, the keyring or the passphrase: one line for the user. */
export class SigningError extends Error {}

/** OpenPGP.js is loaded only to sign, resolved from this package (the CLI bundle does not carry it). */
async function openpgp(): Promise<typeof import('openpgp')> {
  return (await import(pathToFileURL(createRequire(import.meta.url).resolve('openpgp')).href)) as typeof import('openpgp');
}

/** The clear-signed provenance of `archive` (named `filename`) for the chart whose Chart.yaml is `chartYaml`. */
export async function provenance(archive: Buffer, filename: string, chartYaml: string, options: SigningOptions): Promise<string> {
  const pgp = await openpgp();
  let data: Buffer;
  try {
    data = readFileSync(options.keyring);
  } catch (error) {
    throw new SigningError(`cannot read the keyring ${options.keyring}: ${(error as Error).message}`);
  }
  const armoured = data.subarray(0, 64).toString('latin1').includes('-----BEGIN PGP');
  const keys = await (armoured ? pgp.readPrivateKeys({ armoredKeys: data.toString('utf8') }) : pgp.readPrivateKeys({ binaryKeys: new Uint8Array(data) })).catch((error: Error) => {
    throw new SigningError(`${options.keyring} holds no secret keys (${error.message}): export them with gpg --export-secret-keys > ${options.keyring}`);
  });
  // As helm: a user id equal to --key wins, else the one key whose user id contains it.
  const ids = (k: (typeof keys)[number]) => k.getUserIDs();
  const exact = keys.find((k) => ids(k).includes(options.key));
  const containing = keys.filter((k) => ids(k).some((id) => id.includes(options.key)));
  if (!exact && containing.length > 1) throw new SigningError(`more than one key in ${options.keyring} contains "${options.key}": give the whole user id`);
  let key = exact ?? containing[0];
  if (!key) throw new SigningError(`no secret key for "${options.key}" in ${options.keyring} (it has: ${keys.flatMap(ids).join(', ') || 'none'})`);
  if (!key.isDecrypted()) {
    if (options.passphraseFile === undefined) throw new SigningError(`the key "${ids(key)[0]}" is protected by a passphrase: add --passphrase-file FILE`);
    const passphrase = readFileSync(options.passphraseFile, 'utf8').split(/\r?\n/)[0] ?? '';
    key = await pgp.decryptKey({ privateKey: key, passphrase }).catch(() => {
      throw new SigningError(`the passphrase in ${options.passphraseFile} does not unlock the key "${ids(key!)[0]}"`);
    });
  }
  const sum = createHash('sha256').update(archive).digest('hex');
  // YAML uses `---` to start a document, which a clear-signed text cannot hold; Helm separates with `...` instead.
  const text = `${chartYaml}\n...\nfiles:\n  ${filename}: sha256:${sum}\n`;
  const message = await pgp.createCleartextMessage({ text });
  return pgp.sign({ message, signingKeys: key, format: 'armored' });
}
