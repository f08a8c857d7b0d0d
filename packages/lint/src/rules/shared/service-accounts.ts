// Which ServiceAccount a pod runs as, and whether its token is mounted.
import type { PodTemplate } from '../../k8s/workload.js';
import { str } from '../../k8s/values.js';
import type { Release, ReleaseObject } from '../../release.js';

/** spec.serviceAccountName, else the deprecated spec.serviceAccount, else ''. */
export function serviceAccountName(pod: PodTemplate): { name: string; at: string } {
  const n = str(pod.spec.serviceAccountName);
  if (n !== undefined && n !== '') return { name: n, at: `${pod.specAt}/serviceAccountName` };
  const d = str(pod.spec.serviceAccount);
  if (d !== undefined && d !== '') return { name: d, at: `${pod.specAt}/serviceAccount` };
  return { name: '', at: pod.specAt };
}

/** Whether the pod gets the API token mounted: the pod's field wins, then the ServiceAccount's (when in the release). */
export function tokenMounted(release: Release, o: ReleaseObject, pod: PodTemplate): boolean {
  if (typeof pod.spec.automountServiceAccountToken === 'boolean') return pod.spec.automountServiceAccountToken;
  const sa = release.find('ServiceAccount', o.namespace, serviceAccountName(pod).name || 'default');
  return sa?.value.automountServiceAccountToken !== false;
}
