// The stack file (helmforge.yaml): which parts the platform has and how each is configured. Its schema is
// composed from the subcharts' own values schemas, so an editor completes and checks every key.
import {
  DNS_LABEL, decodeUtf8, forEditors, GlobalValues, pattern, schemaUrl, HelmforgeError, T, mergeValues, parseYamlSource, splitDefinitions, toJsonSchema, validateAgainst, validateOverride,
  type JsonSchema, type Problem, type Static,
} from '@helmforge/core';
import { readFileSync } from 'node:fs';
import { APP_CHART, COMPONENTS, type SubchartPackage } from './components.js';
import { ChartLinks } from './metadata.js';

export const STACK_API_VERSION = 'helmforge.dev/v1alpha1';
/** The stack file's schema under schemas/. */
export const STACK_SCHEMA_FILE = 'helmforge.schema.json';

/** Problems a stack file's error lists at most. */
const MAX_PROBLEMS = 20;

/** Semantic Versioning 2.0.0 (the official regex, which is RE2-compatible). */
export const SEMVER =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

const Metadata = T.Object(
  {
    name: T.String({ description: 'Name of the umbrella chart (a DNS-1123 label); it is written to charts/<name>/.', ...DNS_LABEL, maxLength: 53 }),
    version: T.String({ description: 'Chart version (SemVer 2), bumped on every change you publish.', ...pattern(SEMVER, 'must be a semantic version (SemVer 2) such as `0.1.0` or `1.2.0-rc.1`') }),
    appVersion: T.String({ description: 'Version of the platform as a whole (free text, quoted in Chart.yaml).', minLength: 1 }),
    description: T.String({ description: 'One-line description of the platform.', minLength: 1 }),
    ...ChartLinks,
  },
  { description: 'Identity of the generated umbrella chart.', additionalProperties: false },
);

const Node = T.Object(
  {
    name: T.String({ description: 'Node name.', ...DNS_LABEL }),
    address: T.String({ description: 'IP address or host name the node is reached at.', minLength: 1 }),
    roles: T.Optional(T.Array(T.String({ description: 'Role, e.g. control-plane or worker.' }), { description: 'Roles of the node.' })),
  },
  { description: 'A cluster node.', additionalProperties: false },
);

const Cluster = T.Object(
  {
    nodes: T.Array(Node, { description: 'The cluster nodes (informational: NOTES.txt shows how to reach NodePort services on them).' }),
  },
  { description: 'Facts about the target cluster.', additionalProperties: false },
);

const StackBase = T.Object(
  {
    apiVersion: T.Literal(STACK_API_VERSION, { description: `Stack file format version; always ${STACK_API_VERSION}.` }),
    kind: T.Literal('Platform', { description: 'Always Platform.' }),
    metadata: Metadata,
    cluster: T.Optional(Cluster),
    global: T.Optional(GlobalValues),
  },
  { additionalProperties: false },
);

export type StackConfig = Static<typeof StackBase> & {
  /** Values overrides per fixed component, keyed by subchart name. */
  components: Record<string, ComponentValues>;
  /** Values overrides per application, keyed by application (alias) name. */
  apps: Record<string, ComponentValues>;
};

export type ComponentValues = { enabled: boolean } & Record<string, unknown>;

const schemaCache = new Map<SubchartPackage, JsonSchema>();

/** A subchart's values schema as plain JSON Schema, built once (ajv caches compiled validators by object). */
export function valuesSchemaOf(chart: SubchartPackage): JsonSchema {
  let schema = schemaCache.get(chart);
  if (!schema) schemaCache.set(chart, (schema = toJsonSchema(chart.schema)));
  return schema;
}

/**
 * The definitions of a schema that holds subchart sections (the umbrella values, the stack file): each chart's values
 * schema without `$schema` and `required` (see partialSchema) under its chart name, and the Kubernetes definitions
 * their typed fields refer to, once, beside them (a `#/definitions/…` reference resolves against the root).
 */
