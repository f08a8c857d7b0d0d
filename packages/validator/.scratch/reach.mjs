import { readFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync('/work/shared/kubernetes-schemas/v1.33/_definitions.json','utf8'));
const D = doc.definitions;
function refs(s, out) { if (s && typeof s === 'object') { if (typeof s.$ref === 'string') out.add(s.$ref.replace('#/definitions/','')); for (const v of Object.values(s)) refs(v, out); } return out; }
function closure(n) { const seen = new Set([n]); const st = [n]; while (st.length) { for (const r of refs(D[st.pop()], new Set())) if (!seen.has(r)) { seen.add(r); st.push(r); } } return seen; }
const all = new Set();
for (const k of ['io.k8s.api.apps.v1.Deployment','io.k8s.api.core.v1.Service','io.k8s.api.core.v1.ConfigMap','io.k8s.api.batch.v1.CronJob','io.k8s.api.core.v1.PersistentVolumeClaim','io.k8s.api.core.v1.PersistentVolume','io.k8s.api.networking.v1.Ingress']) { const c = closure(k); c.forEach(x=>all.add(x)); console.log(k, c.size, JSON.stringify([...c].map(x=>D[x])).length); }
console.log('union', all.size, 'total defs', Object.keys(D).length);
