// Composes the umbrella chart from a checked stack: Chart.yaml with one dependency per component (and one
// alias per application), the subcharts vendored under charts/, merged values, and a values schema that
// holds every subchart's schema under its key or alias.
import {
  DRAFT_07, forEditors, GlobalValues, HELMIGNORE, chartReadme, chartYaml, mergeValues, normalizeText, renderTemplateDir, renderValuesTable, renderValuesYaml,
  schemaUrl, toHelmYaml, toJsonSchema, valuesSchemaFile, type ChartDependency, type ChartMetadata, type FileTree, type JsonSchema,
} from '@helmforge/core';
import { fileURLToPath } from 'node:url';
import { APP_CHART, COMPONENTS, type SubchartPackage } from './components.js';
import { CT_CONFIG } from './chart-testing.js';
import { chartLock } from './lock.js';
import { artifactHubImages, imagesOf } from './images.js';
import { chartAnnotations } from './metadata.js';
import { platformDiagram } from './diagram.js';
import { argoApplicationSchema, argoApplicationSchemaFile, helmReleaseSchema, helmReleaseSchemaFile, schemaAssociations, schemaCatalog } from './editor-schemas.js';
import { sectionDefinitions, STACK_SCHEMA_FILE, stackSchema, type StackConfig } from './stack.js';
import { CONTENT_HASH_ANNOTATION, contentHash, subchartVersion, type PreviousGeneration } from './versions.js';

export interface ComposedPlatform {
  /** The umbrella chart directory's files (relative to charts/<name>/). */
  chart: FileTree;
  /** The files of schemas/. */
  schemas: FileTree;
  metadata: ChartMetadata;
}

interface Part {
  key: string;
  chart: SubchartPackage;
  values: Record<string, unknown>;
  alias: boolean;
  summary: string;
}

const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

/**
 * The umbrella chart and the schemas for a checked stack. `previous` is what the last generation recorded about the
 * vendored subcharts (see versions.ts); without it every subchart has its package's version.
 */
