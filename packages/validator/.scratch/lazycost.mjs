const { Validator } = await import('../dist/validator/validator.js');
const { splitText } = await import('../dist/resource/stream.js');
const { parseManifest } = await import('../dist/resource/parse.js');
const { readFileSync, readdirSync } = await import('node:fs');
const v = new Validator({ schemaBundles: ['/work/shared/kubernetes-schemas/v1.33/_definitions.json'], strict: true });
const orig = v.compileDefinition.bind(v); let n = 0, t = 0; const names = [];
v.compileDefinition = (target) => { const t0 = performance.now(); const had = v.definitions.has(target); const r = orig(target); if (!had) { n++; const dt = performance.now() - t0; t += dt; names.push([target.split('/').pop(), dt.toFixed(1)]); } return r; };
const objs = [];
for (const f of readdirSync('/tmp/hfcorpus/21000').sort().slice(0, 1)) for (const d of splitText(f, readFileSync('/tmp/hfcorpus/21000/' + f))) { const p = parseManifest(d.text, { strict: true }); if (p.value) objs.push(p.value); }
const t0 = performance.now();
for (const o of objs) (await v.lookup(o.apiVersion, o.kind)).validate(o);
console.log('total', (performance.now() - t0).toFixed(0), 'compile', t.toFixed(0), 'defs', n);
console.log(names.map(x => x.join(' ')).join('\n'));
