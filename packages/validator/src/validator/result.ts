// The verdict on one resource, shaped after kubeconform's Result.

export type Status = 'valid' | 'invalid' | 'error' | 'skipped' | 'empty';

export interface SchemaError {
  /** JSON pointer into the resource, e.g. `/spec/replicas` (`''` for the root). */
  path: string;
  message: string;
}

export interface ValidationResult {
  status: Status;
  /** File the resource came from (`stdin` for standard input). */
  filename: string;
  /** 0-based document index in the file. */
  docIndex: number;
  /** 1-based line where the document starts. */
  line: number;
  /** Template path from `helm template`'s `# Source:` comment. */
  source?: string;
  /** Index of the item in a `List` document. */
  itemIndex?: number;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** Why the resource is invalid / could not be validated (kubeconform's `msg`). */
  message?: string;
  /** Individual schema violations of an invalid resource. */
  errors?: SchemaError[];
  /** Set by `validateCommand` for chart renders: values scenario and Kubernetes version. */
  scenario?: string;
  kubernetesVersion?: string;
}

export interface Summary {
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
  empty: number;
  /** Distinct files seen. */
  files: number;
}

export function isFailure(r: ValidationResult): boolean {
  return r.status === 'invalid' || r.status === 'error';
}
