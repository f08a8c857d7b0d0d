// Hostile or broken inputs: each gives an error result for its own document, in bounded time and memory, and the
// documents after it are still validated.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES, validateYaml } from './helpers.js';

const VALID = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\ndata: {k: v}\n';

async function badThenValid(bad: string | Buffer): Promise<{ first: { status: string; message?: string } | undefined; last: { status: string; name: string } | undefined; count: number }> {
  const input = Buffer.concat([typeof bad === 'string' ? Buffer.from(bad) : bad, Buffer.from(`\n---\n${VALID}`)]);
  const results = await validateYaml(input, { strict: true });
  return { first: results[0], last: results.at(-1), count: results.length };
}

describe('robustness', () => {
  it('a YAML alias bomb', async () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = await badThenValid(bomb.join('\n'));
    expect(r.first?.status).toBe('error');
    expect(r.first?.message).toMatch(/alias/i);
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('no nesting limit of its own: a valid custom resource 44 levels deep is valid (kubeconform has no limit short of 10,000)', async () => {
    let settings = 'leaf: true';
    for (let i = 0; i < 41; i++) settings = `l${i}:\n${settings.replace(/^/gm, '  ')}`;
    const doc = `apiVersion: example.com/v1\nkind: Config\nmetadata: {name: deep}\nspec:\n  settings:\n${settings.replace(/^/gm, '    ')}\n`;
    const [r] = await validateYaml(doc, { crds: [join(FIXTURES, 'crds', 'example.com_configs.yaml')], strict: true });
    expect(r).toMatchObject({ status: 'valid', kind: 'Config', name: 'deep' });
  });

  it('100,000 levels of nesting: an error for that document only, in bounded time (the stack is the limit)', async () => {
    const n = 100_000;
    for (const deep of [`${'['.repeat(n)}1${']'.repeat(n)}`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n    ${'- '.repeat(n)}x`]) {
      const r = await badThenValid(deep);
      expect(r.first).toMatchObject({ status: 'error', message: 'error unmarshalling resource: document nests too deeply for this validator (its stack is exhausted)' });
      expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
    }
  });

  it('a 10 MB scalar', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const r = await badThenValid(big);
    expect(r.first?.status).toBe('error');
    expect(r.first?.message).toMatch(/document is 10\.0 MiB, over the 3\.0 MiB limit/);
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('a binary file', async () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]);
    const r = await badThenValid(bin);
    expect(r.first?.status).toBe('error');
    expect(r.first?.message).toMatch(/binary data/);
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('invalid UTF-8', async () => {
    const bad = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: '), Buffer.from([0xc3, 0x28]), Buffer.from('}\n')]);
    const r = await badThenValid(bad);
    expect(r.first?.status).toBe('error');
    expect(r.first?.message).toMatch(/invalid UTF-8 at byte 48/);
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('a document that is a bare scalar', async () => {
    const r = await badThenValid('just a string');
    expect(r.first).toMatchObject({ status: 'error', message: expect.stringMatching(/document is a bare string, not a Kubernetes object/) });
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('a document that is an array', async () => {
    const r = await badThenValid('- a\n- b\n');
    expect(r.first).toMatchObject({ status: 'error', message: expect.stringMatching(/document is a sequence \(array\), not a Kubernetes object/) });
    expect(r.last).toMatchObject({ status: 'valid', name: 'after' });
  });

  it('a syntax error names the line', async () => {
    const r = await badThenValid('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
    expect(r.first?.status).toBe('error');
    expect(r.first?.message).toMatch(/error unmarshalling resource/);
    expect(r.last?.status).toBe('valid');
  });
});
