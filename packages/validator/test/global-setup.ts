// Once per test run: standalone strict schemas in kubeconform's layout, made from the v1.33 bundle (tools/
// standalone-schemas.mjs: the shape of the kubernetes-json-schema collection, which is not in ../shared and is not
// committed), and a user cache folder of its own, so that the bins the tests spawn keep their compiled validators
// there and not in the home directory. Both are removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStandaloneSchemas } from '../../../tools/standalone-schemas.mjs';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'helmforge-test-'));
  const schemas = join(root, 'schemas');
  writeStandaloneSchemas(join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json'), schemas);
  process.env.HELMFORGE_TEST_STANDALONE = schemas;
  process.env.XDG_CACHE_HOME = join(root, 'user-cache');
  return () => rmSync(root, { recursive: true, force: true });
}
