import { resourceRule } from './shared/resource-rule.js';

export const cpuLimits = resourceRule({
  id: 'cpu-limits',
  field: 'limits',
  resource: 'cpu',
  severity: 'info',
  why: 'Without a CPU limit a container may use every idle core of its node; many teams prefer that (limits throttle), so this is information only.',
  polaris: 'cpuLimitsMissing',
});
