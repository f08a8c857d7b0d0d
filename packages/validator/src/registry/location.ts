// A kubeconform schema location: a templated local path or URL to one standalone JSON schema per kind.
import type { Fetcher } from './fetch.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { checkTemplate, expandSchemaLocation, renderTemplate } from './template.js';
import type { JsonSchema } from './transform.js';

export class SchemaLocationSource implements SchemaSource {
  readonly template: string;
  constructor(
    readonly name: string,
    private readonly fetcher: Fetcher,
  ) {
    this.template = expandSchemaLocation(name);
    checkTemplate(this.template);
  }

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema | undefined> {
    const url = renderTemplate(this.template, lookup);
    const res = await this.fetcher.fetch(url);
    if (!res.found) return undefined;
    let schema: JsonSchema;
    try {
      schema = JSON.parse(res.body) as JsonSchema;
    } catch {
      return undefined; // like kubeconform: a non-parseable response means "try the next location"
    }
    if (schema === null || typeof schema !== 'object') return undefined;
    const { $schema: _s, id: _id, $id: _sid, ...rest } = schema;
    return { id: url, schema: rest };
  }
}
