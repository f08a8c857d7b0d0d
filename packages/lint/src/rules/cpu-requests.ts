import { resourceRule } from './shared/resource-rule.js';

export const cpuRequests = resourceRule({
  id: 'cpu-requests',
  field: 'requests',
  resource: 'cpu',
  severity: 'warning',
  why: 'Without a CPU request the scheduler counts the container as needing no CPU, packs nodes beyond what they can run, and the container gets the smallest share under contention.',
  kubeLinter: 'unset-cpu-requirements',
  polaris: 'cpuRequestsMissing',
});
