import { hostNamespaceRule } from './shared/host-namespace-rule.js';

export const hostPid = hostNamespaceRule('host-pid', 'hostPID', 'process');
