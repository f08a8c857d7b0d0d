// The whole release as rules see it: every object with its identity worked out once, looked up by kind or by
// (kind, namespace, name), and the settings that say what exists outside the release.
import { LabelIndex, type Selector } from './k8s/selector.js';
import { isClusterScoped } from './k8s/scope.js';
import { podTemplate, type PodTemplate } from './k8s/workload.js';
import { rec, str, stringMap } from './k8s/values.js';
import type { Json, LintObject, ReleaseInput } from './types.js';
import type { Cidr } from './k8s/cidr.js';


export class ReleaseObject {
  readonly value: Json;
  readonly apiVersion: string;
  readonly kind: string;
  /** API group (`''` for the core group). */
  readonly group: string;
  readonly name: string;
  /** The object's namespace, or the release's for namespaced kinds that name none; `''` for cluster-scoped kinds. */
  readonly namespace: string;
  private readonly meta: Json | undefined;
  private template: PodTemplate | null | undefined;
  private annotationMap: Record<string, string> | undefined;

  constructor(
    readonly input: LintObject,
    releaseNamespace: string,
  ) {
    const v = input.value;
    const meta = rec(v.metadata);
    this.value = v;
    this.meta = meta;
    this.apiVersion = str(v.apiVersion) ?? '';
    this.kind = str(v.kind) ?? '';
    const slash = this.apiVersion.indexOf('/');
    this.group = slash === -1 ? '' : this.apiVersion.slice(0, slash);
    this.name = str(meta?.name) ?? str(meta?.generateName) ?? '';
    this.namespace = isClusterScoped(this.kind) ? '' : (str(meta?.namespace) ?? releaseNamespace);
  }

  /** metadata.annotations as strings (worked out when first read: most objects are never asked). */
  get annotations(): Record<string, string> {
    this.annotationMap ??= stringMap(this.meta?.annotations);
    return this.annotationMap;
  }

  /** Whether the object has any annotation (without working them out). */
  get annotated(): boolean {
    const a = this.meta?.annotations;
    if (a === null || typeof a !== 'object' || Array.isArray(a)) return false;
    for (const k in a) if (Object.hasOwn(a, k)) return true;
    return false;
  }

  /** The pod template (for kinds that run pods). */
  get pod(): PodTemplate | undefined {
    if (this.template === undefined) this.template = podTemplate(this.kind, this.value) ?? null;
    return this.template ?? undefined;
  }

  /** `Deployment web` (kubectl's way of naming an object). */
  toString(): string {
    return `${this.kind} ${this.name}`;
  }
}

/** A reference the configuration says exists outside the release (a Secret created by hand, a shared PVC). */
export interface ExternalReference {
  kind: string;
  name: string;
  namespace?: string;
  reason?: string;
}

export interface LintSettings {
  /** Pod and Service address ranges: IPs inside them written into manifests are flagged. */
  clusterCidrs: Cidr[];
  /** The API server's --service-node-port-range. */
  nodePortRange: [number, number];
  external: ExternalReference[];
}

export class Release {
  readonly objects: ReleaseObject[];
  readonly namespace: string;
  readonly kubernetesVersion: string;
  private readonly byKind = new Map<string, ReleaseObject[]>();
  /** (built when first asked: the rules that look at one object at a time never ask) */
  private byName: Map<string, Map<string, Map<string, ReleaseObject>>> | undefined;
  private pods: ReleaseObject[] | undefined;
  /** Objects with pods by namespace and pod label (so selectors look at candidates only). */
  private podIndex: LabelIndex<ReleaseObject> | undefined;
  private readonly nameLists = new Map<string, string[]>();

  constructor(
    input: ReleaseInput,
    readonly settings: LintSettings,
  ) {
    this.namespace = input.namespace ?? 'default';
    this.kubernetesVersion = input.kubernetesVersion ?? '1.33.0';
    this.objects = input.objects.map((o) => new ReleaseObject(o, this.namespace));
    for (const o of this.objects) {
      let l = this.byKind.get(o.kind);
      if (l === undefined) this.byKind.set(o.kind, (l = []));
      l.push(o);
    }
  }

  ofKind(...kinds: string[]): ReleaseObject[] {
    if (kinds.length === 1) return this.byKind.get(kinds[0] as string) ?? [];
    return kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  /** The object of a kind with that namespace and name (the first, if the release repeats it). */
  find(kind: string, namespace: string, name: string): ReleaseObject | undefined {
    // kind, then namespace, then name (no key string made per object)
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const o of this.objects) {
        let byNs = this.byName.get(o.kind);
        if (byNs === undefined) this.byName.set(o.kind, (byNs = new Map()));
        let names = byNs.get(o.namespace);
        if (names === undefined) byNs.set(o.namespace, (names = new Map()));
        if (!names.has(o.name)) names.set(o.name, o);
      }
    }
    return this.byName.get(kind)?.get(namespace)?.get(name);
  }

  /** Every object that runs pods. */
  withPods(): ReleaseObject[] {
    this.pods ??= this.objects.filter((o) => o.pod !== undefined);
    return this.pods;
  }

  /** Objects of a namespace whose pod template labels the selector matches. */
  podsMatching(namespace: string, selector: Selector): ReleaseObject[] {
    if (this.podIndex === undefined) {
      this.podIndex = new LabelIndex();
      for (const o of this.withPods()) this.podIndex.add(o.namespace, o.pod?.labels ?? {}, o);
    }
    return this.podIndex.matching(namespace, selector);
  }

  /** Names of the objects of a kind in a namespace. */
  names(kind: string, namespace: string): string[] {
    const key = `${kind}/${namespace}`;
    let names = this.nameLists.get(key);
    if (names === undefined) this.nameLists.set(key, (names = this.ofKind(kind).filter((o) => o.namespace === namespace).map((o) => o.name)));
    return names;
  }

  /** Whether the configuration declares such an object to exist outside the release. */
  isExternal(kind: string, namespace: string, name: string): boolean {
    return this.settings.external.some((e) => e.kind === kind && e.name === name && (e.namespace === undefined || e.namespace === namespace));
  }

  /** Whether the target Kubernetes version is at least `major.minor`. */
  atLeast(minor: number): boolean {
    const m = /^v?(\d+)\.(\d+)/.exec(this.kubernetesVersion);
    if (m === null) return true; // `master`
    return Number(m[1]) > 1 || Number(m[2]) >= minor;
  }
}
