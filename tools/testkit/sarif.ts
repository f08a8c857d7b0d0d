// Test kit: a validator of SARIF 2.1.0 logs, from the JSON schema that @microsoft/jest-sarif ships (draft-04).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What Ajv's compile returns, as far as the tests read it (ajv-draft-04 is the test packages' dependency, not this kit's). */
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
type AjvDraft4 = new (options: Record<string, unknown>) => { compile(schema: unknown): Validate };

/** Compiles the SARIF 2.1.0 schema; resolved from the calling package (both test packages depend on the two). */
export function sarifValidator(from: string): Validate {
  const require = createRequire(from);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const Ajv = (require('ajv-draft-04') as { default: AjvDraft4 }).default;
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
}
