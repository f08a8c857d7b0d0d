// Types of standalone-schemas.mjs (for the tests that import it).
export function standaloneName(title: string): string;
export function standaloneSchemas(bundle: { definitions: Record<string, Record<string, unknown>> }, options: { strict: boolean }): Map<string, Record<string, unknown>>;
export function writeStandaloneSchemas(bundlePath: string, outDir: string, version?: string): string[];
