import { mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../tools/vitest.shared.js';

export default mergeConfig(packageTestConfig(import.meta.dirname), { test: { globalSetup: ['./test/global-setup.ts'] } });
