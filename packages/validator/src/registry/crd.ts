// CustomResourceDefinition YAML files as a schema source: the `openAPIV3Schema` of every served version,
// converted on the fly (int-or-string, nullable, strict additionalProperties unless unknown fields are preserved).
import type { Fetcher } from './fetch.js';
import { gvkKey } from './bundle.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { transformSchema, type JsonSchema } from './transform.js';
import { splitText } from '../resource/stream.js';
import { parseManifest } from '../resource/parse.js';

interface CrdVersion {
  file: string;
  schema: JsonSchema;
  transformed: Map<boolean, JsonSchema>;
}

export class CrdSource implements SchemaSource {
  private index: Promise<Map<string, CrdVersion>> | undefined;

  constructor(
    readonly files: string[],
    private readonly fetcher: Fetcher,
  ) {}

  get name(): string {
    return this.files.join(', ');
  }

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema | undefined> {
    this.index ??= this.load();
    const v = (await this.index).get(gvkKey(lookup.apiVersion, lookup.kind));
    if (v === undefined) return undefined;
    let t = v.transformed.get(lookup.strict);
    if (t === undefined) {
      t = transformSchema(v.schema, { strict: lookup.strict, nullableOptional: false }, false) as JsonSchema;
      v.transformed.set(lookup.strict, t);
    }
    return { id: `${v.file}#${lookup.apiVersion}/${lookup.kind}${lookup.strict ? ' (strict)' : ''}`, schema: t };
  }

  private async load(): Promise<Map<string, CrdVersion>> {
    const index = new Map<string, CrdVersion>();
    for (const file of this.files) {
      const res = await this.fetcher.fetch(file);
      if (!res.found) throw new Error(`CRD file ${file} not found`);
      for (const crd of crdsIn(file, res.body)) {
        for (const [key, schema] of crdSchemas(crd)) index.set(key, { file, schema, transformed: new Map() });
      }
    }
    return index;
  }
}

function* crdsIn(file: string, text: string): Generator<Record<string, unknown>> {
  for (const doc of splitText(file, text, { maxDocumentBytes: 64 * 1024 * 1024 })) {
    if (doc.text === undefined) throw new Error(`CRD file ${file}: ${doc.error ?? 'unreadable'}`);
    const parsed = parseManifest(doc.text, { strict: false, maxDepth: 1000 });
    if (!parsed.ok) throw new Error(`CRD file ${file}, document ${doc.docIndex + 1}: ${parsed.error}`);
    const stack: unknown[] = [parsed.value];
    while (stack.length > 0) {
      const v = stack.pop() as Record<string, unknown> | null | undefined;
      if (v === null || typeof v !== 'object') continue;
      if (v.kind === 'CustomResourceDefinition') yield v;
      else if (Array.isArray(v.items)) stack.push(...(v.items as unknown[]));
    }
  }
}

/** `group/version/kind` → openAPIV3Schema for each served version (apiextensions.k8s.io v1 and v1beta1). */
export function crdSchemas(crd: Record<string, unknown>): [string, JsonSchema][] {
  const spec = (crd.spec ?? {}) as Record<string, unknown>;
  const group = spec.group;
  const kind = (spec.names as { kind?: unknown } | undefined)?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') return [];
  const out: [string, JsonSchema][] = [];
  const common = (spec.validation as { openAPIV3Schema?: JsonSchema } | undefined)?.openAPIV3Schema;
  const versions = Array.isArray(spec.versions) ? (spec.versions as Record<string, unknown>[]) : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
  for (const v of versions) {
    if (typeof v.name !== 'string' || v.served === false) continue;
    const schema = (v.schema as { openAPIV3Schema?: JsonSchema } | undefined)?.openAPIV3Schema ?? common ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    out.push([gvkKey(`${group}/${v.name}`, kind), schema]);
  }
  return out;
}