export function composePlatform(stack: StackConfig, previous: PreviousGeneration = new Map()): ComposedPlatform {
  const parts: Part[] = [
    ...COMPONENTS.map((c) => ({ key: c.key, chart: c.chart, values: stack.components[c.key] ?? { enabled: true }, alias: false, summary: c.summary })),
    ...Object.entries(stack.apps).map(([name, values]) => ({ key: name, chart: APP_CHART, values, alias: true, summary: `Application \`${name}\` (${APP_CHART.CHART_NAME}).` })),
  ];
  const m = stack.metadata;
  // Each subchart once, even when several aliases use it; its version follows its content (versions.ts).
  const subcharts = new Map([...new Set(parts.map((p) => p.chart))].map((chart) => {
    const plain = chart.generate();
    const hash = contentHash(plain.files);
    const version = subchartVersion(chart.CHART_VERSION, hash, previous.get(chart.CHART_NAME));
    const annotations = { ...plain.metadata.annotations, [CONTENT_HASH_ANNOTATION]: hash };
    // Only Chart.yaml changes while the version is the package's; a new version is also in the README, so regenerate.
    if (version !== chart.CHART_VERSION) return [chart, chart.generate({ version, annotations })] as const;
    const metadata = { ...plain.metadata, annotations };
    return [chart, { ...plain, metadata, files: new Map(plain.files).set('Chart.yaml', chartYaml(metadata)) }] as const;
  }));
  const versionOf = (chart: SubchartPackage) => subcharts.get(chart)?.metadata.version ?? chart.CHART_VERSION;

  // The umbrella's name is every object's app.kubernetes.io/part-of (the charts' labels helper reads global.partOf).
  const global = { ...(stack.global ?? {}), partOf: stack.global?.partOf ?? m.name };
  // each enabled part's values as its chart sees them: defaults, the stack's section, the umbrella's global
  const enabled = parts.filter((p) => p.values.enabled !== false).map((p) => ({ part: p, values: mergeValues(mergeValues(p.chart.defaults, p.values), { global }) }));
  const images = artifactHubImages(enabled.flatMap(({ values }) => imagesOf(values, global.imageRegistry ?? '')));
  const diagram = platformDiagram(enabled.map(({ part, values }) => ({ key: part.key, topology: part.chart.topology(values as never, { release: m.name, chart: part.key }) })));
  const metadata: ChartMetadata = {
    apiVersion: 'v2',
    name: m.name,
    description: m.description,
    type: 'application',
    version: m.version,
    appVersion: m.appVersion,
    ...(m.kubeVersion ? { kubeVersion: m.kubeVersion } : {}),
    ...(m.keywords ? { keywords: m.keywords } : {}),
    ...(m.home ? { home: m.home } : {}),
    ...(m.sources ? { sources: m.sources } : {}),
    ...(m.icon ? { icon: m.icon } : {}),
    ...(m.maintainers ? { maintainers: m.maintainers } : {}),
    annotations: chartAnnotations(m.annotations, images, { 'helmforge.dev/generated': 'true', 'helmforge.dev/stack-api-version': stack.apiVersion }),
    dependencies: parts.map((p): ChartDependency => ({ name: p.chart.CHART_NAME, version: versionOf(p.chart), ...(p.alias ? { alias: p.key } : {}), condition: `${p.key}.enabled` })),
  };

  const schema = umbrellaSchema(m.name, parts);
  const values = { global, ...Object.fromEntries(parts.map((p) => [p.key, orderEnabledFirst(p.values)])) };

  const files: FileTree = new Map();
  files.set('Chart.yaml', chartYaml(metadata));
  files.set('Chart.lock', chartLock(metadata.dependencies ?? []));
  files.set('values.yaml', renderValuesYaml(schema, values, { header: [`Values of the ${m.name} umbrella chart, generated by helmforge from helmforge.yaml.`, 'Each subchart section overrides that chart\'s own defaults (see charts/<chart>/values.yaml).'], schemaPath: 'values.schema.json' }));
  files.set('values.schema.json', jsonFile(schema));
  files.set('.helmignore', `${HELMIGNORE}# chart-testing's settings (helmforge generate writes them beside the chart)\n${CT_CONFIG}\n`);
  for (const f of renderTemplateDir(TEMPLATES, { chart: m.name })) files.set(`templates/${f.path}`, f.content);
  for (const [name, scenario] of Object.entries(umbrellaScenarios(parts))) files.set(`ci/${name}-values.yaml`, toHelmYaml(scenario));
  files.set('README.md', chartReadme(metadata, umbrellaReadmeBody(stack, parts, diagram), renderValuesTable(schema, values, { skip: [], whole: parts.map((p) => p.key) })));

  const schemas: FileTree = new Map();
  for (const [chart, generated] of subcharts) {
    for (const [path, content] of generated.files) files.set(`charts/${chart.CHART_NAME}/${path}`, content);
    schemas.set(valuesSchemaFile(chart.CHART_NAME), jsonFile(generated.valuesSchema));
  }
  schemas.set(valuesSchemaFile(m.name), files.get('values.schema.json') ?? '');
  schemas.set(STACK_SCHEMA_FILE, jsonFile(stackSchema()));
  schemas.set(helmReleaseSchemaFile(m.name), jsonFile(helmReleaseSchema(m.name)));
  schemas.set(argoApplicationSchemaFile(m.name), jsonFile(argoApplicationSchema(m.name)));
  schemas.set('catalog.json', jsonFile(schemaCatalog(schemaAssociations(m.name, [...new Set(parts.map((p) => p.chart.CHART_NAME))]))));
  return { chart: normalized(files), schemas: normalized(schemas), metadata };
}

