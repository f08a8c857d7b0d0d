const { Validator } = await import('../dist/validator/validator.js');
const v = new Validator({ schemaBundles: ['/work/shared/kubernetes-schemas/v1.33/_definitions.json'], strict: true });
const orig = v.compileDefinition.bind(v); let n = 0; v.compileDefinition = (t) => { n++; return orig(t); };
const s = await v.lookup('v1', 'ConfigMap');
const doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } }, data: { a: 'b' } };
for (let i = 0; i < 5; i++) console.log(s.validate(doc), n);
console.log(s.validate.toString().slice(0, 3000));
