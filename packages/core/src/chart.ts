// The chart model: what a subchart package declares (ChartSpec) and the files it becomes (GeneratedChart).
import type { TSchema } from '@sinclair/typebox';
import { stringify } from 'yaml';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { listFiles, renderTemplateDir } from './engine.js';
import { HelmforgeError } from './errors.js';
import { mergeValues } from './merge.js';
import { schemaUrl, splitDefinitions, toJsonSchema, valuesSchemaFile, missingDescriptions, patternsWithoutMessage, untitledAlternatives, unportablePatterns, type JsonSchema } from './schema/toolkit.js';
import { validateAgainst } from './schema/validate.js';
import { renderValuesTable } from './schema/values-table.js';
import { renderValuesYaml } from './schema/values-yaml.js';
import type { FileTree } from './writer.js';

export interface Maintainer {
  name: string;
  email?: string;
  url?: string;
}

export interface ChartDependency {
  name: string;
  version: string;
  repository?: string;
  alias?: string;
  condition?: string;
}

/** Chart.yaml, in the key order Helm's own `helm create` uses. */
export interface ChartMetadata {
  apiVersion: 'v2';
  name: string;
  description: string;
  type: 'application' | 'library';
  version: string;
  appVersion: string;
  kubeVersion?: string;
  keywords?: string[];
  home?: string;
  sources?: string[];
  icon?: string;
  maintainers?: Maintainer[];
  annotations?: Record<string, string>;
  dependencies?: ChartDependency[];
}

export interface ChartSpec {
  metadata: Omit<ChartMetadata, 'apiVersion' | 'type'> & { type?: ChartMetadata['type'] };
  /** The values schema, authored with TypeBox (see valuesSchema). */
  schema: TSchema;
  /** Default values; the package's `defaults.ts` types them with Static<typeof schema>. */
  defaults: object;
  /** Directory of the package's `*.hbs` templates (rendered into templates/). */
  templatesDir: string;
  /** Values scenarios written as ci/<name>-values.yaml and rendered by `helmforge validate`. */
  scenarios?: Record<string, object>;
  /** Markdown placed in the README between the title and the values table. */
  readme?: string;
  /** Directory copied verbatim into the chart's files/ (never templated: alert rules, dashboards …). */
  filesDir?: string;
  /** Written as the chart's .helmforge-lint.yaml, which `helmforge validate` and `helmforge lint` read. */
  lint?: ChartLintConfig;
}

/**
 * What the lint rules should know about a chart: objects its values refer to without the chart creating them (an
 * `existingSecret` of a ci scenario), and objects that break a rule on purpose (in one scenario when it names one). Each
 * says why.
 */
export interface ChartLintConfig {
  external?: { kind: string; name: string; reason: string }[];
  exemptions?: { rule: string; kind: string; name: string; scenario?: string; reason: string }[];
}

/** The `global` that a ci scenario of each subchart sets, as an umbrella passes it down: a registry and its pull Secret. */
export const CI_GLOBAL = { imageRegistry: 'registry.example.lan:30500', imagePullSecrets: ['registry-pull'], commonLabels: { team: 'platform' } };

/** The lint `external` entry for CI_GLOBAL's pull Secret, which no subchart creates on its own. */
export const CI_GLOBAL_PULL_SECRET = { kind: 'Secret', name: 'registry-pull', reason: 'the pull Secret of global.imagePullSecrets, created by the registry part or by hand' };

/** The text of a chart's .helmforge-lint.yaml. */
export function lintConfigYaml(config: ChartLintConfig, header: string[]): string {
  const comments = header.map((l) => `# ${l}`.trimEnd()).join('\n');
  return `${comments}\n${stringify(config, { lineWidth: 0 })}`;
}

export interface GeneratedChart {
  metadata: ChartMetadata;
  valuesSchema: JsonSchema;
  values: object;
  scenarios: Record<string, object>;
  /** Paths relative to the chart directory. */
  files: FileTree;
}