/**
 * The umbrella values schema. Helm checks the umbrella's own values (before the subcharts' defaults are
 * merged in) against it, then each subchart's merged values against the subchart's schema; so each
 * section here is the subchart schema without `required`: types, bounds and unknown keys still fail.
 */
function umbrellaSchema(name: string, parts: Part[]): JsonSchema {
  const definitions = sectionDefinitions(new Set(parts.map((p) => p.chart)));
  const { $schema: _drop, ...global } = toJsonSchema(GlobalValues);
  const properties: Record<string, unknown> = { global };
  for (const p of parts) {
    // allOf keeps the description visible: draft-07 ignores siblings of a bare $ref.
    properties[p.key] = { description: p.summary, allOf: [{ $ref: `#/definitions/${p.chart.CHART_NAME}` }] };
  }
  // the sections were made for editors already (valuesSchemaOf): only the umbrella's own text needs it
  const own = forEditors({
    $schema: DRAFT_07,
    $id: schemaUrl(valuesSchemaFile(name)),
    title: `${name} umbrella chart values`,
    description: 'Values of the umbrella chart: `global` and one section per subchart (key or alias).',
    type: 'object',
    additionalProperties: false,
    properties,
  });
  return { ...own, definitions };
}

/** Scenarios `helmforge validate` renders: everything on, and each part switched off in turn. */
function umbrellaScenarios(parts: Part[]): Record<string, object> {
  const scenarios: Record<string, object> = { 'all-on': Object.fromEntries(parts.map((p) => [p.key, { enabled: true }])) };
  for (const p of parts) scenarios[`without-${p.key}`] = { [p.key]: { enabled: false } };
  return scenarios;
}

function umbrellaReadmeBody(stack: StackConfig, parts: Part[], diagram: string): string {
  const rows = parts.map((p) => `| \`${p.key}\` | [${p.chart.CHART_NAME}](charts/${p.chart.CHART_NAME}/README.md) | ${p.values.enabled ? 'yes' : 'no'} | ${p.summary} |`);
  const nodes = stack.cluster?.nodes ?? [];
  return [
    'Generated by helmforge from `helmforge.yaml`; installs with plain Helm (`--render-subchart-notes` shows each part\'s notes: the NFS exports to create, the registry login, the Grafana password):',
    '',
    '```sh',
    `helm install ${stack.metadata.name} ./charts/${stack.metadata.name} --namespace ${stack.metadata.name} --create-namespace --render-subchart-notes`,
    `helm test ${stack.metadata.name} --namespace ${stack.metadata.name}`,
    '```',
    '',
    '## Parts',
    '',
    '| Key | Chart | Enabled | What it is |',
    '|-----|-------|---------|------------|',
    ...rows,
    '',
    'Switch a part off at install time with `--set <key>.enabled=false`. Every section is checked by Helm against',
    '`values.schema.json`, which holds each subchart\'s schema under its key.',
    '',
    '## Picture of the platform',
    '',
    `What \`helm install ${stack.metadata.name}\` creates with these values: each part's workloads and Services, the claims and the NFS exports`,
    'behind them, the pull Secret and the registry it logs in to, what Prometheus scrapes and what Grafana reads. It is drawn from',
    'the same values the templates read and regenerated with the chart; a test renders the chart with helm and finds every arrow',
    'among the references of the rendered objects.',
    '',
    '```mermaid',
    diagram,
    '```',
    ...(nodes.length ? ['', '## Cluster', '', ...nodes.map((n) => `- \`${n.name}\` at \`${n.address}\`${n.roles?.length ? ` (${n.roles.join(', ')})` : ''}`)] : []),
  ].join('\n');
}

function orderEnabledFirst(values: Record<string, unknown>): Record<string, unknown> {
  const { enabled, ...rest } = values;
  return { enabled: enabled !== false, ...rest };
}

const jsonFile = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function normalized(tree: FileTree): FileTree {
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, normalizeText(v)]));
}
