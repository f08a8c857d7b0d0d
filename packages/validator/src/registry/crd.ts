// CustomResourceDefinition YAML files as a schema source: the `openAPIV3Schema` of every served version, converted
// as kubeconform's scripts/openapi2jsonschema.py converts it (convert.ts), so that `-crd file.yaml` gives the
// verdicts kubeconform gives with the converted schema as a schema location.
import type { Fetcher } from './fetch.js';
import { contentHash } from './fetch.js';
import { gvkKey } from './bundle.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { crdJsonSchema, type JsonSchema } from './convert.js';
import { schemaUrl } from './location.js';
import { splitText } from '../resource/stream.js';
import { parseManifest } from '../resource/parse.js';
import { localResolver } from '../validator/graph.js';

interface CrdVersion {
  file: string;
  hash: string;
  /** JSON pointer of the schema in the CRD document (`/spec/versions/0/schema/openAPIV3Schema`). */
  pointer: string;
  schema: JsonSchema;
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
    const gvk = gvkKey(lookup.apiVersion, lookup.kind);
    const v = (await this.index).get(gvk);
    if (v === undefined) return undefined;
    const url = `${schemaUrl(v.file)}#${v.pointer}`;
    return {
      key: `crd:${v.hash}:${gvk}`,
      url,
      load: () => {
        const schema = crdJsonSchema(v.schema);
        return { schema, resolve: localResolver(schema, url) };
      },
    };
  }

  private async load(): Promise<Map<string, CrdVersion>> {
    const index = new Map<string, CrdVersion>();
    for (const file of this.files) {
      const res = await this.fetcher.fetch(file);
      if (!res.found) throw new Error(`CRD file ${file} not found`);
      const hash = contentHash(res.body);
      for (const crd of crdsIn(file, res.body)) {
        for (const { gvk, pointer, schema } of crdSchemas(crd)) index.set(gvk, { file, hash, pointer, schema });
      }
    }
    return index;
  }
}

function* crdsIn(file: string, text: string): Generator<Record<string, unknown>> {
  for (const doc of splitText(file, text, { maxDocumentBytes: 64 * 1024 * 1024 })) {
    if (doc.text === undefined) throw new Error(`CRD file ${file}: ${doc.error ?? 'unreadable'}`);
    const parsed = parseManifest(doc.text, { strict: false });
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

/** Each served version's schema (apiextensions.k8s.io v1, and v1beta1's spec.validation), by `group/version/kind`. */
export function crdSchemas(crd: Record<string, unknown>): { gvk: string; pointer: string; schema: JsonSchema }[] {
  const spec = (crd.spec ?? {}) as Record<string, unknown>;
  const group = spec.group;
  const kind = (spec.names as { kind?: unknown } | undefined)?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') return [];
  const out: { gvk: string; pointer: string; schema: JsonSchema }[] = [];
  const common = (spec.validation as { openAPIV3Schema?: JsonSchema } | undefined)?.openAPIV3Schema;
  const versions = Array.isArray(spec.versions) ? (spec.versions as Record<string, unknown>[]) : typeof spec.version === 'string' ? [{ name: spec.version }] : [];
  versions.forEach((v, i) => {
    if (typeof v.name !== 'string' || v.served === false) return;
    const own = (v.schema as { openAPIV3Schema?: JsonSchema } | undefined)?.openAPIV3Schema;
    const [schema, pointer] =
      own !== undefined
        ? [own, `/spec/versions/${i}/schema/openAPIV3Schema`]
        : common !== undefined
          ? [common, '/spec/validation/openAPIV3Schema']
          : [{ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, `/spec/versions/${i}`];
    out.push({ gvk: gvkKey(`${group}/${v.name}`, kind), pointer, schema });
  });
  return out;
}
