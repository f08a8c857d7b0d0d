import { hostNamespaceRule } from './shared/host-namespace-rule.js';

export const hostIpc = hostNamespaceRule('host-ipc', 'hostIPC', 'IPC');
