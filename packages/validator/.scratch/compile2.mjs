import { readFileSync } from 'node:fs';
const t0 = performance.now();
const { Ajv } = await import('ajv');
const { indexBundle } = await import('/work/main/packages/validator/dist/registry/bundle.js');
const { transformSchema, normaliseDefinition } = await import('/work/main/packages/validator/dist/registry/transform.js');
const t1 = performance.now(); console.log('import', (t1-t0).toFixed(0));
const txt = readFileSync('/work/shared/kubernetes-schemas/v1.33/_definitions.json','utf8');
const doc = JSON.parse(txt); const t2 = performance.now(); console.log('read+parse', (t2-t1).toFixed(0));
const b = indexBundle('x', doc); const t3 = performance.now(); console.log('index', (t3-t2).toFixed(0), Object.keys(b.definitions).length);
const defs = {}; for (const n of Object.keys(b.definitions)) defs[n] = transformSchema(normaliseDefinition(n, b.definitions[n]), {strict:true, nullableOptional:true}, false);
const t4 = performance.now(); console.log('transform all', (t4-t3).toFixed(0));
const ajv = new Ajv({ allErrors: true, strict: false, logger: false, inlineRefs: false, code: { optimize: false }, formats: { int32: true, int64: true, 'int-or-string': true, 'date-time': true, byte: true, double: true, float: true }});
ajv.addSchema({ $id: 'https://b/x', definitions: defs }, 'https://b/x');
const t5 = performance.now(); console.log('addSchema', (t5-t4).toFixed(0));
let prev = t5;
for (const d of ['io.k8s.api.apps.v1.Deployment','io.k8s.api.core.v1.Service','io.k8s.api.batch.v1.CronJob','io.k8s.api.core.v1.PersistentVolume']) {
  const f = ajv.compile({ $ref: `https://b/x#/definitions/${d}` }); const now = performance.now(); console.log(d, (now-prev).toFixed(0)); prev = now;
}
let n = 0, size = 0; for (const k in ajv.refs) n++;
console.log('refs', n, Object.keys(ajv.schemas).length);
// count compiled functions
