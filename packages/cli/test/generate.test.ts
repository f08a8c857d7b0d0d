// `helmforge generate` end to end through the built CLI: output, determinism, --check, bad input, and the directories
// it refuses to write to.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree } from '@helmforge/core';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { FIXTURES, helmforge as run, workspace } from './support.js';

const helmforge = (args: string[], cwd: string) => run(args, cwd);

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

  it('accepts a stack file that starts with a UTF-8 byte-order mark', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'bom.yaml'), `\ufeff${readFileSync(join(dir, 'helmforge.yaml'), 'utf8')}`);
    expect(helmforge(['generate', '--config', 'bom.yaml'], dir)).toMatchObject({ status: 0, stderr: '' });
    expect(helmforge(['generate', '--check'], dir).status).toBe(0);
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
      ['wrong-type.yaml', /wrong-type\.yaml:11:22: must be integer \(at \/apps\/web\/readinessProbe\/periodSeconds\)/, /^/],
      ['bad-name.yaml', /bad-name\.yaml:4:9: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, e\.g\. `my-app` \(at \/metadata\/name\)\n$/, /^/],
      ['bad-app-name.yaml', /bad-app-name\.yaml:9:3: the name "Web_App" must be a DNS-1123 label: .* \(at \/apps\/Web_App\)/, /^/],
      ['bad-semver.yaml', /bad-semver\.yaml:5:12: must be a semantic version \(SemVer 2\) such as `0\.1\.0` or `1\.2\.0-rc\.1` \(at \/metadata\/version\)\n$/, /^/],
      ['bad-quantity.yaml', /bad-quantity\.yaml:12:17: must be a quantity such as `500m`, `256Mi`, `10Gi` or `1\.5` \(at \/apps\/web\/resources\/requests\/memory\)\n$/, /^/],
      ['bad-enabled.yaml', /bad-enabled\.yaml:9:12: must be boolean \(at \/registry\/enabled\)/, /^/],
      ['merged-invalid.yaml', /merged-invalid\.yaml:11:7: missing required key "tcpSocket" \(at \/apps\/web\/livenessProbe\)/, /^/],
    ])('%s', (fixture, message, hint) => {
      const dir = workspace();
      expect(helmforge(['generate'], dir).status).toBe(0);
      const before = readTree(dir);
      cpSync(join(FIXTURES, fixture), join(dir, fixture));
      const r = helmforge(['generate', '--config', fixture], dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(hint);
      before.set(fixture, readTree(dir).get(fixture) ?? '');
      expect(readTree(dir)).toEqual(before);
    });

    it('a missing stack file says which and what to do', () => {
      const r = helmforge(['generate', '--config', 'nope.yaml'], tempDir('cli'));
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/nope\.yaml/);
      expect(r.stderr).toMatch(/helmforge init/);
    });
  });
});

