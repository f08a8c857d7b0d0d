import { readFileSync } from 'node:fs';
import { indexBundle } from '../dist/registry/bundle.js';
import { transformSchema, normaliseDefinition } from '../dist/registry/transform.js';
const doc = JSON.parse(readFileSync('/work/shared/kubernetes-schemas/v1.33/_definitions.json','utf8'));
const b = indexBundle('x', doc);
const sib = new Map();
function walk(s) { if (s && typeof s === 'object') { if (!Array.isArray(s) && typeof s.$ref === 'string') { const k = Object.keys(s).filter(k=>k!=='$ref').join(','); sib.set(k, (sib.get(k)??0)+1); } for (const v of Object.values(s)) walk(v); } }
for (const strict of [true,false]) for (const n of Object.keys(b.definitions)) walk(transformSchema(normaliseDefinition(n, b.definitions[n]), {strict, nullableOptional:true}, false));
console.log(sib);
const raw = new Map(); function walk2(s) { if (s && typeof s === 'object') { if (!Array.isArray(s) && typeof s.$ref === 'string') { const k = Object.keys(s).filter(k=>k!=='$ref').join(','); raw.set(k, (raw.get(k)??0)+1); } for (const v of Object.values(s)) walk2(v); } }
walk2(doc); console.log(raw);