export function sectionDefinitions(charts: Iterable<SubchartPackage>): Record<string, JsonSchema> {
  const sections: Record<string, JsonSchema> = {};
  const shared: Record<string, JsonSchema> = {};
  for (const chart of charts) {
    const { body, definitions } = sectionOf(chart);
    sections[chart.CHART_NAME] = body;
    Object.assign(shared, definitions);
  }
  return { ...sections, ...Object.fromEntries(Object.entries(shared).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

const sectionCache = new Map<SubchartPackage, { body: JsonSchema; definitions: Record<string, JsonSchema> }>();

/** A chart's section (built once: the umbrella values and the stack file both hold it) and the definitions it needs. */
function sectionOf(chart: SubchartPackage): { body: JsonSchema; definitions: Record<string, JsonSchema> } {
  let section = sectionCache.get(chart);
  if (!section) {
    // an embedded schema keeps no $schema or $id: an $id would move the base of its #/definitions references
    const { $schema: _drop, $id: _id, ...schema } = valuesSchemaOf(chart);
    const { body, definitions } = splitDefinitions(schema);
    sectionCache.set(chart, (section = { body: partialSchema(body) as JsonSchema, definitions }));
  }
  return section;
}

/**
 * The same schema without `required` along its structure (properties, items, maps, allOf, definitions),
 * for partial overrides that the chart's defaults complete. Conditional and alternative keywords (if/then,
 * not, anyOf, oneOf) are kept verbatim: stripping `required` inside them would change what they mean.
 */
export function partialSchema(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'required') continue;
    if ((key === 'properties' || key === 'definitions') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, partialSchema(v)]));
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = partialSchema(value);
    } else if (key === 'allOf' && Array.isArray(value)) {
      out[key] = value.map(partialSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Keys an application may not have: the parts' keys and the umbrella's own sections. */
export const RESERVED_APP_NAMES = [...COMPONENTS.map((c) => c.key), 'global', 'apps'];

let stackSchemaCache: JsonSchema | undefined;
let shapeCache: JsonSchema | undefined;

/**
 * The stack schema with each part's section reduced to "an object": what loadStack checks first. The
 * sections are then checked merged with their chart's defaults against the full chart schema, which
 * finds the same mistakes with the same pointers, and compiles each chart schema only once.
 */
function stackShapeSchema(): JsonSchema {
  if (!shapeCache) {
    const { definitions: _drop, ...full } = stackSchema() as JsonSchema & { properties: Record<string, unknown> };
    const properties: Record<string, unknown> = { ...full.properties };
    const section = { type: 'object', properties: { enabled: { type: 'boolean' } } };
    for (const c of COMPONENTS) properties[c.key] = section;
    properties.apps = { ...(properties.apps as object), additionalProperties: section };
    shapeCache = { ...full, properties };
  }
  return shapeCache;
}

/** JSON Schema of the stack file (schemas/helmforge.schema.json). */
export function stackSchema(): JsonSchema {
  return (stackSchemaCache ??= buildStackSchema());
}

function buildStackSchema(): JsonSchema {
  const converted = toJsonSchema(StackBase, { $id: schemaUrl(STACK_SCHEMA_FILE), title: 'helmforge stack file', description: 'Describes the platform that `helmforge generate` turns into an umbrella Helm chart.' }) as JsonSchema & { properties: Record<string, unknown> };
  const base: JsonSchema & { properties: Record<string, unknown> } = { ...converted, properties: { ...converted.properties } };
  const definitions = sectionDefinitions([...COMPONENTS.map((x) => x.chart), APP_CHART]);
  for (const c of COMPONENTS) {
    base.properties[c.key] = { description: `${c.summary} Values here override the ${c.chart.CHART_NAME} chart's defaults; \`enabled: false\` leaves it out.`, allOf: [{ $ref: `#/definitions/${c.chart.CHART_NAME}` }] };
  }
  base.properties.apps = {
    description: `Applications, each an instance of the ${APP_CHART.CHART_NAME} chart under its own name (a Helm dependency alias).`,
    type: 'object',
    // names become label values and container names: the name of a part would collide with it, and an all-digit name
    // would reach the API server as a number
    propertyNames: {
      description: `An application name: a DNS-1123 label that is not all digits and not ${RESERVED_APP_NAMES.join(', ')}.`,
      ...DNS_LABEL,
      maxLength: 53,
      allOf: [pattern('[a-z-]', 'must not be all digits: the name becomes label values and container names, which the API server would read as a number')],
      not: { enum: RESERVED_APP_NAMES },
    },
    additionalProperties: { description: 'Values for this application (override the chart defaults).', $ref: `#/definitions/${APP_CHART.CHART_NAME}` },
  };
  base.required = ['apiVersion', 'kind', 'metadata'];
  // the sections were made for editors already (valuesSchemaOf): only the stack's own text needs it
  return { ...forEditors(base), definitions };
}

function readStackText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') throw Object.assign(e, { path: e.path ?? file }); // worded by the command from its code
    throw new HelmforgeError(`cannot read the stack file ${file}: no such file; run \`helmforge init\` to write a starter stack file, or pass --config FILE`);
  }
  return decodeUtf8(bytes, file);
}

