// The app-with-probes chart: schema, defaults, templates and CI scenarios, composed by buildChart.
import { defineSubchart } from '@helmforge/core';
import { defaults } from './defaults.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';

export { schema, defaults, scenarios };
export type { AppValues } from './schema.js';

const README = `Used once per application through Helm dependency aliases (for example \`web\` and \`api\` in the umbrella chart).

**Zero-downtime rollouts.** The default strategy is \`RollingUpdate\` with \`maxUnavailable: 0\` and \`maxSurge: 1\`:
Kubernetes starts one new pod, waits until its readiness probe passes for \`minReadySeconds\`, and only then
removes an old one. A release whose pods never become ready therefore stalls (reported after
\`progressDeadlineSeconds\`) while every old replica keeps serving; \`helm rollback\` ends it.

**Probes.** \`startupProbe\` holds off liveness checks while the application starts; \`readinessProbe\` gates traffic;
\`livenessProbe\` restarts a hung container. Each takes exactly one handler: \`httpGet\`, \`tcpSocket\`, \`exec\` or \`grpc\`.

**Config.** \`config.env\`/\`secret.env\` become a ConfigMap/Secret loaded with \`envFrom\`; \`config.files\`/\`secret.files\`
are mounted as files. Their checksums are pod annotations, so a config change rolls the pods.`;

export const { CHART_NAME, CHART_VERSION, generate } = defineSubchart({
  metadata: {
    name: 'app-with-probes',
    description: 'An application Deployment with liveness, readiness and startup probes, zero-downtime rolling updates, Service, config, HPA, PDB and Ingress.',
    version: '0.1.0',
    appVersion: defaults.image.tag,
    keywords: ['deployment', 'probes', 'rolling-update'],
  },
  schema,
  defaults,
  scenarios,
  readme: README,
  packageUrl: import.meta.url,
});
export { topology } from './topology.js';
