const t0 = performance.now();
const { Validator } = await import('../dist/validator/validator.js');
const t1 = performance.now();
const v = new Validator({ schemaBundles: ['/work/shared/kubernetes-schemas/v1.33/_definitions.json'], strict: true });
const kinds = [['apps/v1','Deployment'],['v1','Service'],['v1','ConfigMap'],['batch/v1','CronJob'],['v1','PersistentVolumeClaim'],['v1','PersistentVolume'],['networking.k8s.io/v1','Ingress']];
let prev = performance.now();
console.log('import', (t1-t0).toFixed(0));
for (const [a,k] of kinds) { await v.lookup(a,k); const now = performance.now(); console.log(k, (now-prev).toFixed(0), 'ms'); prev = now; }
console.log('total', (prev - t1).toFixed(0), 'refs', Object.keys(v['ajv'].refs).length, 'schemas', Object.keys(v['ajv'].schemas).length);
const { splitText } = await import('../dist/resource/stream.js');
const { readFileSync, readdirSync } = await import('node:fs');
const files = readdirSync('/tmp/hfcorpus/21000').sort();
const c = {};
let t = performance.now();
for (const [i, f] of files.entries()) {
  for (const d of splitText(f, readFileSync('/tmp/hfcorpus/21000/' + f))) for (const r of await v.validateDocument(d)) c[r.status] = (c[r.status] ?? 0) + 1;
  if (i === 0 || i === 9 || i === 49 || i === 209) { console.log('files', i + 1, (performance.now() - t).toFixed(0), 'ms', JSON.stringify(c)); }
}
