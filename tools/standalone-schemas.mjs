#!/usr/bin/env node
// Writes standalone JSON schemas in the layout and shape of the kubernetes-json-schema collection that kubeconform
// downloads by default (`v1.33.0-standalone-strict/deployment-apps-v1.json`: every reference inlined, optional
// fields nullable, objects closed in strict mode), made from a `_definitions.json` bundle of that collection.
// Tests and benchmarks use it to validate "from kubeconform's own schema locations" without a network and without
// committing the ~60 MB those files take (../shared only holds the bundle).
//
//   node tools/standalone-schemas.mjs BUNDLE OUTDIR [VERSION]   (VERSION default v1.33.0; writes both flavours)
//
// The conversion is the one the collection's generator applies (openapi2jsonschema with --kubernetes --expanded
// --stand-alone [--strict]), as its published files show it:
//  - apiVersion and kind of every kind get an `enum` from x-kubernetes-group-version-kind;
//  - strict: `additionalProperties: false` on every object schema that has `properties` and none;
//  - every `$ref` is replaced by (a copy of) its target, the referring object's other keys dropped;
//  - `type` becomes `[type, "null"]` unless the property is listed in its parent's `required` (by the grandparent
//    rule of openapi2jsonschema's allow_null_optional_fields, which also makes the kind's own top-level properties,
//    array items, map values and the branches of int-or-string's oneOf nullable);
//  - the kind's own schema gets `type: object` when it has none, and `$schema: http://json-schema.org/schema#`.
// Only definitions that are kinds (x-kubernetes-group-version-kind) are written, and not those the collection
// leaves out (CustomResourceDefinition and the JSONSchemaProps family, whose definitions are recursive).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const UNSUPPORTED_STANDALONE = new Set([
  'jsonschemaprops',
  'jsonschemapropsorarray',
  'customresourcevalidation',
  'customresourcedefinition',
  'customresourcedefinitionspec',
  'customresourcedefinitionlist',
  'jsonschemapropsorstringarray',
  'jsonschemapropsorbool',
]);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function appendNoDuplicates(obj, key, value) {
  if (!Array.isArray(obj[key])) obj[key] = [];
  if (!obj[key].includes(value)) obj[key].push(value);
}

/** The file name of a definition in the expanded layout: `deployment-apps-v1`, `service-v1`. */
export function standaloneName(title) {
  const parts = title.split('.');
  const kind = (parts.at(-1) ?? '').toLowerCase();
  const group = (parts.at(-3) ?? '').toLowerCase();
  const version = (parts.at(-2) ?? '').toLowerCase();
  return group === 'core' || group === 'api' ? `${kind}-${version}` : `${kind}-${group}-${version}`;
}

/** Strict: `additionalProperties: false` on every object with `properties` (in place). */
function closeObjects(v) {
  if (Array.isArray(v)) {
    for (const x of v) closeObjects(x);
  } else if (isObject(v)) {
    if ('properties' in v && !('additionalProperties' in v)) v.additionalProperties = false;
    for (const x of Object.values(v)) closeObjects(x);
  }
}

/** Every `{ $ref }` replaced by a copy of its (already inlined) target. */
function inline(v, definitions, stack) {
  if (Array.isArray(v)) return v.map((x) => inline(x, definitions, stack));
  if (!isObject(v)) return v;
  if (typeof v.$ref === 'string') {
    const name = v.$ref.replace(/^.*#\/definitions\//, '');
    if (stack.includes(name)) throw new Error(`recursive definition ${[...stack, name].join(' -> ')}`);
    const target = definitions[name];
    if (target === undefined) throw new Error(`no definition ${name}`);
    return inline(structuredClone(target), definitions, [...stack, name]);
  }
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = inline(x, definitions, stack);
  return out;
}

/** openapi2jsonschema's allow_null_optional_fields, with its parent/grandparent bookkeeping. */
function allowNullOptionalFields(data, parent, grandParent, key) {
  if (!isObject(data)) return data;
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    let nv = v;
    if (isObject(v)) nv = allowNullOptionalFields(v, data, parent, k);
    else if (Array.isArray(v)) nv = v.map((x) => allowNullOptionalFields(x, v, parent, k));
    else if (typeof v === 'string' && k === 'type' && v !== 'null') {
      // (a grandparent that is a list, e.g. oneOf's, never counts as listing `key`)
      const required = isObject(grandParent) ? grandParent.required : undefined;
      const isRequired = Array.isArray(required) ? required.includes(key) : isObject(required) && key in required;
      if (!isRequired) nv = [v, 'null'];
    }
    out[k] = nv;
  }
  return out;
}

/** int-or-string given as a format becomes the oneOf of the collection (its IntOrString definition is one already). */
function replaceIntOrString(v) {
  if (Array.isArray(v)) return v.map(replaceIntOrString);
  if (!isObject(v)) return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = isObject(x) && x.format === 'int-or-string' ? { oneOf: [{ type: 'string' }, { type: 'integer' }] } : replaceIntOrString(x);
  }
  return out;
}

/** The standalone schemas of a bundle's kinds: file name → schema. */
export function standaloneSchemas(bundle, { strict }) {
  const definitions = structuredClone(bundle.definitions);
  for (const def of Object.values(definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const props = def.properties ?? {};
      if ('apiVersion' in props) appendNoDuplicates(props.apiVersion, 'enum', gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);
      if ('kind' in props) appendNoDuplicates(props.kind, 'enum', gvk.kind);
    }
  }
  if (strict) closeObjects(definitions);
  const out = new Map();
  for (const [title, def] of Object.entries(definitions)) {
    if (!Array.isArray(def['x-kubernetes-group-version-kind'])) continue;
    const parts = title.split('.');
    if (parts[2] === 'kubernetes' && parts[3] === 'pkg') continue;
    if (UNSUPPORTED_STANDALONE.has((parts.at(-1) ?? '').toLowerCase())) continue;
    let spec = inline(structuredClone(def), definitions, [title]);
    spec.type ??= 'object';
    if (strict) spec.additionalProperties = false;
    if (isObject(spec.properties)) spec.properties = allowNullOptionalFields(replaceIntOrString(spec.properties), undefined, undefined, undefined);
    spec = { ...spec, $schema: 'http://json-schema.org/schema#' };
    out.set(`${standaloneName(title)}.json`, spec);
  }
  return out;
}

/**
 * Writes `<outDir>/<version>-standalone/` and `<outDir>/<version>-standalone-strict/` (kubeconform's default layout,
 * so `-schema-location <outDir>` finds them); returns the two directories.
 */
export function writeStandaloneSchemas(bundlePath, outDir, version = 'v1.33.0') {
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const dirs = [];
  for (const strict of [false, true]) {
    const dir = join(outDir, `${version}-standalone${strict ? '-strict' : ''}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, schema] of standaloneSchemas(bundle, { strict })) writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
    dirs.push(dir);
  }
  return dirs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [bundle, outDir, version] = process.argv.slice(2);
  if (bundle === undefined || outDir === undefined) {
    console.error('usage: node tools/standalone-schemas.mjs BUNDLE OUTDIR [VERSION]');
    process.exit(2);
  }
  for (const dir of writeStandaloneSchemas(bundle, outDir, version)) console.log(dir);
}
