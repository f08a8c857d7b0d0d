// The name formats the Kubernetes API server enforces (apimachinery's util/validation), each returning the API
// server's own explanations so that a finding reads like the error `kubectl apply` would print.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

const maxLen = (n: number) => `must be no more than ${n} characters`;

/** What a check of a valid value gives: one shared empty list (names are checked by the ten thousand). */
const VALID: readonly string[] = Object.freeze([]);

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join('or ')}regex used for validation is '${fmt}')`;
}

/**
 * A check of a value that has a maximum length and a format: the API server's message for each that it breaks
 * (`mismatch` words the format's; a function when the wording depends on the value).
 */
function format(max: number, re: RegExp, mismatch: string | ((v: string) => string)): (v: string) => readonly string[] {
  return (v) => {
    if (v.length <= max && re.test(v)) return VALID;
    const errs: string[] = [];
    if (v.length > max) errs.push(maxLen(max));
    if (!re.test(v)) errs.push(typeof mismatch === 'string' ? mismatch : mismatch(v));
    return errs;
  };
}

export const dns1123Label = format(63, DNS1123_LABEL, (v) =>
  DNS1123_SUBDOMAIN.test(v)
    ? 'must not contain dots'
    : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", '[a-z0-9]([-a-z0-9]*[a-z0-9])?', 'my-name', '123-abc'),
);

export const dns1123Subdomain = format(
  253,
  DNS1123_SUBDOMAIN,
  regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*', 'example.com'),
);

export const dns1035Label = format(
  63,
  DNS1035_LABEL,
  regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", '[a-z]([-a-z0-9]*[a-z0-9])?', 'my-name', 'abc-123'),
);

/** RBAC objects: any name that is safe as a URL path segment. */
export function pathSegmentName(v: string): readonly string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (v.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

/** Results of a check, remembered per value: label keys and values repeat across a release's objects. */
function memo(check: (v: string) => readonly string[]): (v: string) => readonly string[] {
  const seen = new Map<string, readonly string[]>();
  return (v) => {
    let r = seen.get(v);
    if (r === undefined) {
      r = check(v);
      if (seen.size < 100_000) seen.set(v, r);
    }
    return r;
  };
}

/** Label keys, annotation keys and other "qualified names": an optional DNS subdomain prefix and a name. */
export const qualifiedName = memo(checkQualifiedName);

function checkQualifiedName(v: string): readonly string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] as string;
  else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of dns1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
  } else {
    return [
      `a valid label key ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]', 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!LABEL_KEY_NAME.test(name)) {
    errs.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]', 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** Label values (most are unique to their object: checked, not remembered). */
export const labelValue = format(
  63,
  LABEL_VALUE,
  regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?', 'MyValue', 'my_value', '12345'),
);

/** A port name none of portName's checks refuses: lower case letters, digits and inner hyphens, a letter somewhere. */
const VALID_PORT_NAME = /^(?=.*[a-z])[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Port names (IANA_SVC_NAME): container ports, Service ports and named targetPorts. */
export function portName(v: string): readonly string[] {
  if (v.length <= 15 && VALID_PORT_NAME.test(v) && !v.includes('--')) return VALID;
  const errs: string[] = [];
  if (v.length > 15) errs.push(maxLen(15));
  if (!/^[-a-z0-9]+$/.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)');
  if (v.includes('--')) errs.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function chdirPrefix(v: string): readonly string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/**
 * Environment variable names. Kubernetes 1.32 turned on RelaxedEnvironmentVariableValidation (beta; GA in 1.34):
 * any printable ASCII but '='. Before that, the C-identifier-like rule below.
 */
export function envVarName(v: string, relaxed: boolean): readonly string[] {
  if (relaxed) {
    if (v.length === 0) return ['environment variable name must be non-empty'];
    return RELAXED_ENV_VAR_NAME.test(v) ? VALID : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
  }
  if (ENV_VAR_NAME.test(v) && !v.startsWith('.')) return VALID;
  const errs: string[] = [];
  if (!ENV_VAR_NAME.test(v)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", '[-._a-zA-Z][-._a-zA-Z0-9]*', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  return errs.concat(chdirPrefix(v));
}

/** Keys of ConfigMap and Secret data. */
export function configMapKey(v: string): readonly string[] {
  if (v.length <= 253 && CONFIG_KEY.test(v) && !v.startsWith('.')) return VALID;
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!CONFIG_KEY.test(v)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  return errs.concat(chdirPrefix(v));
}