/**
 * Reads and checks a stack file: YAML syntax, then the stack schema, then each component's overrides
 * merged onto its chart defaults (validateOverride: the verdict of the chart's full schema). Every problem
 * names file, line and pointer.
 */
export function loadStack(file: string, text = readStackText(file)): StackConfig {
  const source = parseYamlSource(text, file);
  const located = (problems: Problem[]): Problem[] =>
    problems.map((p) => {
      const pointer = p.pointer ?? '';
      return { ...p, file, pointer, ...(source.locate(pointer, { key: p.message.startsWith('unknown key') || p.message.startsWith('the name') }) ?? {}) };
    });
  // a file with thousands of mistakes gets the first ones and a count: locating each costs a walk of its mapping
  const reported = (problems: Problem[]): Problem[] => {
    const shown = located(problems.slice(0, MAX_PROBLEMS));
    return problems.length > MAX_PROBLEMS ? [...shown, { file, message: `… and ${problems.length - MAX_PROBLEMS} more problems`, hint: 'fix these first' }] : shown;
  };
  const raw = source.value;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HelmforgeError(`${file}: a stack file is a YAML mapping`, [{ file, line: 1, column: 1, message: 'expected a mapping with apiVersion, kind, metadata …', hint: 'run `helmforge init` for a starter file' }]);
  }
  const structural = validateAgainst(stackShapeSchema(), raw);
  if (structural.length) throw new HelmforgeError(`${file} does not match the stack file schema`, reported(structural));
  const doc = raw as Record<string, unknown>;
  const stack: StackConfig = {
    apiVersion: STACK_API_VERSION,
    kind: 'Platform',
    metadata: doc.metadata as StackConfig['metadata'],
    ...(doc.cluster ? { cluster: doc.cluster as StackConfig['cluster'] } : {}),
    ...(doc.global ? { global: doc.global as StackConfig['global'] } : {}),
    components: {},
    apps: {},
  };
  const problems: Problem[] = [];
  const check = (chart: SubchartPackage, overrides: unknown, pointer: string): ComponentValues => {
    if (problems.length >= MAX_PROBLEMS) return { ...((overrides ?? {}) as Record<string, unknown>), enabled: true };
    const values = (overrides ?? {}) as Record<string, unknown>;
    const { enabled: _enabled, ...changes } = values;
    // Unchanged defaults need no check (tests verify every chart's defaults); global was checked above.
    if (!Object.keys(changes).length) return { ...values, enabled: values.enabled !== false };
    const merged = mergeValues(mergeValues(chart.defaults, { global: doc.global ?? {} }), values);
    problems.push(...validateOverride(valuesSchemaOf(chart), merged, changes).map((p) => ({ ...p, pointer: `${pointer}${p.pointer ?? ''}` })));
    return { ...values, enabled: values.enabled !== false };
  };
  for (const c of COMPONENTS) stack.components[c.key] = check(c.chart, doc[c.key], `/${c.key}`);
  for (const [name, values] of Object.entries((doc.apps ?? {}) as Record<string, unknown>)) stack.apps[name] = check(APP_CHART, values, `/apps/${name}`);
  if (problems.length) throw new HelmforgeError(`${file}: values do not match the charts' schemas`, reported(problems));
  return stack;
}