describe('helmforge init and schema', () => {
  it('init writes the starter stack, which generates, and refuses to overwrite it', () => {
    const dir = tempDir('cli');
    expect(helmforge(['init'], dir).status).toBe(0);
    expect(helmforge(['generate'], dir).status).toBe(0);
    const again = helmforge(['init'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists.*\n.*--force/s);
  });

  it('the committed helmforge.yaml is the starter stack', () => {
    const dir = tempDir('cli');
    helmforge(['init'], dir);
    expect(readFileSync(join(dir, 'helmforge.yaml'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8'));
  });

  it('schema prints the stack schema and a subchart schema', () => {
    const stack = JSON.parse(helmforge(['schema'], REPO_ROOT).stdout) as { title: string };
    expect(stack.title).toBe('helmforge stack file');
    const app = JSON.parse(helmforge(['schema', '--chart', 'app-with-probes'], REPO_ROOT).stdout) as { properties: object };
    expect(Object.keys(app.properties)).toContain('readinessProbe');
    const unknown = helmforge(['schema', '--chart', 'nope'], REPO_ROOT);
    expect(unknown.stderr).toBe('helmforge schema: unknown chart "nope"; known charts: nfs-pv, registry, monitoring, jobs, app-with-probes\n');
    expect(unknown.status).toBe(2);
  });

  it.each(['generate', 'init', 'schema', 'validate', 'package', 'push'])('%s --help describes the command', (command) => {
    const r = helmforge([command, '--help'], REPO_ROOT);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Usage: helmforge ${command}`));
  });
});

describe('generate writes only where it owns the target', () => {
  /** A workspace as a user has it: the stack file, a note of their own, and the generated trees. */
  function userRepo(): string {
    const dir = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    expect(helmforge(['generate'], dir).status).toBe(0);
    return dir;
  }

  it.each([
    [['--schemas', '.'], 'refusing to write to . (--schemas): it is the current directory, and generate replaces its target as a whole; give --schemas a directory of its own, e.g. --schemas schemas. Nothing was changed.'],
    [['--schemas', '..'], 'refusing to write to .. (--schemas): it contains the current directory'],
    [['--schemas', 'charts/platform'], 'refusing to write to charts/platform (--out): it overlaps charts/platform (--schemas), and each is replaced as a whole; give --out and --schemas separate directories.'],
    [['--schemas', 'charts'], 'refusing to write to charts/platform (--out): it overlaps charts (--schemas)'],
    [['--schemas', 'notes.txt'], 'refusing to write to notes.txt (--schemas): it is a file, and generate writes a directory there'],
    [['--out', 'notes.txt'], 'refusing to write to notes.txt/platform (--out): a part of that path is a file, not a directory'],
    [['--schemas', 'conf'], 'refusing to write to conf (--schemas): it holds the stack file conf/helmforge.yaml'],
    [['--schemas', 'docs'], 'refusing to write to docs (--schemas): it is a non-empty directory that helmforge did not generate (it has no .helmforge-manifest), and generate would replace all of it; give --schemas an empty or new directory, or move docs away first.'],
    [['--schemas', 'link'], 'refusing to write to link (--schemas): it is a symbolic link, which generate would replace by a directory; give the directory it points to instead.'],
  ])('refuses %j with the reason and the remedy, exit 1, nothing changed', (args, message) => {
    const dir = userRepo();
    mkdirSync(join(dir, 'conf'));
    cpSync(join(dir, 'helmforge.yaml'), join(dir, 'conf', 'helmforge.yaml'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'guide.md'), '# guide\n');
    symlinkSync('schemas', join(dir, 'link'));
    const before = readTree(dir);
    const config = args.includes('conf') ? ['--config', 'conf/helmforge.yaml'] : [];
    const r = helmforge(['generate', ...args, ...config], dir);
    expect(r.stderr.startsWith(`helmforge generate: ${message}`), r.stderr).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readTree(dir)).toEqual(before);
  });

  it('names the files a user added inside a generated tree and refuses, unless --force', () => {
    const dir = userRepo();
    writeFileSync(join(dir, 'charts', 'platform', 'templates', 'extra.yaml'), 'kind: ConfigMap\n');
    writeFileSync(join(dir, 'schemas', 'notes.md'), 'mine\n');
    const before = readTree(dir);
    const r = helmforge(['generate'], dir);
    expect(r.stderr).toBe(
      'helmforge generate: refusing to delete 2 files that helmforge did not generate: charts/platform/templates/extra.yaml, schemas/notes.md; move them out of the generated tree (generate replaces it as a whole), or pass --force to delete them. Nothing was changed.\n',
    );
    expect(r.status).toBe(1);
    expect(readTree(dir)).toEqual(before);
    const forced = helmforge(['generate', '--force'], dir);
    expect(forced.stderr).toBe('deleted charts/platform/templates/extra.yaml (--force)\ndeleted schemas/notes.md (--force)\n');
    expect(forced.status).toBe(0);
    expect(helmforge(['generate', '--check'], dir).status).toBe(0);
  });

  it('removes files it generated before that the stack no longer produces, without asking', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'helmforge.yaml'), `${readFileSync(join(dir, 'helmforge.yaml'), 'utf8').trimEnd()}\n  extra:\n    replicaCount: 1\n`);
    expect(helmforge(['generate'], dir).status).toBe(0);
    expect(readTree(join(dir, 'charts', 'platform')).has('ci/without-extra-values.yaml')).toBe(true);
    cpSync(join(REPO_ROOT, 'helmforge.yaml'), join(dir, 'helmforge.yaml'));
    expect(helmforge(['generate'], dir)).toMatchObject({ status: 0, stderr: '' });
    expect(readTree(join(dir, 'charts', 'platform')).has('ci/without-extra-values.yaml')).toBe(false);
  });

  it('writes into an empty directory and adopts an output tree from before manifests', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'empty'));
    expect(helmforge(['generate', '--schemas', 'empty'], dir).status).toBe(0);
    const old = workspace();
    cpSync(join(REPO_ROOT, 'schemas'), join(old, 'schemas'), { recursive: true });
    cpSync(join(REPO_ROOT, 'charts'), join(old, 'charts'), { recursive: true });
    // as an earlier helmforge wrote them: no manifests (the chart still has its annotation)
    rmSync(join(old, 'schemas', '.helmforge-manifest'));
    rmSync(join(old, 'charts', 'platform', '.helmforge-manifest'));
    expect(helmforge(['generate'], old)).toMatchObject({ status: 0, stderr: '' });
  });

  it('init refuses a directory, and an existing file unless --force', () => {
    const dir = tempDir('cli');
    mkdirSync(join(dir, 'conf'));
    const r = helmforge(['init', '--config', 'conf'], dir);
    expect(r.stderr).toBe('helmforge init: refusing to write the stack file to conf: it is a directory, not a file; pass --config with a file path. Nothing was changed.\n');
    expect(r.status).toBe(1);
    expect(helmforge(['init', '--config', 'conf', '--force'], dir).status).toBe(1);
    expect(readdirSync(dir)).toEqual(['conf']);
  });
});
