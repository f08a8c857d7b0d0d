// What the rule engine takes in (the objects of one release) and gives back (findings), and what a rule is.
import type { Release } from './release.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Category = 'security' | 'reliability' | 'cross-resource' | 'deprecation' | 'portability' | 'api';
export const CATEGORIES: readonly Category[] = ['api', 'security', 'reliability', 'cross-resource', 'deprecation', 'portability'];

export type Json = Record<string, unknown>;

/** One parsed Kubernetes object of a release, and where its text is. */
export interface LintObject {
  value: Json;
  /** File the object came from, or for chart renders the template (`# Source:`). */
  file: string;
  /** 0-based index of the document in the file (in the whole render for charts). */
  docIndex: number;
  /** 1-based line of the document's first line in its file (in the rendered stream for charts). */
  line: number;
  /** Index of the item when the document is a `List`. */
  itemIndex?: number;
  /** Template path from `helm template`'s `# Source:` comment. */
  source?: string;
}

/** The objects of one render (one chart, values scenario and Kubernetes version) or of one set of manifests. */
export interface ReleaseInput {
  objects: LintObject[];
  /** Values scenario the objects were rendered with (chart renders). */
  scenario?: string;
  /** Kubernetes version the release is checked for, e.g. `1.33.0`. */
  kubernetesVersion?: string;
  /** Namespace of objects that name none (helm template's default is `default`). */
  namespace?: string;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  object: ObjectRef;
  /** JSON pointer into the object (`''` for the object itself). */
  pointer: string;
  file: string;
  /** 1-based line where the object's document starts in `file`. */
  line: number;
  docIndex: number;
  itemIndex?: number;
  source?: string;
  /** Values scenarios (chart renders) in which the finding was made. */
  scenarios?: string[];
  kubernetesVersion?: string;
  /** The offending scalar, when there is one: what the values key is looked up by. */
  evidence?: string | number | boolean;
  /** Filled in by `locateFindings`: the pointer's position in the file, and within the rendered template. */
  position?: { line: number; column: number };
  templateLine?: number;
  /** Filled in by the caller's provenance: the values key the value came from, and its origin in a stack file. */
  valuesKey?: string;
  origin?: { file: string; line: number; column: number; key: string };
}

/** A rule reports through this; the engine adds the rule's identity, severity and the object's place. */
export type Report = (object: import('./release.js').ReleaseObject, pointer: string, message: string, extra?: { severity?: Severity; evidence?: unknown }) => void;

export interface Rule {
  /** Stable identifier (kebab-case): used in annotations, config and output. */
  id: string;
  category: Category;
  severity: Severity;
  /** Kinds the rule looks at (`DeploymentLike` = every kind with a pod template), for the docs. */
  kinds: string[];
  /** One paragraph: what the rule finds and why it matters. */
  description: string;
  remediation: string;
  /** Off unless included by config. */
  enabledByDefault?: false;
  /**
   * `object`: an object's findings depend on that object alone (and the settings), so the engine may run the rule over
   * any part of the release (a stream of manifests, as it arrives). Otherwise the rule needs the whole release.
   */
  scope?: 'object';
  /** kube-linter check names this rule answers to (its annotations and config keep working). */
  kubeLinter?: string[];
  /** Polaris check IDs (`polaris.fairwinds.com/<id>-exempt`). */
  polaris?: string[];
  /** kube-score check IDs (`kube-score/ignore`). */
  kubeScore?: string[];
  check(release: Release, report: Report): void;
}
