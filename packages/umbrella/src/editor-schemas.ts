// Schemas and schema associations for editors beyond the charts' own values files: the GitOps objects that carry the
// umbrella's values (a Flux HelmRelease, an Argo CD Application), schemas/catalog.json in the JSON Schema Store
// catalog format, and the file patterns that VS Code's `yaml.schemas` setting maps to the schemas (generate --vscode).
import { DRAFT_07, schemaUrl, valuesSchemaFile, type JsonSchema } from '@helmforge/core';
import { STACK_SCHEMA_FILE } from './stack.js';

export const helmReleaseSchemaFile = (name: string) => `${name}.helmrelease.schema.json`;
export const argoApplicationSchemaFile = (name: string) => `${name}.argocd-application.schema.json`;

/** The umbrella's values schema, referenced by file name: it resolves beside this schema, on disk or where both are published. */
const umbrellaValues = (name: string, description: string) => ({ description, allOf: [{ $ref: valuesSchemaFile(name) }] });

const metadata = { type: 'object', description: 'Standard object metadata (name, namespace, labels, annotations).' };

/** A Flux HelmRelease whose `spec.values` are checked against the umbrella's values schema. */
export function helmReleaseSchema(name: string): JsonSchema {
  return {
    $schema: DRAFT_07,
    $id: schemaUrl(helmReleaseSchemaFile(name)),
    title: `Flux HelmRelease of the ${name} chart`,
    description: `A Flux HelmRelease that installs the ${name} umbrella chart; spec.values is checked against the chart's values schema.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'spec'],
    properties: {
      apiVersion: { description: 'Flux helm-controller API version.', type: 'string', enum: ['helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta2', 'helm.toolkit.fluxcd.io/v2beta1'] },
      kind: { description: 'Always HelmRelease.', const: 'HelmRelease' },
      metadata,
      spec: {
        description: 'The release: chart source, interval, install and upgrade settings (not checked here), and the values.',
        type: 'object',
        properties: { values: umbrellaValues(name, `Values of the ${name} umbrella chart (as in its values.yaml).`) },
      },
    },
  };
}

/** An Argo CD Application whose Helm `valuesObject` (single or multiple sources) is checked against the umbrella's values schema. */
export function argoApplicationSchema(name: string): JsonSchema {
  const source = {
    description: 'An application source; for the chart, helm.valuesObject holds its values.',
    type: 'object',
    properties: {
      helm: {
        description: 'Helm settings of the source.',
        type: 'object',
        properties: {
          valuesObject: umbrellaValues(name, `Values of the ${name} umbrella chart as an object (as in its values.yaml).`),
          values: { description: 'Values as a YAML string (not checked: prefer valuesObject).', type: 'string' },
        },
      },
    },
  };
  return {
    $schema: DRAFT_07,
    $id: schemaUrl(argoApplicationSchemaFile(name)),
    title: `Argo CD Application of the ${name} chart`,
    description: `An Argo CD Application that installs the ${name} umbrella chart; spec.source(s).helm.valuesObject is checked against the chart's values schema.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'spec'],
    properties: {
      apiVersion: { description: 'Argo CD API version.', const: 'argoproj.io/v1alpha1' },
      kind: { description: 'Always Application.', const: 'Application' },
      metadata,
      spec: {
        description: 'The application: destination, project, sync policy (not checked here) and its source or sources.',
        type: 'object',
        properties: { source, sources: { description: 'Several sources (Argo CD 2.6 and later).', type: 'array', items: source } },
      },
    },
  };
}

export interface SchemaAssociation {
  /** File under schemas/. */
  file: string;
  name: string;
  description: string;
  /** Globs of the files it applies to, relative to the directory of the stack file (editors match them at any depth). */
  fileMatch: string[];
}

/**
 * Which files each schema applies to, for a stack whose chart is written to `chartsDir`/<name>/ (relative to the stack
 * file's directory). The GitOps schemas have no file pattern: a HelmRelease or Application is recognised by its
 * content, so those files name their schema in a `# yaml-language-server: $schema=` line.
 */
export function schemaAssociations(name: string, subcharts: string[], chartsDir = 'charts'): SchemaAssociation[] {
  const chart = `${chartsDir}/${name}`;
  const valuesFiles = (dir: string) => [`${dir}/values*.yaml`, `${dir}/ci/*-values.yaml`];
  return [
    { file: STACK_SCHEMA_FILE, name: 'helmforge stack file', description: 'The stack file that `helmforge generate` turns into an umbrella Helm chart.', fileMatch: ['helmforge.yaml', 'helmforge.yml'] },
    { file: valuesSchemaFile(name), name: `${name} chart values`, description: `Values of the ${name} umbrella chart.`, fileMatch: valuesFiles(chart) },
    ...subcharts.map((sub) => ({ file: valuesSchemaFile(sub), name: `${sub} chart values`, description: `Values of the ${sub} subchart of ${name}.`, fileMatch: valuesFiles(`${chart}/charts/${sub}`) })),
    { file: helmReleaseSchemaFile(name), name: `${name} Flux HelmRelease`, description: `A Flux HelmRelease of the ${name} chart, its spec.values checked.`, fileMatch: [] },
    { file: argoApplicationSchemaFile(name), name: `${name} Argo CD Application`, description: `An Argo CD Application of the ${name} chart, its helm.valuesObject checked.`, fileMatch: [] },
  ];
}

/** schemas/catalog.json: the JSON Schema Store catalog format, with each schema at its published URL (its `$id`). */
export function schemaCatalog(associations: SchemaAssociation[]): JsonSchema {
  return {
    $schema: 'https://json.schemastore.org/schema-catalog.json',
    version: 1,
    schemas: associations.map((a) => ({ name: a.name, description: a.description, ...(a.fileMatch.length ? { fileMatch: a.fileMatch } : {}), url: schemaUrl(a.file) })),
  };
}
