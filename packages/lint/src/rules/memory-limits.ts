import { resourceRule } from './shared/resource-rule.js';

export const memoryLimits = resourceRule({
  id: 'memory-limits',
  field: 'limits',
  resource: 'memory',
  severity: 'warning',
  why: 'Without a memory limit a leaking container grows until the node runs out of memory and other pods are evicted.',
  kubeLinter: 'unset-memory-requirements',
  polaris: 'memoryLimitsMissing',
});
