import { resourceRule } from './shared/resource-rule.js';

export const memoryRequests = resourceRule({
  id: 'memory-requests',
  field: 'requests',
  resource: 'memory',
  severity: 'warning',
  why: 'Without a memory request the scheduler places the container as if it used no memory, and the node\'s out-of-memory killer picks it first.',
  polaris: 'memoryRequestsMissing',
});
