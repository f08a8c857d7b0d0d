// `helmforge generate` end to end through the built CLI: output, determinism, --check, and bad input.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree } from '@helmforge/core';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'helmforge.mjs');
const FIXTURES = join(import.meta.dirname, 'fixtures');

function helmforge(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(stack = join(REPO_ROOT, 'helmforge.yaml')): string {
  const dir = mkdtempSync(join(tmpdir(), 'helmforge-cli-'));
  cpSync(stack, join(dir, 'helmforge.yaml'));
  return dir;
}

describe('helmforge generate', () => {
  it('writes charts/<name>/ and schemas/, byte-identical on a second run', () => {
    const dir = workspace();
    expect(helmforge(['generate'], dir)).toMatchObject({ status: 0 });
    const first = readTree(dir);
    expect(helmforge(['generate'], dir)).toMatchObject({ status: 0 });
    expect(readTree(dir)).toEqual(first);
    expect([...first.keys()]).toEqual(expect.arrayContaining(['charts/platform/Chart.yaml', 'charts/platform/values.schema.json', 'schemas/helmforge.schema.json', 'helmforge.yaml']));
    for (const [path, content] of first) {
      expect(content.endsWith('\n') && !content.endsWith('\n\n'), path).toBe(true);
      expect(content.includes('\r'), path).toBe(false);
    }
  });

  it('--check is clean on the committed tree', () => {
    const r = helmforge(['generate', '--check'], REPO_ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--check lists stale, missing and extra files and writes nothing', () => {
    const dir = workspace();
    helmforge(['generate'], dir);
    writeFileSync(join(dir, 'charts/platform/values.yaml'), 'edited: by hand\n');
    writeFileSync(join(dir, 'schemas/stray.json'), '{}\n');
    const before = readTree(dir);
    const r = helmforge(['generate', '--check'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/changed +charts\/platform\/values\.yaml/);
    expect(r.stderr).toMatch(/extra +schemas\/stray\.json/);
    expect(readTree(dir)).toEqual(before);
  });

  it('honours --config and --out', () => {
    const dir = workspace(join(FIXTURES, 'minimal.yaml'));
    const r = helmforge(['generate', '--config', 'helmforge.yaml', '--out', 'build/charts', '--schemas', 'build/schemas'], dir);
    expect(r.status).toBe(0);
    expect(readTree(join(dir, 'build/charts/mini')).has('Chart.yaml')).toBe(true);
  });

  describe('bad input: exit 1, file:line:column and JSON pointer, and nothing on disk changes', () => {
    it.each([
      ['malformed.yaml', /malformed\.yaml:6:3: Flow sequence/, /fix the YAML syntax/],
      ['unknown-key.yaml', /unknown-key\.yaml:8:3: unknown key "colour" \(at \/metadata\/colour\)/, /remove it or check its spelling/],
      ['wrong-type.yaml', /wrong-type\.yaml:11:22: must be integer \(at \/apps\/web\/readinessProbe\/periodSeconds\)/, undefined],
      ['bad-name.yaml', /bad-name\.yaml:4:9: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, e\.g\. `my-app` \(at \/metadata\/name\)\n$/, undefined],
      ['bad-app-name.yaml', /bad-app-name\.yaml:9:3: the name "Web_App" must be a DNS-1123 label: .* \(at \/apps\/Web_App\)/, undefined],
      ['bad-semver.yaml', /bad-semver\.yaml:5:12: must be a semantic version \(SemVer 2\) such as `0\.1\.0` or `1\.2\.0-rc\.1` \(at \/metadata\/version\)\n$/, undefined],
      ['bad-quantity.yaml', /bad-quantity\.yaml:12:17: must be a quantity such as `500m`, `256Mi`, `10Gi` or `1\.5` \(at \/apps\/web\/resources\/requests\/memory\)\n$/, undefined],
      ['bad-enabled.yaml', /bad-enabled\.yaml:9:12: must be boolean \(at \/registry\/enabled\)/, undefined],
      ['merged-invalid.yaml', /merged-invalid\.yaml:11:7: missing required key "tcpSocket" \(at \/apps\/web\/livenessProbe\)/, undefined],
    ])('%s', (fixture, message, hint) => {
      const dir = workspace();
      expect(helmforge(['generate'], dir).status).toBe(0);
      const before = readTree(dir);
      cpSync(join(FIXTURES, fixture), join(dir, fixture));
      const r = helmforge(['generate', '--config', fixture], dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      if (hint) expect(r.stderr).toMatch(hint);
      before.set(fixture, readTree(dir).get(fixture) ?? '');
      expect(readTree(dir)).toEqual(before);
    });

    it('a missing stack file says which and what to do', () => {
      const r = helmforge(['generate', '--config', 'nope.yaml'], mkdtempSync(join(tmpdir(), 'helmforge-cli-')));
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/nope\.yaml/);
      expect(r.stderr).toMatch(/helmforge init/);
    });
  });
});

describe('helmforge init and schema', () => {
  it('init writes the starter stack, which generates, and refuses to overwrite it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmforge-cli-'));
    expect(helmforge(['init'], dir).status).toBe(0);
    expect(helmforge(['generate'], dir).status).toBe(0);
    const again = helmforge(['init'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists.*\n.*--force/s);
  });

  it('the committed helmforge.yaml is the starter stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmforge-cli-'));
    helmforge(['init'], dir);
    expect(readFileSync(join(dir, 'helmforge.yaml'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8'));
  });

  it('schema prints the stack schema and a subchart schema', () => {
    const stack = JSON.parse(helmforge(['schema'], REPO_ROOT).stdout) as { title: string };
    expect(stack.title).toBe('helmforge stack file');
    const app = JSON.parse(helmforge(['schema', '--chart', 'app-with-probes'], REPO_ROOT).stdout) as { properties: object };
    expect(Object.keys(app.properties)).toContain('readinessProbe');
    expect(helmforge(['schema', '--chart', 'nope'], REPO_ROOT).status).toBe(1);
  });

  it.each(['generate', 'init', 'schema', 'validate'])('%s --help describes the command', (command) => {
    const r = helmforge([command, '--help'], REPO_ROOT);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Usage: helmforge ${command}`));
  });
});
