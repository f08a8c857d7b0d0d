// Ajv, for what the closure compiler (fastschema.ts) does not do: schemas from schema locations and CRDs (checked
// against the meta-schema, references resolved by Ajv), and positions of bundle definitions outside the subset.
// Loaded on first need (`import()`): most runs against a schema bundle never load it.
import { Ajv, _, type KeywordCxt, type ValidateFunction } from 'ajv';
import { callRef } from 'ajv/dist/vocabularies/core/ref.js';
import { LAZY_REF, LAZY_REF_OR_NULL, type JsonSchema } from '../registry/transform.js';
import { ACCEPTED_FORMATS, NUMBER_FORMATS } from './fastschema.js';

/** What the generated code of a lazy reference calls: the stub compiles the target on first use, then replaces itself. */
export interface RefHolder {
  validate: ValidateFunction;
}

/**
 * Formats of Kubernetes schemas (the same table as the closure compiler's): int32/int64 are range-checked; the
 * others are not asserted (as kubeconform). `refHolder` gives the holder of a lazy reference (`LAZY_REF`,
 * `LAZY_REF_OR_NULL`) of bundle definitions.
 */
export function createAjv(refHolder: (target: string) => RefHolder): Ajv {
  const formats: Record<string, true | { type: 'number'; validate: (n: number) => boolean }> = {};
  for (const [name, validate] of Object.entries(NUMBER_FORMATS)) formats[name] = { type: 'number', validate };
  for (const name of ACCEPTED_FORMATS) formats[name] = true;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    // measured on the v1.33 bundle: separate functions per definition and no code optimisation pass compile a
    // Deployment in about a third of the default time, and validate as fast
    inlineRefs: false,
    code: { optimize: false },
    // the meta-schema check is done by the validator for schemas that do not come from the bundle transform, and
    // compiled kinds are not registered by id (nothing refers to them)
    validateSchema: false,
    addUsedSchema: false,
    validateFormats: true,
    formats,
    // a document's properties are its own keys: `constructor` or `toString` inherited from Object.prototype is not a
    // property that a schema listing those names should check (or count as present when required)
    ownProperties: true,
  });
  // A `$ref` whose target is compiled on first use. The generated call is Ajv's own `$ref` call (callRef: same
  // arguments, errors merged the same way), through a holder as Ajv does for references not compiled yet. The
  // "or null" variant accepts null without calling the target, in place of `if: {type: null}, else: {$ref}`.
  // (The code assumes allErrors, as this instance has it.)
  for (const [keyword, orNull] of [
    [LAZY_REF, false],
    [LAZY_REF_OR_NULL, true],
  ] as const) {
    ajv.addKeyword({
      keyword,
      schemaType: 'string',
      code(cxt: KeywordCxt) {
        const holder = cxt.gen.scopeValue('wrapper', { ref: refHolder(cxt.schema as string) });
        if (orNull) cxt.gen.if(_`${cxt.data} !== null`, () => callRef(cxt, _`${holder}.validate`, undefined, false));
        else callRef(cxt, _`${holder}.validate`, undefined, false);
      },
    });
  }
  return ajv;
}

/** Compiles a schema that Ajv validates whole; `dependencies` are registered under their ids once per instance. */
export function compileWhole(
  ajv: Ajv,
  registered: Set<string>,
  schema: JsonSchema,
  dependencies: readonly { id: string; load: () => JsonSchema }[],
  checkMetaSchema: boolean,
): ValidateFunction {
  for (const dep of dependencies) {
    if (!registered.has(dep.id)) {
      const s = dep.load();
      ajv.validateSchema(s, true);
      ajv.addSchema(s, dep.id);
      registered.add(dep.id);
    }
  }
  if (checkMetaSchema) ajv.validateSchema(schema, true);
  return ajv.compile(schema);
}
