// A kubeconform schema location: a templated local path or URL to one standalone JSON schema per kind.
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash, isUrl, type Fetcher } from './fetch.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { checkTemplate, expandSchemaLocation, renderTemplate } from './template.js';
import { optionalIntOrStringAcceptsNull } from './convert.js';
import { localResolver } from '../validator/graph.js';

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
    const location = renderTemplate(this.template, lookup);
    // kubeconform 0.6 named its -cache files after kind, apiVersion and Kubernetes version: such a cache works as it is
    const res = await this.fetcher.fetch(location, { legacyCacheKey: `${lookup.kind}-${lookup.apiVersion}-${lookup.kubernetesVersion}` });
    if (!res.found) return undefined;
    const body = res.body;
    const url = schemaUrl(location);
    return {
      key: `location:${contentHash(body)}`,
      url,
      nextWhenInvalid: true, // like kubeconform: a schema that does not parse or compile means "try the next location"
      load: () => {
        const schema = JSON.parse(body) as unknown;
        return { schema, resolve: localResolver(schema, url), optionalProperty: optionalIntOrStringAcceptsNull };
      },
    };
  }
}

/** How kubeconform's schema engine names a schema file: an absolute file:// URL (or the URL as given). */
export function schemaUrl(location: string): string {
  if (isUrl(location) || location.startsWith('file://')) return location;
  return pathToFileURL(isAbsolute(location) ? location : resolvePath(location)).href;
}
