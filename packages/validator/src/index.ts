// @helmforge/validator: kubeconform-compatible Kubernetes schema validation, as a library and as CLIs.
export { validateCommand, DEFAULT_VALIDATE_OPTIONS, type ValidateCommandOptions } from './cli/validate-command.js';
export { runConform, parseConformArgs, conformUsage, VERSION } from './cli/conform.js';
export type { CommandIO } from './cli/io.js';

export { createValidator, schemaSources, Validator, type ValidatorOptions } from './validator/validator.js';
export { SchemaProvider, schemaProvider, type KindSchema, type KindSchemas, type CompileStats } from './validator/schemas.js';
export { SchemaGraph, addSchema, type SchemaNode } from './validator/graph.js';
export { ClosureCompiler, type SchemaErrorItem } from './validator/compile.js';
export { translateGoRegExp, goRegExp, GoRegExpError } from './validator/goregexp.js';
export { validateStream, validateInputs, type StreamOptions } from './validator/pool.js';
export { isFailure, type ValidationResult, type Status, type SchemaError, type Summary } from './validator/result.js';

export { parseShard, inShard, type Shard } from './resource/shard.js';
export { mergeReports, reportFormat, walkOrder, type MergeFormat } from './output/merge.js';
export { readResources, readInputs, inputDocuments, discoverFiles, type DiscoverOptions, type Input, type ReadOptions } from './resource/files.js';
export { splitText, splitStream, DocumentSplitter, DEFAULT_MAX_DOCUMENT_BYTES, type RawDocument, type SplitOptions } from './resource/stream.js';
export { parseManifest, DEFAULT_MAX_DEPTH, type ParseOptions, type ParseResult } from './resource/parse.js';

export type { SchemaSource, SchemaLookup, ResolvedSchema } from './registry/source.js';
export { SchemaLocationSource } from './registry/location.js';
export { BundleSource, indexDefinitions } from './registry/bundle.js';
export { CrdSource, crdSchemas } from './registry/crd.js';
export { StandaloneConverter, crdJsonSchema, optionalIntOrStringAcceptsNull, type JsonSchema } from './registry/convert.js';
export { DefaultFetcher, DEFAULT_DOWNLOAD_TIMEOUT_MS, type Fetcher, type FetchResult, type FetchOptions, type HttpFetcherOptions } from './registry/fetch.js';
export { DEFAULT_SCHEMA_LOCATION, expandSchemaLocation, renderTemplate, templateVariables, type TemplateInput } from './registry/template.js';
export { OnDiskCache } from './cache/ondisk.js';
export { CompiledCache, compiledCacheDir, userCacheDir } from './cache/compiled.js';

export {
  createOutput,
  OUTPUT_FORMATS,
  TextOutput,
  JsonOutput,
  JunitOutput,
  TapOutput,
  PrettyOutput,
  SarifOutput,
  type Output,
  type OutputFormat,
  type OutputOptions,
  type Writer,
} from './output/index.js';
export {
  chartScenarios,
  renderChart,
  helmBinary,
  helmSaid,
  mapLimit,
  pullChart,
  runHelm,
  ociHost,
  noAnswer,
  DEFAULT_NETWORK_TIMEOUT_MS,
  type Scenario,
  type RenderResult,
  type RenderOptions,
  type PullOptions,
  type HelmRun,
} from './chart/render.js';
export { readTarEntries } from './chart/tgz.js';
export { temporaryDirectory, removeTemporaryDirectory, removeTemporaryDirectories } from './chart/temp.js';
