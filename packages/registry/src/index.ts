// The registry chart: schema, defaults, templates and CI scenarios, composed by buildChart.
import { defineSubchart } from '@helmforge/core';
import { defaults } from './defaults.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';

export { schema, defaults, scenarios };
export type { RegistryValues } from './schema.js';

const README = `Runs the CNCF distribution registry (\`registry:2.8\`) as a Deployment (or a StatefulSet with \`kind: StatefulSet\`).

**Configuration.** \`config.yml\` is rendered from \`config\`, \`storage\`, \`auth\`, \`proxy\` and \`metrics\` into a ConfigMap;
a checksum annotation rolls the pod when it changes. Secrets never go into the ConfigMap: \`http.secret\`, S3 keys and
upstream proxy credentials come from the chart Secret as \`REGISTRY_*\` environment variables.

**Authentication.** With \`auth.enabled\` every API call needs basic auth. The chart Secret (\`<release>-registry\`) holds the
htpasswd entry made by Helm's \`htpasswd\` function (bcrypt) from \`auth.username\`/\`auth.password\`, plus the plain
\`username\` and \`password\` keys. An empty \`auth.password\` is generated once and kept across upgrades (\`lookup\`), and
so is \`http.secret\`. Or bring your own htpasswd file with \`auth.existingSecret\`.

**Probes with auth on.** \`GET /v2/\` answers 401 when auth is on, so the probes never use it: liveness is \`GET /\` on
the API port (200 without credentials), readiness is \`GET /debug/health\` on the debug port (200 while the storage driver
is healthy). The debug port also serves \`/metrics\`; it is annotated for Prometheus and never exposed by the Service.

**Storage.** \`persistence.existingClaim\` mounts a claim you made elsewhere: with the nfs-pv chart, whose claims are named
exactly like its volumes, set \`persistence.existingClaim: registry-data\`. Otherwise the chart makes its own claim
(\`persistence.enabled\`), or uses an emptyDir (data lost with the pod), or \`storage.type: s3\`.

**Reaching it.** A \`NodePort\` Service with a fixed \`service.nodePort\` (e.g. 30500) lets every node pull from
\`<node-ip>:30500\`; containerd and Docker must then treat it as an insecure (plain HTTP) registry, see NOTES.txt. Or use
the Ingress with TLS (its default annotations lift nginx's body size limit for large layers).
\`pullSecret.enabled\` creates a \`kubernetes.io/dockerconfigjson\` Secret named \`pullSecret.name\` (default \`registry-pull\`)
that other charts list in \`global.imagePullSecrets\`.

**Garbage collection.** \`garbageCollect.enabled\` adds a weekly CronJob running
\`registry garbage-collect /etc/docker/registry/config.yml\` on the same config and volume. Run it when nobody pushes:
blobs uploaded during a collection can be lost. With a ReadWriteOnce volume the Job must run on the registry's node;
an nfs-pv claim (ReadWriteMany) has no such limit.`;

export const { CHART_NAME, CHART_VERSION, generate } = defineSubchart({
  metadata: {
    name: 'registry',
    description: 'A private container and OCI registry (CNCF distribution 2.8) with htpasswd auth, persistent storage, metrics and optional garbage collection.',
    version: '0.1.0',
    appVersion: defaults.image.tag,
    keywords: ['registry', 'oci', 'docker', 'distribution'],
    sources: ['https://github.com/distribution/distribution'],
  },
  schema,
  defaults,
  scenarios,
  readme: README,
  packageUrl: import.meta.url,
});
export { topology } from './topology.js';
