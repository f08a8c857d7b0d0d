import { hostNamespaceRule } from './shared/host-namespace-rule.js';

export const hostNetwork = hostNamespaceRule('host-network', 'hostNetwork', 'network');
