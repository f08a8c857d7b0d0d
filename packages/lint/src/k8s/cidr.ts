// IPv4/IPv6 addresses and CIDR ranges, for finding pod and service IPs written into manifests.
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  text: string;
  bits: bigint;
  prefix: number;
  v6: boolean;
}

function ipBits(ip: string): bigint | undefined {
  if (isIPv4(ip)) return ip.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
  if (!isIPv6(ip)) return undefined;
  const [head = '', tail] = ip.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  // an embedded IPv4 tail (::ffff:10.0.0.1) counts as two groups
  const expand = (g: string[]) => g.flatMap((x) => (x.includes('.') ? [((ipBits(x) ?? 0n) >> 16n).toString(16), ((ipBits(x) ?? 0n) & 0xffffn).toString(16)] : [x]));
  const all = tail === undefined ? expand(h) : [...expand(h), ...Array(8 - expand(h).length - expand(t).length).fill('0'), ...expand(t)];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function parseCidr(text: string): Cidr | undefined {
  const [ip = '', len] = text.split('/');
  const bits = ipBits(ip);
  if (bits === undefined) return undefined;
  const v6 = !isIPv4(ip);
  const max = v6 ? 128 : 32;
  const prefix = len === undefined ? max : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { text, bits, prefix, v6 };
}

export function inCidr(ip: string, c: Cidr): boolean {
  const bits = ipBits(ip);
  if (bits === undefined || isIPv4(ip) === c.v6) return false;
  const shift = BigInt((c.v6 ? 128 : 32) - c.prefix);
  return bits >> shift === c.bits >> shift;
}

const NONE: readonly string[] = Object.freeze([]);

/** IP addresses written in a string (`10.16.0.12`, `http://10.96.0.10:53`, `fd00::1`). */
export function ipsIn(text: string): readonly string[] {
  // most strings hold no address: a cheap look for a digit, a dot and a digit, or two colons, first
  if (!/\d\.\d/.test(text) && !/:.*:/.test(text)) return NONE;
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g)) if (isIPv4(m[1] as string)) out.push(m[1] as string);
  for (const m of text.matchAll(/(?<![\w:])([0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7})(?![\w:])/g)) if (isIPv6(m[1] as string)) out.push(m[1] as string);
  return out;
}
