// One Vitest configuration for every package: tests under test/, generous timeouts for real-helm suites,
// and a JSON report per package that tools/test-summary.mjs adds up into the suite's closing line.
import { basename, join } from 'node:path';
import { defineConfig } from 'vitest/config';

export function packageTestConfig(packageDir: string) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      reporters: ['default', 'json'],
      outputFile: { json: join(packageDir, '..', '..', '.test-results', `${basename(packageDir)}.json`) },
    },
  });
}
