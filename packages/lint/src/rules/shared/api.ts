// The API server's way of wording a rejected field (apimachinery's field.Error): `spec.ports[0].name: Required
// value`, `…: Invalid value: "Web_App": …`. Rules of the api category report with these, so that a finding reads
// like what `kubectl apply` or `helm install` would print.
import { segmentsOf } from '../../k8s/values.js';

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
export function fieldPath(pointer: string): string {
  let out = '';
  for (const seg of segmentsOf(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}

/** A value the message shows as it is (Go's %#v of a map, say), not quoted. */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's %#v of a string map, as the API server prints labels: `map[string]string{"app":"web"}` (keys sorted). */
export function goMapLiteral(m: Record<string, string>): GoLiteral {
  return new GoLiteral(`map[string]string{${Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`);
}

/** A value as Go's %q / %v print it in the API server's messages. */
function goValue(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

export const invalid = (path: string, value: unknown, detail: string) => `${path}: Invalid value: ${goValue(value)}: ${detail}`;
export const required = (path: string, detail?: string) => `${path}: Required value${detail ? `: ${detail}` : ''}`;
export const duplicate = (path: string, value: unknown) => `${path}: Duplicate value: ${goValue(value)}`;
export const notFound = (path: string, value: unknown) => `${path}: Not found: ${goValue(value)}`;
export const forbidden = (path: string, detail: string) => `${path}: Forbidden: ${detail}`;
export const tooLong = (path: string, max: number) => `${path}: Too long: must have at most ${max} bytes`;
export const unsupported = (path: string, value: unknown, supported: string[]) => `${path}: Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