/** What a subchart package declares about itself; see defineSubchart. */
export interface SubchartDefinition extends Omit<ChartSpec, 'metadata' | 'templatesDir' | 'filesDir'> {
  metadata: Omit<ChartSpec['metadata'], 'annotations'>;
  /** The package's `import.meta.url` (of src/index): templates/ and, if present, files/ sit beside src/. */
  packageUrl: string;
}

/** What an umbrella decides about a vendored subchart: its version and extra Chart.yaml annotations. */
export interface SubchartRelease {
  version?: string;
  annotations?: Record<string, string>;
}

export interface Subchart {
  CHART_NAME: string;
  CHART_VERSION: string;
  generate(release?: SubchartRelease): GeneratedChart;
}

/** The contract every subchart package exports: its name, version and a generate() over buildChart. */
export function defineSubchart(def: SubchartDefinition): Subchart {
  const { packageUrl, metadata, ...rest } = def;
  const filesDir = fileURLToPath(new URL('../files/', packageUrl));
  const spec: ChartSpec = {
    ...rest,
    metadata: { ...metadata, annotations: { 'helmforge.dev/generated': 'true' } },
    templatesDir: fileURLToPath(new URL('../templates/', packageUrl)),
    ...(existsSync(filesDir) ? { filesDir } : {}),
  };
  const generate = ({ version, annotations }: SubchartRelease = {}) =>
    buildChart({ ...spec, metadata: { ...spec.metadata, version: version ?? spec.metadata.version, annotations: { ...spec.metadata.annotations, ...annotations } } });
  return { CHART_NAME: metadata.name, CHART_VERSION: metadata.version, generate };
}

const CORE_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

// .helmforge-manifest (fs/ownership.ts) marks the tree as generated; it is no part of the chart when packaged.
export const HELMIGNORE = ['# Patterns to ignore when building packages.', '.DS_Store', '.git/', '.gitignore', '*.swp', '*.bak', '*.tmp', '*.orig', '*~', '.idea/', '.vscode/', '.helmforge-manifest', ''].join('\n');

/**
 * YAML for Helm to read. Helm parses YAML 1.1 (go-yaml), where unquoted yes, on, 12:30 or 2026-01-01 are
 * not strings; writing in 1.1 mode quotes such strings so they arrive as written.
 */
export function toHelmYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

export function chartYaml(metadata: ChartMetadata): string {
  return toHelmYaml(metadata);
}

