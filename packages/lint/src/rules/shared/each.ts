// The loops most rules start with.
import type { ContainerRef, PodTemplate } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';

/** Every object with a pod template. */
export function eachPod(release: Release, fn: (o: ReleaseObject, pod: PodTemplate) => void): void {
  for (const o of release.withPods()) fn(o, o.pod as PodTemplate);
}

/** Every container of every pod template (init, regular and ephemeral, as kube-linter's AllContainers). */
export function eachContainer(release: Release, fn: (o: ReleaseObject, c: ContainerRef, pod: PodTemplate) => void): void {
  for (const o of release.withPods()) {
    const pod = o.pod as PodTemplate;
    for (const c of pod.containers) fn(o, c, pod);
  }
}

/** Regular (non-init, non-ephemeral) containers. */
export function eachAppContainer(release: Release, fn: (o: ReleaseObject, c: ContainerRef, pod: PodTemplate) => void): void {
  eachContainer(release, (o, c, pod) => {
    if (c.kind === 'regular') fn(o, c, pod);
  });
}
