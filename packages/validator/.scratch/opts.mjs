import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { indexBundle } from '../dist/registry/bundle.js';
import { transformSchema, normaliseDefinition } from '../dist/registry/transform.js';
const cfg = JSON.parse(process.argv[2] ?? '{}');
const doc = JSON.parse(readFileSync('/work/shared/kubernetes-schemas/v1.33/_definitions.json','utf8'));
const b = indexBundle('x', doc);
const t3 = performance.now();
const defs = {}; for (const n of Object.keys(b.definitions)) defs[n] = transformSchema(normaliseDefinition(n, b.definitions[n]), {strict:true, nullableOptional:true}, false);
const t4 = performance.now();
const ajv = new Ajv({ allErrors: true, strict: false, logger: false, inlineRefs: false, code: { optimize: false }, formats: { int32: true, int64: true, 'int-or-string': true, 'date-time': true, byte: true, double: true, float: true }, ...cfg});
ajv.addSchema({ $id: 'https://b/x', definitions: defs }, 'https://b/x');
const t5 = performance.now();
const out = [`transform ${(t4-t3).toFixed(0)}`, `add ${(t5-t4).toFixed(0)}`];
let prev = t5;
for (const d of ['apps.v1.Deployment','core.v1.Service','core.v1.ConfigMap','batch.v1.CronJob','core.v1.PersistentVolumeClaim','core.v1.PersistentVolume','networking.v1.Ingress']) {
  ajv.compile({ $ref: `https://b/x#/definitions/io.k8s.api.${d}` }); const now = performance.now(); out.push(`${d.split('.').pop()} ${(now-prev).toFixed(0)}`); prev = now;
}
out.push(`compile total ${(prev-t5).toFixed(0)}`);
console.log(JSON.stringify(cfg), out.join(', '));