/** Renders one chart: Chart.yaml, values.yaml, values.schema.json, templates, README.md, ci/, .helmignore. */
export function buildChart(spec: ChartSpec): GeneratedChart {
  const metadata: ChartMetadata = { apiVersion: 'v2', ...spec.metadata, type: spec.metadata.type ?? 'application' } as ChartMetadata;
  const name = metadata.name;
  const valuesSchema = toJsonSchema(spec.schema, { $id: schemaUrl(valuesSchemaFile(name)) });
  // the checks below are on the chart's own schema text; the Kubernetes definitions it carries pass them once, in a test
  const own = splitDefinitions(valuesSchema).body;
  const undocumented = missingDescriptions(own);
  if (undocumented.length) {
    throw new HelmforgeError(`chart ${name}: every values property needs a description`, undocumented.map((pointer) => ({ pointer, message: 'no description' })));
  }
  const unportable = unportablePatterns(own);
  if (unportable.length) {
    throw new HelmforgeError(`chart ${name}: patterns Helm's Go regexp cannot compile`, unportable.map((pointer) => ({ pointer, message: 'lookaround or backreference in pattern', hint: 'rewrite it for RE2, e.g. with `not` instead of a negative lookahead' })));
  }
  const unexplained = patternsWithoutMessage(own);
  if (unexplained.length) {
    throw new HelmforgeError(`chart ${name}: every pattern needs a patternErrorMessage`, unexplained.map((pointer) => ({ pointer, message: 'pattern without patternErrorMessage', hint: 'write it with pattern(regex, "must be …") from @helmforge/core' })));
  }
  const untitled = untitledAlternatives(own);
  if (untitled.length) {
    throw new HelmforgeError(`chart ${name}: every anyOf/oneOf alternative needs a title`, untitled.map((pointer) => ({ pointer, message: 'alternative without title', hint: 'give it a title that tells it apart in the editor, e.g. Null("Not set (null)")' })));
  }
  const files: FileTree = new Map();
  files.set('Chart.yaml', chartYaml(metadata));
  files.set('values.schema.json', `${JSON.stringify(valuesSchema, null, 2)}\n`);
  files.set('values.yaml', renderValuesYaml(valuesSchema, spec.defaults, { header: [`Default values for the ${name} chart (generated by helmforge; edit the stack file, not this file).`, 'Every key is described in values.schema.json and README.md.'], schemaPath: 'values.schema.json' }));
  files.set('.helmignore', HELMIGNORE);
  const context = { chart: name };
  for (const f of [...renderTemplateDir(CORE_TEMPLATES, context), ...renderTemplateDir(spec.templatesDir, context)]) files.set(`templates/${f.path}`, f.content);
  if (spec.filesDir) for (const f of listFiles(spec.filesDir)) files.set(`files/${relative(spec.filesDir, f).split(sep).join('/')}`, readFileSync(f, 'utf8'));
  for (const [scenario, values] of Object.entries(spec.scenarios ?? {})) files.set(`ci/${scenario}-values.yaml`, toHelmYaml(values));
  files.set('README.md', chartReadme(metadata, spec.readme ?? '', renderValuesTable(valuesSchema, spec.defaults)));
  if (spec.lint !== undefined) files.set('.helmforge-lint.yaml', lintConfigYaml(spec.lint, [`What helmforge lint should know about the ${name} chart (generated; see docs/rules.md).`, 'external: objects the ci/ scenarios name that the chart does not create (they exist beforehand).', ...(spec.lint.exemptions !== undefined ? ['exemptions: objects that break a rule on purpose, each with the reason.'] : [])]));
  return { metadata, valuesSchema, values: spec.defaults, scenarios: spec.scenarios ?? {}, files };
}

/**
 * Checks a chart's defaults and each CI scenario (merged onto the defaults, as Helm does) against its
 * values schema. Tests call it for every chart; generation skips it because compiling a schema costs more
 * than everything else `helmforge generate` does.
 */
export function verifyChartValues(chart: GeneratedChart): void {
  const name = chart.metadata.name;
  checkValues(name, 'values.yaml', chart.valuesSchema, chart.values);
  for (const [scenario, values] of Object.entries(chart.scenarios)) checkValues(name, `ci/${scenario}-values.yaml`, chart.valuesSchema, mergeValues(chart.values, values));
}

export function chartReadme(metadata: ChartMetadata, body: string, table: string): string {
  return [
    `# ${metadata.name}`,
    '',
    `![Version: ${metadata.version}](https://img.shields.io/badge/Version-${metadata.version.replace(/-/g, '--')}-informational) ![AppVersion: ${metadata.appVersion}](https://img.shields.io/badge/AppVersion-${metadata.appVersion.replace(/-/g, '--')}-informational)`,
    '',
    metadata.description,
    '',
    ...(body ? [body.trim(), ''] : []),
    '## Values',
    '',
    table,
    '',
    '_Generated by helmforge from the chart\'s values schema._',
  ].join('\n');
}

function checkValues(chart: string, file: string, schema: JsonSchema, values: unknown): void {
  const problems = validateAgainst(schema, values);
  if (problems.length) throw new HelmforgeError(`chart ${chart}: ${file} does not match the values schema`, problems.map((p) => ({ ...p, file })));
}
