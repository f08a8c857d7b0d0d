// Test kit: a command line that runs in a network namespace of its own whose only interface is loopback, so that a test
// meant to be offline cannot reach the internet even if proxy support broke (HTTPS_PROXY pointing at a refusing local
// port is then the only way out, and it refuses). Needs root (unshare) and iproute2 (ip), as CI has.
export function offline(argv: string[]): { command: string; args: string[] } {
  return { command: 'unshare', args: ['--net', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'offline', ...argv] };
}
